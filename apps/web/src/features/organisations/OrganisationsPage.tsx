/**
 * 单位管理 — RuoYi pattern: region tree, query form, toolbar, server-paged table sortable by column
 * (names by pinyin, on the server), 查看 drawer with the history, drawer form.
 */
import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { organisationKinds, organisationSortKeys, type OrganisationSortKey } from '@ohp/contracts';
import { App, Button, Popconfirm, Tag, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime, kindLabel } from '../../shared/format';
import { useListTotal } from '../../shared/ListTotal';
import { RegionPicker } from '../../shared/RegionPicker';
import { RegionTree } from '../../shared/RegionTree';
import { SidePanelLayout } from '../../shared/SidePanelLayout';
import type { Organisation } from '../../shared/types';
import { deleteOrganisation, exportOrganisations, listOrganisations } from './api';
import { ImportModal } from './ImportModal';
import { OrganisationDetail } from './OrganisationDetail';
import { OrganisationForm } from './OrganisationForm';
import { cutCell } from '../../shared/Ellipsis';

type Filters = { name?: string; kind?: string; regionCode?: string; creditCode?: string };

/**
 * Column widths (px). Beside a 220 px region tree at 1440 px the table has about 920 px: these, the
 * actions, the checkboxes and a name of at least 160 px fit without scrolling.
 */
const WIDTH = {
  name: 160,
  creditCode: 164,
  regionCode: 92,
  kind: 88,
  industry: 96,
  employees: 88,
  status: 60,
};

/** The server's sort parameter for the table's sorted column (the default: names by pinyin). */
const sortParam = (sort: Record<string, 'ascend' | 'descend' | null>): string | undefined => {
  const [column, order] = Object.entries(sort).find(([, o]) => o) ?? [];
  if (!column || !order || !organisationSortKeys.includes(column as OrganisationSortKey)) return undefined;
  return order === 'descend' ? `-${column}` : column;
};

