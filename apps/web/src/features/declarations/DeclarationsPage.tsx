/**
 * 职业病危害项目申报 — one page for both sides. An employer sees its own declarations and a big 新建申报
 * button (the types with what each is for, its deadline and whether it is open now, from the server);
 * a county sees its review queue (待受理, with the 5-working-day 回执 clock and overdue marks), every
 * declaration of its region and the count of accepted ones; a provincial administrator also imports
 * legacy declarations. A row opens the declaration (steps for the employer, read-only with 退回 / 受理
 * for the county).
 */
import { PageContainer } from '@ant-design/pro-components';
import type { DeclarationSummary } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { api } from '../../shared/api';
import { reportError } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import { reasonText } from '../../shared/messages';
import { ImportModal, type ImportDoor } from '../organisations/ImportModal';
import {
  DECLARATIONS_KEY,
  STATUS_COLOURS,
  createDeclaration,
  declarationOptions,
  downloadDeclarationImportErrors,
  downloadDeclarationImportTemplate,
  exportDeclarations,
  importDeclarations,
  listDeclarations,
} from './api';

export const StatusTag = ({ d }: { d: Pick<DeclarationSummary, 'status' | 'late'> }) => {
  const { t } = useTranslation();
  return (
    <Space size={4} wrap>
      <Tag color={STATUS_COLOURS[d.status]}>{t(`declarations.statuses.${d.status}`)}</Tag>
      {d.late && <Tag color="red">{t('declarations.late')}</Tag>}
    </Space>
  );
};

const NewDeclarationModal = ({ onClose }: { onClose: () => void }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [DECLARATIONS_KEY, 'options'], queryFn: declarationOptions });
  const [type, setType] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<{ triggerDate?: Dayjs | null; changeReason?: string }>();
  const options = q.data?.types ?? [];
  const chosen = options.find((o) => o.type === type);
  const create = async () => {
    if (!type) return;
    const v = await form.validateFields();
    setBusy(true);
    try {
      const r = await createDeclaration({
        type,
        ...(v.triggerDate && { triggerDate: v.triggerDate.format('YYYY-MM-DD') }),
        ...(v.changeReason?.trim() && { changeReason: v.changeReason.trim() }),
      });
      message.success(t('declarations.created'));
      await qc.invalidateQueries({ queryKey: [DECLARATIONS_KEY] });
      navigate(`/declarations/${r.id}`);
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={t('declarations.newTitle')}
      onCancel={onClose}
      okText={t('declarations.create')}
      okButtonProps={{ disabled: !chosen?.allowed, loading: busy, 'data-testid': 'declaration-create' }}
      onOk={() => void create()}
    >
      {q.data?.openId ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={reasonText('declaration_open_exists')}
          action={<Link to={`/declarations/${q.data.openId}`}>{t('declarations.open')}</Link>}
        />
      ) : null}
      <Radio.Group value={type} onChange={(e) => setType(e.target.value as string)} style={{ width: '100%' }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          {options.map((o) => (
            <Card
              key={o.type}
              size="small"
              style={{ opacity: o.allowed ? 1 : 0.6 }}
              data-testid={`declaration-type-${o.type}`}
            >
              <Radio value={o.type} disabled={!o.allowed}>
                <Typography.Text strong>{t(`declarations.types.${o.type}`)}</Typography.Text>
              </Radio>
              <Typography.Paragraph style={{ margin: '4px 0 0 24px' }} type="secondary">
                {t(`declarations.typeHelp.${o.type}`)}
                <br />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`declarations.typeSource.${o.type}`)}
                </Typography.Text>
              </Typography.Paragraph>
              <div style={{ marginLeft: 24 }}>
                {o.type === 'annual' && o.windowOpensOn ? (
                  <Tag>{t('declarations.windowOpens', { date: o.windowOpensOn })}</Tag>
                ) : null}
                {o.type === 'annual' && o.dueOn ? (
                  <Tag color="blue">{t('declarations.dueBy', { date: o.dueOn })}</Tag>
                ) : null}
                {!o.allowed && o.reason && o.reason !== 'declaration_open_exists' ? (
                  <Typography.Text type="warning">{reasonText(o.reason)}</Typography.Text>
                ) : null}
              </div>
            </Card>
          ))}
        </Space>
      </Radio.Group>
      {type && type !== 'annual' && (
        <Form form={form} layout="vertical" style={{ marginTop: 16 }}>
          <Form.Item
            name="triggerDate"
            label={t(`declarations.triggerDate.${type}`)}
            rules={
              type === 'initial'
                ? []
                : [{ required: true, message: reasonText('declaration_trigger_date_required') }]
            }
          >
            <DatePicker style={{ width: 220 }} data-testid="declaration-trigger" />
          </Form.Item>
          {type !== 'initial' && (
            <Form.Item
              name="changeReason"
              label={t(`declarations.changeReason.${type}`)}
              rules={[{ required: true, message: reasonText('declaration_change_reason_required') }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          )}
        </Form>
      )}
    </Modal>
  );
};

