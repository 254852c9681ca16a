/**
 * 导入标准数据: holders of standards:manage load missing GBZ 2.1 limit rows (表1 化学有害因素, 表2 粉尘) or a
 * GBZ 188 table from CSV. A dry run only validates; otherwise the valid rows replace the previous import
 * of that kind and edition. The server's report (accepted, rejected, each rejected row) is shown as is;
 * an upload it has not finished within its wait (202) is followed with its progress until it is done.
 */
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Form,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../shared/api';
import { errorMessage, reportError } from '../../shared/errors';
import { batchSettled, isImportBatch, useFollowImport } from '../imports/api';
import { ImportFailed, ImportRunning } from '../imports/ImportProgress';
import {
  downloadImportTemplate,
  IMPORT_EDITIONS,
  IMPORT_KINDS,
  importStandards,
  standardReportOf,
  type ImportKind,
  type StandardImportReport,
} from './api';

type ErrorRow = StandardImportReport['errors'][number];
type UploadArgs = { kind: ImportKind; edition: string; file: File; dryRun: boolean };

export const ImportPanel = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<ImportKind>('oel_chemicals');
  const [edition, setEdition] = useState<string>(IMPORT_EDITIONS.oel_chemicals[0] ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const announce = (r: StandardImportReport) => {
    if (!r.dryRun && !r.unchanged && r.accepted > 0) void message.success(t('standards.import.done'));
  };
  const run = useMutation({
    mutationFn: (u: UploadArgs) => importStandards(u.kind, u.edition, u.file, u.dryRun),
    onSuccess: (r) => {
      if (!isImportBatch(r)) announce(r);
    },
  });
  // A 202: the batch, followed until done or failed (a reset of the mutation stops following it).
  const follow = useFollowImport(isImportBatch(run.data) ? run.data : null);
  const batch = follow.batch;
  const running = batch !== null && !batchSettled(batch);
  const asked = run.variables;
  const report: StandardImportReport | undefined =
    run.data && !isImportBatch(run.data)
      ? run.data
      : batch?.status === 'done' && batch.report && asked
        ? standardReportOf(batch.report, asked)
        : undefined;
  const error = run.error;

  // A followed import that is done is announced as a 200 is, once.
  const announced = useRef<number | null>(null);
  useEffect(() => {
    if (!batch || batch.status !== 'done' || !report || announced.current === batch.batchId) return;
    announced.current = batch.batchId;
    announce(report);
  }, [batch, report]);

  const start = () => {
    if (!file) {
      void message.warning(t('standards.import.noFile'));
      return;
    }
    run.mutate({ kind, edition, file, dryRun });
  };

  return (
    <Card
      size="small"
      title={t('standards.import.title')}
      style={{ marginTop: 16 }}
      data-testid="import-panel"
    >
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
        {t('standards.import.hint')}
      </Typography.Paragraph>
      <Form layout="vertical" component={false}>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item label={t('standards.import.kind')}>
              <Select<ImportKind>
                value={kind}
                disabled={running}
                onChange={(k) => {
                  setKind(k);
                  setEdition(IMPORT_EDITIONS[k][0] ?? '');
                  run.reset();
                }}
                options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`standards.import.kinds.${k}`) }))}
                data-testid="import-kind"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={6}>
            <Form.Item label={t('standards.import.edition')}>
              <Select
                value={edition}
                disabled={running}
                onChange={(e) => {
                  setEdition(e);
                  run.reset();
                }}
                options={IMPORT_EDITIONS[kind].map((e) => ({ value: e, label: e }))}
                data-testid="import-edition"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item label={t('standards.import.template')}>
              <Button
                icon={<DownloadOutlined />}
                onClick={() =>
                  void downloadImportTemplate(kind).catch((e: unknown) => reportError(message, e))
                }
                data-testid="import-template"
              >
                {t('standards.import.downloadTemplate')}
              </Button>
            </Form.Item>
          </Col>
        </Row>
      </Form>
      <Space wrap align="start">
        <Upload
          accept=".csv,text/csv"
          maxCount={1}
          disabled={running}
          beforeUpload={(f) => {
            setFile(f);
            run.reset();
            return false;
          }}
          onRemove={() => {
            setFile(null);
            run.reset();
          }}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />} data-testid="import-pick">
            {t('standards.import.pick')}
          </Button>
        </Upload>
        <Checkbox
          checked={dryRun}
          onChange={(e) => setDryRun(e.target.checked)}
          style={{ lineHeight: '32px' }}
          data-testid="import-dryrun"
        >
          {t('standards.import.dryRun')}
        </Checkbox>
        <Button type="primary" loading={run.isPending || running} onClick={start} data-testid="import-start">
          {t('standards.import.start')}
        </Button>
      </Space>
      {error ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 12 }}
          message={errorMessage(error)}
          description={
            error instanceof ApiError && error.details.some((d) => d.message) ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {error.details
                  .filter((d) => d.message)
                  .map((d, i) => (
                    <li key={i}>{d.message}</li>
                  ))}
              </ul>
            ) : undefined
          }
          data-testid="import-error"
        />
      ) : null}
      {batch && running ? (
        <div style={{ marginTop: 12 }}>
          <ImportRunning batch={batch} pollError={follow.error} />
        </div>
      ) : null}
      {batch?.status === 'failed' ? (
        <div style={{ marginTop: 12 }}>
          <ImportFailed batch={batch} />
        </div>
      ) : null}
      {report ? <ReportView report={report} /> : null}
    </Card>
  );
};

