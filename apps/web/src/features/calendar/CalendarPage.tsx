/**
 * 工作日历 — one year as 12 month grids with the holidays (休) and make-up workdays (班) marked and
 * named on hover, a banner when the year has no arrangement entered (Monday–Friday then count), the
 * days as a list, the working-day calculator, and for administrators (calendar:manage) the add, edit,
 * delete and import dialogs. Every clock on the platform counts on this calendar.
 */
import { DeleteOutlined, EditOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { PageContainer } from '@ant-design/pro-components';
import type { CalendarDayRecord, CalendarYear, WorkingDaysResult } from '@ohp/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Row,
  Select,
  Space,
  Spin,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { fmtDateTime } from '../../shared/format';
import type { ImportReport } from '../../shared/types';
import { ImportModal, type ImportDoor } from '../organisations/ImportModal';
import {
  CALENDAR_KEY,
  createDay,
  deleteDay,
  downloadCalendarErrors,
  downloadCalendarTemplate,
  getYear,
  importCalendar,
  listYears,
  updateDay,
  workingDays,
} from './api';
import { cutCell } from '../../shared/Ellipsis';

const HOLIDAY_BG = '#fff1f0';
const HOLIDAY_FG = '#cf1322';
const WORKDAY_BG = '#e6f4ff';
const WORKDAY_FG = '#0958d9';

type DayValues = {
  date?: Dayjs;
  kind: 'holiday' | 'workday';
  name: string;
  nameEn?: string | null;
  source: string;
  note?: string | null;
};

type Editing = { mode: 'add'; date: string | null } | { mode: 'edit'; day: CalendarDayRecord } | null;

/** The dates of a month grid, Monday first; null pads the first and last week. */
const monthCells = (year: number, month: number): Array<string | null> => {
  const first = dayjs(`${year}-${String(month).padStart(2, '0')}-01`);
  const pad = (first.day() + 6) % 7;
  const cells: Array<string | null> = Array.from({ length: pad }, () => null);
  for (let d = 1; d <= first.daysInMonth(); d++) cells.push(first.date(d).format('YYYY-MM-DD'));
  while (cells.length % 7) cells.push(null);
  return cells;
};

const MonthGrid = ({
  year,
  month,
  days,
  today,
  onPick,
}: {
  year: number;
  month: number;
  days: Map<string, CalendarDayRecord>;
  today: string;
  onPick: ((date: string) => void) | null;
}) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const heads = t('calendar.weekdays').split(',');
  return (
    <Card size="small" title={t('calendar.month', { month })} data-testid={`calendar-month-${month}`}>
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, textAlign: 'center' }}>
        {heads.map((h, i) => (
          <Typography.Text key={h} type={i >= 5 ? 'secondary' : undefined} style={{ fontSize: 12 }}>
            {h}
          </Typography.Text>
        ))}
        {monthCells(year, month).map((date, i) => {
          if (!date) return <div key={`pad-${i}`} />;
          const entry = days.get(date);
          const weekend = i % 7 >= 5;
          const bg =
            entry?.kind === 'holiday' ? HOLIDAY_BG : entry?.kind === 'workday' ? WORKDAY_BG : undefined;
          const fg =
            entry?.kind === 'holiday'
              ? HOLIDAY_FG
              : entry?.kind === 'workday'
                ? WORKDAY_FG
                : weekend
                  ? '#8c8c8c'
                  : undefined;
          const cell = (
            <div
              data-date={date}
              data-kind={entry?.kind ?? (weekend ? 'weekend' : 'weekday')}
              onClick={onPick ? () => onPick(date) : undefined}
              style={{
                position: 'relative',
                padding: '4px 0',
                borderRadius: 4,
                background: bg,
                color: fg,
                fontWeight: entry ? 600 : undefined,
                cursor: onPick ? 'pointer' : undefined,
                outline: date === today ? '1px solid #1677ff' : undefined,
              }}
            >
              {Number(date.slice(8))}
              {entry ? (
                <span style={{ position: 'absolute', top: 0, right: 2, fontSize: 9, lineHeight: '10px' }}>
                  {entry.kind === 'holiday' ? t('calendar.holidayMark') : t('calendar.workdayMark')}
                </span>
              ) : null}
            </div>
          );
          return entry ? (
            <Tooltip
              key={date}
              title={
                <div>
                  <div>
                    {date} {en && entry.nameEn ? entry.nameEn : entry.name}
                  </div>
                  <div>{t(`calendar.kinds.${entry.kind}`)}</div>
                  <div style={{ fontSize: 12, opacity: 0.8, wordBreak: 'break-all' }}>{entry.source}</div>
                </div>
              }
            >
              {cell}
            </Tooltip>
          ) : (
            <div key={date}>{cell}</div>
          );
        })}
      </div>
    </Card>
  );
};