/**
 * 本单位待办 (the employer's to-dos): the declaration due now (初次 at once, or the open one), the annual
 * update's window and due date, a returned declaration, and the periodic exams due or overdue (from the
 * periodic-exams module's due list). The declaration clocks also sit in the to-do inbox (/todos).
 */
const EmployerTodos = ({ rows }: { rows: DeclarationSummary[] }) => {
  const { t } = useTranslation();
  const { can } = useAuth();
  const options = useQuery({ queryKey: [DECLARATIONS_KEY, 'options'], queryFn: declarationOptions });
  const exams = useQuery({
    queryKey: ['periodic-due', 'counts'],
    queryFn: () => api.get<{ counts: Record<string, number> }>('/periodic-exams/due', { pageSize: 1 }),
    enabled: can('exam_reports:read'),
  });
  const o = options.data;
  const items: Array<{ key: string; type: 'warning' | 'error' | 'info'; text: React.ReactNode }> = [];
  const returned = rows.find((r) => r.status === 'returned');
  if (returned)
    items.push({
      key: 'returned',
      type: 'error',
      text: <Link to={`/declarations/${returned.id}`}>{t('declarations.todo.returned')}</Link>,
    });
  const draft = rows.find((r) => r.status === 'draft');
  if (draft)
    items.push({
      key: 'draft',
      type: 'warning',
      text: (
        <Link to={`/declarations/${draft.id}`}>
          {t('declarations.todo.draft', {
            type: t(`declarations.types.${draft.type}`),
            date: fmtDate(draft.dueOn),
          })}
        </Link>
      ),
    });
  if (o && !o.lastAcceptedId && !o.openId)
    items.push({ key: 'initial', type: 'error', text: t('declarations.todo.initial') });
  const annual = o?.types.find((x) => x.type === 'annual');
  if (o?.lastAcceptedId && !o.openId && annual?.windowOpensOn && annual.dueOn)
    items.push({
      key: 'annual',
      type: annual.allowed ? 'warning' : 'info',
      text: annual.allowed
        ? t('declarations.todo.annualDue', { date: annual.dueOn })
        : t('declarations.todo.annualLater', { from: annual.windowOpensOn, date: annual.dueOn }),
    });
  const due = (exams.data?.counts.overdue ?? 0) + (exams.data?.counts.due_soon ?? 0);
  if (due > 0)
    items.push({
      key: 'exams',
      type: (exams.data?.counts.overdue ?? 0) > 0 ? 'error' : 'warning',
      text: (
        <Link to="/periodic-exams">
          {t('declarations.todo.exams', {
            overdue: exams.data?.counts.overdue ?? 0,
            soon: exams.data?.counts.due_soon ?? 0,
          })}
        </Link>
      ),
    });
  if (!items.length) return null;
  return (
    <Card size="small" title={t('declarations.todo.title')} data-testid="employer-todos">
      <Space direction="vertical" style={{ width: '100%' }}>
        {items.map((i) => (
          <Alert key={i.key} type={i.type} showIcon message={i.text} />
        ))}
      </Space>
    </Card>
  );
};

type Filters = { status?: string; type?: string; late?: boolean; q?: string };