export const OrganisationsPage = () => {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const { message, modal } = App.useApp();
  const action = useRef<ActionType>();
  const listTotal = useListTotal(action);
  const lastQuery = useRef<Query>({});
  const [treeRegion, setTreeRegion] = useState<string | undefined>();
  const [selected, setSelected] = useState<Organisation[]>([]);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [viewing, setViewing] = useState<number | null>(null);
  const rootCode = me?.organisation.regionCode ?? null;
  // Selection serves the toolbar's 修改 (one row) and 删除 (many): no checkboxes for whoever has neither.
  const selectable = can('organisations:update') || can('organisations:delete');

  const openForm = (rec: Organisation | null) => {
    setEditing(rec);
    setFormOpen(true);
  };

  const remove = async (rows: Organisation[]) => {
    try {
      for (const r of rows) await deleteOrganisation(r.id);
      void message.success(t('common.deleted'));
      setSelected([]);
      void action.current?.reload();
    } catch (e) {
      reportError(message, e);
      void action.current?.reload();
    }
  };

  // 查看 for everyone, 修改 and 删除 for those who may.
  const actionsWidth =
    24 + 36 * (1 + Number(can('organisations:update')) + Number(can('organisations:delete')));
  const tableWidth = Object.values(WIDTH).reduce((a, b) => a + b, 0) + actionsWidth + (selectable ? 32 : 0);

  const kindEnum = Object.fromEntries(organisationKinds.map((k) => [k, { text: kindLabel(k) }]));

  // At 1440 px the key columns fit beside the region tree without scrolling; long names, types and
  // industries are cut with an ellipsis and shown whole on hover and in 查看.
  const columns: ProColumns<Organisation>[] = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      ...cutCell('name'),
      sorter: true,
      defaultSortOrder: 'ascend',
      fieldProps: { placeholder: t('org.namePlaceholder') },
      render: (_, r) => (
        <a onClick={() => setViewing(r.id)} title={r.name} data-testid="org-name-link">
          {r.name}
        </a>
      ),
    },
    {
      title: t('org.creditCode'),
      dataIndex: 'creditCode',
      width: WIDTH.creditCode,
      sorter: true,
      render: (_, r) =>
        r.creditCode ? (
          <Typography.Text style={{ fontFamily: 'monospace', fontSize: 13 }}>{r.creditCode}</Typography.Text>
        ) : (
          '-'
        ),
    },
    {
      title: t('org.regionName'),
      dataIndex: 'regionCode',
      width: WIDTH.regionCode,
      colSize: 2,
      sorter: true,
      ...cutCell(),
      render: (_, r) => <span title={`${r.regionName}（${r.regionCode}）`}>{r.regionName}</span>,
      renderFormItem: () => <RegionPicker rootCode={rootCode} />,
    },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      valueType: 'select',
      valueEnum: kindEnum,
      width: WIDTH.kind,
      ...cutCell(),
      render: (_, r) => kindLabel(r.kind),
    },
    {
      title: t('org.industry'),
      dataIndex: 'industryName',
      width: WIDTH.industry,
      search: false,
      ...cutCell('industryName'),
      render: (_, r) =>
        r.industryName ? <span title={`${r.industryName}（${r.industryCode}）`}>{r.industryName}</span> : '-',
    },
    {
      title: t('org.employees'),
      dataIndex: 'employees',
      width: WIDTH.employees,
      search: false,
      sorter: true,
      align: 'right',
    },
    {
      title: t('org.status'),
      dataIndex: 'status',
      width: WIDTH.status,
      search: false,
      render: (_, r) =>
        r.status === 'active' ? (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            {t('org.statusActive')}
          </Tag>
        ) : (
          <Tag style={{ marginInlineEnd: 0 }}>{t('org.statusInactive')}</Tag>
        ),
    },
    {
      title: t('common.createdAt'),
      dataIndex: 'createdAt',
      width: 160,
      search: false,
      hideInTable: true,
      render: (_, r) => fmtDateTime(r.createdAt),
    },
    {
      title: t('common.actions'),
      valueType: 'option',
      width: actionsWidth,
      fixed: 'right',
      render: (_, r) => [
        <a key="view" onClick={() => setViewing(r.id)} data-testid="org-view">
          {t('org.view')}
        </a>,
        r.abilities.update ? (
          <a key="edit" onClick={() => openForm(r)}>
            {t('common.edit')}
          </a>
        ) : null,
        r.abilities.delete ? (
          <Popconfirm
            key="del"
            title={t('common.confirmDelete', { name: r.name })}
            onConfirm={() => remove([r])}
          >
            <a style={{ color: '#ff4d4f' }}>{t('common.delete')}</a>
          </Popconfirm>
        ) : null,
      ],
    },
  ];

  const single = selected.length === 1 ? selected[0] : undefined;

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <SidePanelLayout
        sideWidth={220}
        sideTitle={t('org.regionTree')}
        side={
          <RegionTree
            rootCode={rootCode}
            selected={treeRegion}
            onSelect={(c) => {
              setTreeRegion(c);
              action.current?.setPageInfo?.({ current: 1 });
            }}
          />
        }
      >
        <ProTable<Organisation, Filters & { treeRegion?: string }>
          key={i18n.language}
          rowKey="id"
          actionRef={action}
          columns={columns}
          params={{ treeRegion }}
          // Narrower than 1440 px (or with a longer language), the table scrolls with the name kept.
          scroll={{ x: tableWidth }}
          search={{
            labelWidth: 'auto',
            defaultCollapsed: false,
            span: { xs: 24, sm: 24, md: 12, lg: 12, xl: 8, xxl: 6 },
          }}
          form={{ syncToUrl: false }}
          // 重置 clears the region tree's choice too, not only the query form.
          onReset={() => setTreeRegion(undefined)}
          pagination={{
            defaultPageSize: 20,
            showSizeChanger: true,
            showQuickJumper: true,
            showTotal: listTotal.showTotal,
          }}
          rowSelection={
            selectable
              ? {
                  selectedRowKeys: selected.map((s) => s.id),
                  onChange: (_, rows) => setSelected(rows),
                }
              : false
          }
          tableAlertRender={false}
          headerTitle={t('org.title')}
          request={async (params, sort) => {
            const query: Query = {
              q: params.name,
              kind: params.kind,
              regionCode: params.regionCode || params.treeRegion,
              creditCode: params.creditCode,
              sort: sortParam(sort),
            };
            lastQuery.current = query;
            try {
              const res = await listOrganisations({
                ...query,
                // The order does not change the total.
                ...listTotal.param({ ...query, sort: undefined }),
                page: params.current ?? 1,
                pageSize: params.pageSize ?? 20,
              });
              listTotal.seen(res);
              return { data: res.data, total: res.total, success: true };
            } catch (e) {
              reportError(message, e);
              return { data: [], total: 0, success: false };
            }
          }}
          toolBarRender={() => [
            can('organisations:create') ? (
              <Button
                key="add"
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => openForm(null)}
                data-testid="org-add"
              >
                {t('common.add')}
              </Button>
            ) : null,
            can('organisations:update') ? (
              <Button
                key="edit"
                icon={<EditOutlined />}
                disabled={!single?.abilities.update}
                onClick={() => single && openForm(single)}
              >
                {t('common.edit')}
              </Button>
            ) : null,
            can('organisations:delete') ? (
              <Button
                key="del"
                danger
                icon={<DeleteOutlined />}
                disabled={selected.length === 0 || selected.some((s) => !s.abilities.delete)}
                onClick={() =>
                  modal.confirm({
                    title: t('common.confirmDelete', { name: selected.map((s) => s.name).join('、') }),
                    onOk: () => remove(selected),
                  })
                }
              >
                {t('common.delete')}
              </Button>
            ) : null,
            can('organisations:import') ? (
              <Button
                key="imp"
                icon={<UploadOutlined />}
                onClick={() => setImportOpen(true)}
                data-testid="org-import"
              >
                {t('common.import')}
              </Button>
            ) : null,
            can('organisations:export') ? (
              <Button
                key="exp"
                icon={<DownloadOutlined />}
                onClick={() => {
                  void exportOrganisations(lastQuery.current)
                    .then(() => message.success(t('org.exported')))
                    .catch((e: unknown) => reportError(message, e));
                }}
                data-testid="org-export"
              >
                {t('common.export')}
              </Button>
            ) : null,
          ]}
        />
      </SidePanelLayout>
      <OrganisationForm
        open={formOpen}
        record={editing}
        onOpenChange={setFormOpen}
        onSaved={() => {
          setFormOpen(false);
          void action.current?.reload();
        }}
      />
      <OrganisationDetail id={viewing} onClose={() => setViewing(null)} />
      <ImportModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={() => void action.current?.reload()}
      />
    </PageContainer>
  );
};
