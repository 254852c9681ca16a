/** 单位管理 — RuoYi pattern: region tree, query form, toolbar, server-paged table, drawer form. */
import {
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  PlusOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { PageContainer, ProTable, type ActionType, type ProColumns } from '@ant-design/pro-components';
import { organisationKinds } from '@ohp/contracts';
import { App, Button, Popconfirm, Tag } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import type { Query } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDateTime, kindLabel } from '../../shared/format';
import { RegionPicker } from '../../shared/RegionPicker';
import { RegionTree } from '../../shared/RegionTree';
import { SidePanelLayout } from '../../shared/SidePanelLayout';
import type { Organisation } from '../../shared/types';
import { deleteOrganisation, exportOrganisations, listOrganisations } from './api';
import { ImportModal } from './ImportModal';
import { OrganisationForm } from './OrganisationForm';

type Filters = { name?: string; kind?: string; regionCode?: string; creditCode?: string };

export const OrganisationsPage = () => {
  const { t, i18n } = useTranslation();
  const { me, can } = useAuth();
  const { message, modal } = App.useApp();
  const action = useRef<ActionType>();
  const lastQuery = useRef<Query>({});
  const [treeRegion, setTreeRegion] = useState<string | undefined>();
  const [selected, setSelected] = useState<Organisation[]>([]);
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const rootCode = me?.organisation.regionCode ?? null;

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

  const kindEnum = Object.fromEntries(organisationKinds.map((k) => [k, { text: kindLabel(k) }]));

  const columns: ProColumns<Organisation>[] = [
    {
      title: t('org.name'),
      dataIndex: 'name',
      ellipsis: true,
      width: 250,
      fieldProps: { placeholder: t('org.namePlaceholder') },
    },
    {
      title: t('org.kind'),
      dataIndex: 'kind',
      valueType: 'select',
      valueEnum: kindEnum,
      width: 150,
      render: (_, r) => kindLabel(r.kind),
    },
    {
      title: t('org.regionName'),
      dataIndex: 'regionCode',
      width: 120,
      colSize: 2,
      render: (_, r) => r.regionName,
      renderFormItem: () => <RegionPicker rootCode={rootCode} />,
    },
    { title: t('org.creditCode'), dataIndex: 'creditCode', width: 200, copyable: true },
    { title: t('org.industryCode'), dataIndex: 'industryCode', width: 90, search: false },
    { title: t('org.employees'), dataIndex: 'employees', width: 90, search: false, align: 'right' },
    {
      title: t('org.status'),
      dataIndex: 'status',
      width: 80,
      search: false,
      render: (_, r) =>
        r.status === 'active' ? (
          <Tag color="green">{t('org.statusActive')}</Tag>
        ) : (
          <Tag>{t('org.statusInactive')}</Tag>
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
      width: 130,
      fixed: 'right',
      render: (_, r) => [
        r.abilities.update ? (
          <a key="edit" onClick={() => openForm(r)}>
            <EditOutlined /> {t('common.edit')}
          </a>
        ) : null,
        r.abilities.delete ? (
          <Popconfirm
            key="del"
            title={t('common.confirmDelete', { name: r.name })}
            onConfirm={() => remove([r])}
          >
            <a style={{ color: '#ff4d4f' }}>
              <DeleteOutlined /> {t('common.delete')}
            </a>
          </Popconfirm>
        ) : null,
      ],
    },
  ];

  const single = selected.length === 1 ? selected[0] : undefined;

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <SidePanelLayout
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
          scroll={{ x: 1100 }}
          search={{
            labelWidth: 'auto',
            defaultCollapsed: false,
            span: { xs: 24, sm: 24, md: 12, lg: 12, xl: 8, xxl: 6 },
          }}
          form={{ syncToUrl: false }}
          pagination={{ defaultPageSize: 20, showSizeChanger: true, showQuickJumper: true }}
          rowSelection={{
            selectedRowKeys: selected.map((s) => s.id),
            onChange: (_, rows) => setSelected(rows),
          }}
          tableAlertRender={false}
          headerTitle={t('org.title')}
          request={async (params) => {
            const query: Query = {
              q: params.name,
              kind: params.kind,
              regionCode: params.regionCode || params.treeRegion,
              creditCode: params.creditCode,
            };
            lastQuery.current = query;
            try {
              const res = await listOrganisations({
                ...query,
                page: params.current ?? 1,
                pageSize: params.pageSize ?? 20,
              });
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
      <ImportModal
        open={importOpen}
        onClose={() => setImportOpen(false)}
        onImported={() => void action.current?.reload()}
      />
    </PageContainer>
  );
};