export const DeclarationsPage = () => {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const employer = can('declarations:submit');
  const reviewer = can('declarations:review');
  const [tab, setTab] = useState<string>(reviewer ? 'queue' : 'all');
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const query = {
    ...filters,
    ...(tab === 'queue' && { status: 'submitted', receivedBy: 'me' }),
    ...(tab === 'late' && { late: true }),
    page,
    pageSize: 20,
  };
  const q = useQuery({ queryKey: [DECLARATIONS_KEY, 'list', query], queryFn: () => listDeclarations(query) });
  const accepted = useQuery({
    queryKey: [DECLARATIONS_KEY, 'accepted-count'],
    queryFn: () => listDeclarations({ status: 'accepted', pageSize: 1 }),
    enabled: !employer,
  });
  const mayImport = can('declarations:import') && me?.organisation.kind === 'health_commission';
  const door: ImportDoor = {
    title: t('declarations.import'),
    hint: t('declarations.importHint'),
    downloadTemplate: downloadDeclarationImportTemplate,
    upload: importDeclarations,
    downloadErrors: downloadDeclarationImportErrors,
  };
  const rows = q.data?.data ?? [];
  return (
    <PageContainer
      title={t('declarations.title')}
      extra={
        <Space wrap>
          {employer && (
            <Button
              type="primary"
              size="large"
              data-testid="declaration-new"
              onClick={() => setCreating(true)}
            >
              {t('declarations.newDeclaration')}
            </Button>
          )}
          {mayImport && <Button onClick={() => setImporting(true)}>{t('declarations.import')}</Button>}
          <Button
            onClick={() =>
              void exportDeclarations({
                ...filters,
                ...(tab === 'queue' && { status: 'submitted', receivedBy: 'me' }),
              })
            }
          >
            {t('declarations.export')}
          </Button>
        </Space>
      }
    >
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        {employer ? (
          <>
            <Alert type="info" showIcon message={t('declarations.intro')} />
            <EmployerTodos rows={rows} />
          </>
        ) : (
          <Typography.Text data-testid="declarations-accepted-count">
            {t('declarations.acceptedCount', { n: accepted.data?.total ?? 0 })}
          </Typography.Text>
        )}
        {!employer && (
          <Tabs
            activeKey={tab}
            onChange={(k) => {
              setTab(k);
              setPage(1);
            }}
            items={[
              ...(reviewer ? [{ key: 'queue', label: t('declarations.tabs.queue') }] : []),
              { key: 'all', label: t('declarations.tabs.all') },
              { key: 'late', label: t('declarations.tabs.late') },
            ]}
          />
        )}
        {!employer && (
          <Space wrap>
            <Input.Search
              allowClear
              style={{ width: 260 }}
              placeholder={`${t('declarations.employer')} / ${t('declarations.creditCode')}`}
              onSearch={(v) => {
                setFilters((f) => ({ ...f, q: v.trim() || undefined }));
                setPage(1);
              }}
            />
            <Select
              allowClear
              style={{ width: 150 }}
              placeholder={t('declarations.type')}
              options={(['initial', 'change', 'annual', 'cancel'] as const).map((x) => ({
                value: x,
                label: t(`declarations.types.${x}`),
              }))}
              onChange={(v: string | undefined) => setFilters((f) => ({ ...f, type: v }))}
            />
            {tab === 'all' && (
              <Select
                allowClear
                style={{ width: 150 }}
                placeholder={t('declarations.status')}
                options={(['draft', 'submitted', 'returned', 'accepted'] as const).map((x) => ({
                  value: x,
                  label: t(`declarations.statuses.${x}`),
                }))}
                onChange={(v: string | undefined) => setFilters((f) => ({ ...f, status: v }))}
              />
            )}
          </Space>
        )}
        <Table<DeclarationSummary>
          rowKey="id"
          size="middle"
          loading={q.isLoading}
          dataSource={rows}
          scroll={{ x: 900 }}
          data-testid="declarations-table"
          locale={{
            emptyText: (
              <Empty
                description={
                  employer ? (
                    <>
                      <div>{t('declarations.none')}</div>
                      <Typography.Text type="secondary">{t('declarations.noneHint')}</Typography.Text>
                    </>
                  ) : tab === 'queue' ? (
                    t('declarations.queueEmpty')
                  ) : undefined
                }
              />
            ),
          }}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            ...(employer
              ? []
              : [
                  {
                    title: t('declarations.employer'),
                    dataIndex: 'employerName',
                    width: 260,
                    render: (_: unknown, r: DeclarationSummary) => (
                      <Space direction="vertical" size={0}>
                        <Link to={`/declarations/${r.id}`}>{r.employerName}</Link>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {r.creditCode}
                        </Typography.Text>
                      </Space>
                    ),
                  },
                ]),
            {
              title: t('declarations.type'),
              dataIndex: 'type',
              width: 110,
              render: (v: string) => t(`declarations.types.${v}`),
            },
            {
              title: t('declarations.status'),
              dataIndex: 'status',
              width: 150,
              render: (_: unknown, r: DeclarationSummary) => <StatusTag d={r} />,
            },
            {
              title: t('declarations.dueOn'),
              dataIndex: 'dueOn',
              width: 110,
              render: (v: string | null) => fmtDate(v),
            },
            {
              title: t('declarations.submittedAt'),
              dataIndex: 'submittedAt',
              width: 150,
              render: (v: string | null) => fmtDateTime(v),
            },
            {
              title: t('declarations.receiptDue'),
              dataIndex: 'receiptDueOn',
              width: 150,
              render: (_: unknown, r: DeclarationSummary) =>
                r.status !== 'submitted' ? (
                  '-'
                ) : r.receiptOverdueDays > 0 ? (
                  <Tag color="red" data-testid="receipt-overdue">
                    {t('declarations.receiptOverdue', { n: r.receiptOverdueDays })}
                  </Tag>
                ) : (
                  fmtDate(r.receiptDueOn)
                ),
            },
            {
              title: t('declarations.acceptedAt'),
              dataIndex: 'acceptedAt',
              width: 110,
              render: (v: string | null) => fmtDate(v),
            },
            { title: t('declarations.exposed'), dataIndex: 'exposedDistinct', width: 90 },
            {
              title: '',
              key: 'open',
              width: 90,
              fixed: 'right' as const,
              render: (_: unknown, r: DeclarationSummary) => (
                <Link to={`/declarations/${r.id}`} data-testid={`declaration-open-${r.id}`}>
                  {r.abilities.edit ? t('declarations.fill') : t('declarations.open')}
                </Link>
              ),
            },
          ]}
        />
      </Space>
      {creating && <NewDeclarationModal onClose={() => setCreating(false)} />}
      {mayImport && importing ? (
        <ImportModal
          open={importing}
          onClose={() => setImporting(false)}
          onImported={() => void q.refetch()}
          door={door}
        />
      ) : null}
    </PageContainer>
  );
};
