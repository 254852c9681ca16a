/**
 * 导入: template download, file choice, dry run, and the report with an error-file download. An upload
 * the server has not finished within its wait (202) is followed here until done, with its progress; the
 * dialog may be closed meanwhile (the import goes on, 导入任务 lists it). Organisations by default; another
 * door (the exam cards) passes its own template, upload, error file, texts and counts.
 */
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, App, Button, Checkbox, Descriptions, Modal, Space, Table, Typography, Upload } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import type { ImportBatch, ImportReport } from '../../shared/types';
import { batchSettled, isImportBatch, useFollowImport } from '../imports/api';
import { ImportFailed, ImportRunning } from '../imports/ImportProgress';
import { downloadImportErrors, downloadTemplate, importOrganisations } from './api';

/** One figure of the report: its label and value; `danger` colours a non-zero value red. */
export type ImportCount = { key: string; label: string; value: number; danger?: boolean };

/** What another import door changes of the dialog (the texts already translated). */
export type ImportDoor = {
  title: string;
  hint: string;
  downloadTemplate: () => Promise<void>;
  upload: (file: File, dryRun: boolean) => Promise<ImportReport | ImportBatch>;
  downloadErrors: (batchId: string | number) => Promise<void>;
  counts?: (report: ImportReport) => ImportCount[];
};

export const ImportModal = ({
  open,
  onClose,
  onImported,
  door,
}: {
  open: boolean;
  onClose: () => void;
  onImported: () => void;
  /** Absent: the organisations' import. */
  door?: ImportDoor;
}) => {
  const { t } = useTranslation();
  const upload = door?.upload ?? importOrganisations;
  const template = door?.downloadTemplate ?? downloadTemplate;
  const errorsOf = door?.downloadErrors ?? downloadImportErrors;
  const countsOf = (r: ImportReport): ImportCount[] =>
    door?.counts?.(r) ?? [
      { key: 'total', label: t('org.importTotal'), value: r.total },
      { key: 'accepted', label: t('org.importAccepted'), value: r.accepted },
      { key: 'updated', label: t('org.importUpdated'), value: r.updated },
      { key: 'unchanged', label: t('org.importUnchanged'), value: r.unchanged },
      { key: 'rejected', label: t('org.importRejected'), value: r.rejected, danger: true },
    ];
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [dryRun, setDryRun] = useState(true);
  const [busy, setBusy] = useState(false);
  // The report of a 200; or the batch of a 202, followed until it is done or failed.
  const [answered, setAnswered] = useState<ImportReport | null>(null);
  const [started, setStarted] = useState<ImportBatch | null>(null);
  const follow = useFollowImport(started);
  const batch = follow.batch;
  const running = batch !== null && !batchSettled(batch);
  const report: ImportReport | null =
    answered ?? (batch?.status === 'done' && batch.report ? batch.report : null);

  // A followed import that wrote rows refreshes the list, once.
  const notified = useRef<number | null>(null);
  useEffect(() => {
    if (batch?.status !== 'done' || !batch.report || batch.report.dryRun) return;
    if (notified.current === batch.batchId) return;
    notified.current = batch.batchId;
    onImported();
  }, [batch, onImported]);

  const clear = () => {
    setAnswered(null);
    setStarted(null);
  };

  const start = async () => {
    if (!file) {
      void message.warning(t('org.importNoFile'));
      return;
    }
    clear();
    setBusy(true);
    try {
      const r = await upload(file, dryRun);
      if (isImportBatch(r)) setStarted(r);
      else {
        setAnswered(r);
        if (!r.dryRun) onImported();
      }
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };

  /** Closing does not stop a running import: say so, and stop following it here. */
  const close = (reset: boolean) => {
    if (running) {
      void message.info(t('imports.continues'));
      setStarted(null);
    }
    if (reset) {
      clear();
      setFile(null);
    }
    onClose();
  };

  // The rejected rows download from the batch that has an error file.
  const batchId = report?.errorFileId ? report.batchId : null;

  return (
    <Modal
      title={door?.title ?? t('org.importTitle')}
      open={open}
      width={720}
      destroyOnClose
      onCancel={() => close(true)}
      footer={[
        <Button
          key="tpl"
          data-testid="import-template"
          icon={<DownloadOutlined />}
          onClick={() => void template().catch((e: unknown) => reportError(message, e))}
        >
          {t('org.importTemplate')}
        </Button>,
        <Button key="close" onClick={() => close(false)}>
          {t('common.close')}
        </Button>,
        <Button
          key="go"
          type="primary"
          loading={busy || running}
          onClick={() => void start()}
          data-testid="import-start"
        >
          {t('org.importStart')}
        </Button>,
      ]}
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Upload.Dragger
          accept=".xlsx,.csv"
          maxCount={1}
          disabled={busy || running}
          beforeUpload={(f) => {
            setFile(f);
            clear();
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: '1', name: file.name, status: 'done' }] : []}
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p className="ant-upload-text">{t('org.importPick')}</p>
          <p className="ant-upload-hint">{door?.hint ?? t('org.importHint')}</p>
        </Upload.Dragger>
        <Checkbox checked={dryRun} onChange={(e) => setDryRun(e.target.checked)} data-testid="import-dryrun">
          {t('org.importDryRun')}
        </Checkbox>
        {batch && running ? <ImportRunning batch={batch} pollError={follow.error} /> : null}
        {batch?.status === 'failed' ? <ImportFailed batch={batch} /> : null}
        {batch?.status === 'done' && !batch.report ? (
          <Alert type="warning" showIcon message={t('imports.reportMissing')} />
        ) : null}
        {report ? (
          <div data-testid="import-report">
            <Alert
              type={report.rejected > 0 ? 'warning' : 'success'}
              showIcon
              message={report.dryRun ? t('org.importDryRunResult') : t('org.importResult')}
              style={{ marginBottom: 8 }}
            />
            <Descriptions bordered size="small" column={5} layout="vertical">
              {countsOf(report).map((c) => (
                <Descriptions.Item key={c.key} label={c.label}>
                  <Typography.Text type={c.danger && c.value ? 'danger' : undefined} data-count={c.key}>
                    {c.value}
                  </Typography.Text>
                </Descriptions.Item>
              ))}
            </Descriptions>
            {report.errors.length > 0 ? (
              <>
                <Space style={{ margin: '12px 0 8px' }}>
                  <Typography.Text strong>{t('org.importErrors')}</Typography.Text>
                  {batchId ? (
                    <Button
                      type="link"
                      icon={<DownloadOutlined />}
                      data-testid="import-error-file"
                      onClick={() => void errorsOf(batchId).catch((e: unknown) => reportError(message, e))}
                    >
                      {t('org.importErrorFile')}
                    </Button>
                  ) : null}
                </Space>
                <Table
                  size="small"
                  rowKey={(r) => `${r.row}-${r.column}-${r.reason}`}
                  dataSource={report.errors.slice(0, 200)}
                  pagination={{ pageSize: 8, size: 'small' }}
                  columns={[
                    { title: t('org.importRow'), dataIndex: 'row', width: 70 },
                    { title: t('org.importColumn'), dataIndex: 'column', width: 140 },
                    { title: t('org.importReason'), dataIndex: 'message' },
                  ]}
                />
              </>
            ) : null}
          </div>
        ) : null}
      </Space>
    </Modal>
  );
};