const ReportView = ({ report }: { report: StandardImportReport }) => {
  const { t } = useTranslation();
  const ok = report.rejected === 0 && report.accepted > 0;
  return (
    <div data-testid="import-report" style={{ marginTop: 12 }}>
      <Space wrap style={{ display: 'flex', marginBottom: 8 }}>
        <Tag color="blue">{t(`standards.import.kinds.${report.kind}`)}</Tag>
        <Tag>{report.edition}</Tag>
        {report.dryRun ? (
          <Tag color="purple">{t('standards.import.dryRunTag')}</Tag>
        ) : report.unchanged || report.accepted === 0 ? (
          <Tag>{t('standards.import.notWritten')}</Tag>
        ) : (
          <Tag color="green">{t('standards.import.written')}</Tag>
        )}
      </Space>
      {report.unchanged ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('standards.import.unchanged')}
          data-testid="import-unchanged"
        />
      ) : null}
      {!report.dryRun && !report.unchanged && report.accepted === 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 8 }}
          message={t('standards.import.nothingAccepted')}
        />
      ) : null}
      <Space size={48}>
        <div data-testid="import-accepted">
          <Statistic
            title={t('standards.import.accepted')}
            value={report.accepted}
            valueStyle={{ color: ok ? '#389e0d' : undefined }}
          />
        </div>
        <div data-testid="import-rejected">
          <Statistic
            title={t('standards.import.rejected')}
            value={report.rejected}
            valueStyle={{ color: report.rejected ? '#cf1322' : undefined }}
          />
        </div>
      </Space>
      {report.errors.length > 0 ? (
        <>
          <Typography.Text strong style={{ display: 'block', margin: '12px 0 8px' }}>
            {t('standards.import.errors')}
          </Typography.Text>
          <Table<ErrorRow>
            size="small"
            rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
            dataSource={report.errors}
            pagination={report.errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
            columns={[
              {
                title: t('standards.import.row'),
                dataIndex: 'row',
                width: 80,
                render: (v: number) => (v > 0 ? v : t('standards.import.wholeFile')),
              },
              {
                title: t('standards.import.column'),
                dataIndex: 'column',
                width: 160,
                render: (v: string) => (v ? <Typography.Text code>{v}</Typography.Text> : '-'),
              },
              {
                title: t('standards.import.reason'),
                dataIndex: 'reason',
                render: (v: string) => <span style={{ wordBreak: 'break-word' }}>{v}</span>,
              },
            ]}
            data-testid="import-errors"
          />
        </>
      ) : null}
    </div>
  );
};