const DayModal = ({
  editing,
  onClose,
  onSaved,
}: {
  editing: Editing;
  onClose: () => void;
  onSaved: (date: string) => void;
}) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DayValues>();
  const [busy, setBusy] = useState(false);
  const open = editing !== null;
  const initial =
    editing?.mode === 'edit'
      ? { ...editing.day, date: dayjs(editing.day.date) }
      : { kind: 'holiday', date: editing?.date ? dayjs(editing.date) : undefined };

  const save = async () => {
    let values: DayValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    try {
      const body = {
        kind: values.kind,
        name: values.name,
        nameEn: values.nameEn?.trim() ? values.nameEn : null,
        source: values.source,
        note: values.note?.trim() ? values.note : null,
      };
      if (editing?.mode === 'edit') {
        await updateDay(editing.day.date, body);
        onSaved(editing.day.date);
      } else {
        const date = values.date!.format('YYYY-MM-DD');
        await createDay({ ...body, date });
        onSaved(date);
      }
      void message.success(t('calendar.saved'));
    } catch (e) {
      reportError(message, e, form, ['date', 'kind', 'name', 'nameEn', 'source', 'note']);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={
        editing?.mode === 'edit'
          ? t('calendar.editTitle', { date: editing.day.date })
          : t('calendar.addTitle')
      }
      onCancel={onClose}
      onOk={() => void save()}
      confirmLoading={busy}
      destroyOnClose
      okButtonProps={{ 'data-testid': 'calendar-day-save' }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={initial}
        preserve={false}
        data-testid="calendar-day-form"
      >
        <Form.Item name="date" label={t('calendar.fields.date')} rules={[{ required: true }]}>
          <DatePicker
            disabled={editing?.mode === 'edit'}
            style={{ width: '100%' }}
            data-testid="calendar-day-date"
          />
        </Form.Item>
        <Form.Item name="kind" label={t('calendar.fields.kind')} rules={[{ required: true }]}>
          <Radio.Group>
            <Radio value="holiday" data-testid="calendar-kind-holiday">
              {t('calendar.kinds.holiday')}
            </Radio>
            <Radio value="workday" data-testid="calendar-kind-workday">
              {t('calendar.kinds.workday')}
            </Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="name"
          label={t('calendar.fields.name')}
          rules={[{ required: true, whitespace: true, max: 50 }]}
        >
          <Input placeholder={t('calendar.fields.namePlaceholder')} data-testid="calendar-day-name" />
        </Form.Item>
        <Form.Item name="nameEn" label={t('calendar.fields.nameEn')} rules={[{ max: 100 }]}>
          <Input placeholder={t('calendar.fields.nameEnPlaceholder')} />
        </Form.Item>
        <Form.Item
          name="source"
          label={t('calendar.fields.source')}
          rules={[{ required: true, whitespace: true, max: 500 }]}
        >
          <Input placeholder={t('calendar.fields.sourcePlaceholder')} data-testid="calendar-day-source" />
        </Form.Item>
        <Form.Item name="note" label={t('calendar.fields.note')} rules={[{ max: 500 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      </Form>
    </Modal>
  );
};

const Calculator = ({ defaultFrom }: { defaultFrom: string }) => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [from, setFrom] = useState<Dayjs>(dayjs(defaultFrom));
  const [n, setN] = useState<number>(5);
  const [result, setResult] = useState<WorkingDaysResult | null>(null);
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      setResult(await workingDays(from.format('YYYY-MM-DD'), n));
    } catch (e) {
      reportError(message, e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title={t('calendar.calc.title')} data-testid="calendar-calculator">
      <Space wrap align="end">
        <div>
          <div>{t('calendar.calc.from')}</div>
          <DatePicker value={from} allowClear={false} onChange={(d) => d && setFrom(d)} />
        </div>
        <div>
          <div>{t('calendar.calc.n')}</div>
          <InputNumber value={n} min={-1000} max={1000} precision={0} onChange={(v) => setN(v ?? 0)} />
        </div>
        <Button type="primary" loading={busy} onClick={() => void go()} data-testid="calendar-calc-go">
          {t('calendar.calc.go')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('calendar.calc.nHelp')}
      </Typography.Paragraph>
      {result ? (
        <div data-testid="calendar-calc-result">
          <Typography.Text strong>
            {result.n > 0
              ? t('calendar.calc.result', { from: result.from, n: result.n, date: result.date })
              : result.n < 0
                ? t('calendar.calc.resultBefore', { from: result.from, n: -result.n, date: result.date })
                : t('calendar.calc.resultSame', { date: result.date })}
          </Typography.Text>
          <div>
            {t('calendar.calc.dayIs', {
              date: result.date,
              what: t(`calendar.calc.kinds.${result.day.kind}`),
            })}
            {result.day.name ? ` (${result.day.name})` : ''}
          </div>
          {result.holidaysPassed.length ? (
            <div>
              {t('calendar.calc.passed', {
                days: result.holidaysPassed.map((d) => `${d.date.slice(5)} ${d.name ?? ''}`).join(', '),
              })}
            </div>
          ) : null}
          {result.provisional ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              message={t('calendar.calc.provisional')}
            />
          ) : null}
        </div>
      ) : null}
    </Card>
  );
};

export const CalendarPage = () => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const { message } = App.useApp();
  const qc = useQueryClient();
  const years = useQuery({ queryKey: [CALENDAR_KEY, 'years'], queryFn: listYears });
  const today = years.data?.today ?? dayjs().format('YYYY-MM-DD');
  const [picked, setPicked] = useState<number | null>(null);
  const year = picked ?? Number(today.slice(0, 4));
  const detail = useQuery({ queryKey: [CALENDAR_KEY, 'year', year], queryFn: () => getYear(year) });
  const [editing, setEditing] = useState<Editing>(null);
  const [importing, setImporting] = useState(false);
  const manage = years.data?.abilities.manage ?? false;

  const refresh = useCallback(() => {
    void qc.invalidateQueries({ queryKey: [CALENDAR_KEY] });
  }, [qc]);

  const y: CalendarYear | undefined = detail.data;
  const byDate = useMemo(() => new Map((y?.days ?? []).map((d) => [d.date, d])), [y]);

  const pick = manage
    ? (date: string) => {
        const entry = byDate.get(date);
        setEditing(entry ? { mode: 'edit', day: entry } : { mode: 'add', date });
      }
    : null;

  const remove = async (d: CalendarDayRecord) => {
    try {
      await deleteDay(d.date);
      void message.success(t('calendar.deleted'));
      refresh();
    } catch (e) {
      reportError(message, e);
    }
  };

  const door: ImportDoor = {
    title: t('calendar.importTitle'),
    hint: t('calendar.importHint'),
    downloadTemplate: downloadCalendarTemplate,
    upload: importCalendar,
    downloadErrors: downloadCalendarErrors,
    counts: (r: ImportReport) => [
      { key: 'total', label: t('org.importTotal'), value: r.total },
      { key: 'accepted', label: t('org.importAccepted'), value: r.accepted },
      { key: 'updated', label: t('org.importUpdated'), value: r.updated },
      { key: 'unchanged', label: t('org.importUnchanged'), value: r.unchanged },
      { key: 'rejected', label: t('org.importRejected'), value: r.rejected, danger: true },
    ],
  };

  const listed = (years.data?.data ?? []).map((s) => ({ year: s.year, provisional: s.provisional }));
  const yearOptions = listed.some((s) => s.year === year)
    ? listed
    : [...listed, { year, provisional: y?.provisional ?? true }].sort((a, b) => a.year - b.year);

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <div
        style={{
          display: 'flex',
          gap: 16,
          alignItems: 'flex-start',
          justifyContent: 'space-between',
          flexWrap: 'wrap',
        }}
      >
        <Typography.Paragraph type="secondary" style={{ maxWidth: 960, marginBottom: 12 }}>
          {t('calendar.intro')}
        </Typography.Paragraph>
        <Space wrap>
          <Select
            value={year}
            style={{ width: 150 }}
            labelRender={() => t('calendar.yearOption', { year })}
            onChange={setPicked}
            data-testid="calendar-year"
            options={yearOptions.map((s) => ({
              value: s.year,
              label: (
                <span>
                  {t('calendar.yearOption', { year: s.year })}
                  {s.provisional ? (
                    <Tag color="warning" style={{ marginLeft: 6 }}>
                      {t('calendar.yearProvisionalTag')}
                    </Tag>
                  ) : null}
                </span>
              ),
            }))}
          />
          {manage ? (
            <>
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="calendar-import"
              >
                {t('calendar.import')}
              </Button>
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setEditing({ mode: 'add', date: null })}
                data-testid="calendar-add"
              >
                {t('calendar.add')}
              </Button>
            </>
          ) : null}
        </Space>
      </div>
      {detail.isLoading || !y ? (
        <Spin />
      ) : (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          {y.provisional ? (
            <Alert
              type="warning"
              showIcon
              data-testid="calendar-provisional"
              message={t('calendar.provisionalBanner', { year: y.year })}
              description={manage ? t('calendar.provisionalHint') : undefined}
            />
          ) : null}
          <Space wrap size="large">
            <Typography.Text strong data-testid="calendar-coverage">
              {t('calendar.coverage', { year: y.year, holidays: y.holidays, workdays: y.makeupWorkdays })}
            </Typography.Text>
            {y.holidays + y.makeupWorkdays > 0 ? (
              <Typography.Text type="secondary">
                {t('calendar.coverageShipped', { shipped: y.shippedDays, admin: y.adminDays })}
              </Typography.Text>
            ) : null}
            {y.lastChangedAt ? (
              <Typography.Text type="secondary">
                {t('calendar.lastChanged', { at: fmtDateTime(y.lastChangedAt) })}
              </Typography.Text>
            ) : null}
            <Space size={4}>
              <Tag color="red">{t('calendar.legendHoliday')}</Tag>
              <Tag color="blue">{t('calendar.legendWorkday')}</Tag>
              <Tag>{t('calendar.legendWeekend')}</Tag>
              <Tag style={{ borderColor: '#1677ff' }}>{t('calendar.legendToday')}</Tag>
            </Space>
          </Space>
          <div
            data-testid="calendar-grid"
            style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(250px, 1fr))', gap: 12 }}
          >
            {Array.from({ length: 12 }, (_, i) => (
              <MonthGrid key={i} year={y.year} month={i + 1} days={byDate} today={today} onPick={pick} />
            ))}
          </div>
          <Row gutter={16}>
            <Col xs={24} xl={16}>
              <Card size="small" title={t('calendar.list')}>
                {y.days.length === 0 ? (
                  <Empty description={t('calendar.listEmpty')} />
                ) : (
                  <Table<CalendarDayRecord>
                    size="small"
                    rowKey="date"
                    dataSource={y.days}
                    scroll={{ x: 1000 }}
                    pagination={{ pageSize: 12, size: 'small' }}
                    data-testid="calendar-days"
                    columns={[
                      { title: t('calendar.fields.date'), dataIndex: 'date', width: 110 },
                      {
                        title: t('calendar.fields.kind'),
                        dataIndex: 'kind',
                        width: 100,
                        render: (_v, d) => (
                          <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>
                            {t(`calendar.kinds.${d.kind}`)}
                          </Tag>
                        ),
                      },
                      {
                        title: t('calendar.fields.name'),
                        dataIndex: 'name',
                        width: 120,
                        render: (_v, d) => (en && d.nameEn ? d.nameEn : d.name),
                      },
                      {
                        title: t('calendar.fields.source'),
                        dataIndex: 'source',
                        width: 300,
                        ...cutCell('source'),
                        render: (_v, d) =>
                          /^https?:\/\//.test(d.source) ? (
                            <a href={d.source} target="_blank" rel="noreferrer">
                              {d.source}
                            </a>
                          ) : (
                            d.source
                          ),
                      },
                      {
                        title: t('calendar.fields.origin'),
                        dataIndex: 'origin',
                        width: 120,
                        render: (_v, d) => t(`calendar.origins.${d.origin}`),
                      },
                      {
                        title: t('calendar.fields.updated'),
                        dataIndex: 'updatedAt',
                        width: 170,
                        render: (_v, d) => (
                          <Tooltip title={d.updatedBy ?? undefined}>{fmtDateTime(d.updatedAt)}</Tooltip>
                        ),
                      },
                      ...(manage
                        ? [
                            {
                              title: '',
                              key: 'actions',
                              width: 90,
                              render: (_v: unknown, d: CalendarDayRecord) => (
                                <Space size={4}>
                                  <Tooltip title={t('calendar.edit')}>
                                    <Button
                                      size="small"
                                      type="text"
                                      icon={<EditOutlined />}
                                      aria-label={t('calendar.edit')}
                                      onClick={() => setEditing({ mode: 'edit', day: d })}
                                    />
                                  </Tooltip>
                                  <Popconfirm
                                    title={t('calendar.deleteConfirm', { date: d.date, name: d.name })}
                                    onConfirm={() => void remove(d)}
                                  >
                                    <Button
                                      size="small"
                                      type="text"
                                      danger
                                      icon={<DeleteOutlined />}
                                      aria-label={t('calendar.delete')}
                                    />
                                  </Popconfirm>
                                </Space>
                              ),
                            },
                          ]
                        : []),
                    ]}
                  />
                )}
              </Card>
            </Col>
            <Col xs={24} xl={8}>
              <Calculator defaultFrom={today} />
            </Col>
          </Row>
        </Space>
      )}
      <DayModal
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={(date) => {
          setEditing(null);
          setPicked(Number(date.slice(0, 4)));
          refresh();
        }}
      />
      {manage ? (
        <ImportModal open={importing} onClose={() => setImporting(false)} onImported={refresh} door={door} />
      ) : null}
    </PageContainer>
  );
};
