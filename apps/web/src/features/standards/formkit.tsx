/**
 * The pieces every calculator form is built from: number fields whose unit and range come from the
 * calculator's input schema (packages/standards/src/schemas.ts), date pickers, repeatable rows, the
 * substance picker over GBZ 2.1 表1/表2 (name, CAS, row id or pinyin initials; a base name offers its
 * sub-rows), catalogue pickers (hazard factors, diseases, industries), and the form shell that runs the
 * calculator on the server and puts each refused field's message (400 `validation_failed`, details[].path
 * such as `exposure.segments.0.laeq`) on the matching field.
 */
import { MinusCircleOutlined, PlusOutlined, ReloadOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { intervalOf, langOf, renderMsg, validate, type Issue, type Lang, type Schema } from '@ohp/standards';
import {
  Alert,
  Button,
  DatePicker,
  Form,
  InputNumber,
  Select,
  Space,
  Spin,
  Tag,
  Typography,
  type FormInstance,
  type FormListFieldData,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  createContext,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
  type ReactNode,
} from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ApiError } from '../../shared/api';
import { errorMessage } from '../../shared/errors';
import {
  catalogueEntries,
  runCalculator,
  searchLimitRows,
  type CalcResult,
  type CalculatorInfo,
  type CatalogueEntry,
  type LimitRowHit,
} from './api';

export type Path = (string | number)[];

// ---- values ----------------------------------------------------------------------------------------------

export const rec = (x: unknown): Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x) ? (x as Record<string, unknown>) : {};
export const arr = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
/** A number of the example, or null for an empty field. */
export const numOrNull = (x: unknown): number | null => (typeof x === 'number' ? x : null);
export const strOr = (x: unknown, fallback: string): string => (typeof x === 'string' ? x : fallback);

/** A date field's value (dayjs) from the example's YYYY-MM-DD, or today. */
export const dayOf = (x: unknown): Dayjs =>
  typeof x === 'string' && dayjs(x).isValid() ? dayjs(x) : dayjs();
/** YYYY-MM-DD of a date field, or undefined when empty (the engine then names the missing field). */
export const dayText = (d: unknown): string | undefined =>
  dayjs.isDayjs(d) ? d.format('YYYY-MM-DD') : typeof d === 'string' && d !== '' ? d : undefined;

/**
 * The request body from form values: empty optional fields (null, undefined, '') are left out of objects,
 * so the engine reports a required one as missing; inside lists an empty entry stays as null so its
 * position is named (`dailyLex8h.2`).
 */
export const clean = (x: unknown): unknown => {
  if (Array.isArray(x)) return x.map((v) => (v === undefined || v === '' ? null : clean(v)));
  if (dayjs.isDayjs(x)) return x.format('YYYY-MM-DD');
  if (typeof x === 'object' && x !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(x)) {
      if (v === null || v === undefined || v === '') continue;
      out[k] = clean(v);
    }
    return out;
  }
  return x;
};

// ---- schema ----------------------------------------------------------------------------------------------

const SchemaContext = createContext<unknown>({});
export const SchemaProvider = SchemaContext.Provider;

/**
 * The schema of the field at `path` (list positions as numbers or '*'); alternatives (oneOf) are searched
 * in order, so `exposure.laeqTe` finds the branch that has it.
 */
export const schemaAt = (schema: unknown, path: Path): Schema | null => {
  const s = rec(schema);
  if (path.length === 0) return s;
  if (Array.isArray(s.oneOf)) {
    for (const b of s.oneOf) {
      const found = schemaAt(b, path);
      if (found) return found;
    }
    return null;
  }
  const [head, ...rest] = path;
  if (typeof head === 'number' || head === '*') return s.items ? schemaAt(s.items, rest) : null;
  const props = rec(s.properties);
  return head !== undefined && head in props ? schemaAt(props[head], rest) : null;
};

/** "[0, 140] dB(A)": a number field's range and unit as the schema states them. */
export const rangeText = (s: Schema | null, unit?: string): string | undefined => {
  if (!s) return undefined;
  const interval = intervalOf(s);
  const u = unit ?? (typeof s['x-unit'] === 'string' ? s['x-unit'] : '');
  return interval ? `${interval}${u ? ` ${u}` : ''}` : undefined;
};

/** Checks a value against its schema in the browser with the engine's own validator and message. */
const schemaRule = (s: Schema | null, lang: Lang) => ({
  validator: async (_: unknown, v: unknown) => {
    if (!s || v === null || v === undefined) return;
    const [first] = validate(s, v);
    if (first) throw new Error(renderMsg(first.message, lang));
  },
});

// ---- fields ----------------------------------------------------------------------------------------------

const itemStyle = (width?: number): CSSProperties => ({ marginBottom: 12, ...(width ? { width } : {}) });

/**
 * A number with the unit and range of the schema at `path`. The range is checked as the user types (same
 * message as the server) without clamping the value; `live` forms leave it to the engine's own result.
 */
export const NumberField = ({
  name,
  path,
  label,
  placeholder,
  width = 150,
  unit,
  live = false,
  compact = false,
  testId,
}: {
  name: Path | string | number;
  /** Where the field is in the calculator's input schema (list positions as '*'). */
  path: Path;
  label?: ReactNode;
  placeholder?: string;
  width?: number;
  /** Overrides the schema's unit (for a formula symbol such as 'h'). */
  unit?: string;
  live?: boolean;
  /** In a row: no bottom margin. */
  compact?: boolean;
  testId?: string;
}) => {
  const { t, i18n } = useTranslation();
  const schema = useContext(SchemaContext);
  const s = schemaAt(schema, path);
  const u = unit ?? (s && typeof s['x-unit'] === 'string' && s['x-unit'] !== '' ? s['x-unit'] : undefined);
  const range = rangeText(s, u ?? '');
  const lang = langOf(i18n.language);
  const hint = range ? t('standards.form.range', { range }) : undefined;
  return (
    <Form.Item
      name={name}
      label={label}
      tooltip={label ? hint : undefined}
      rules={live ? [] : [schemaRule(s, lang)]}
      style={compact ? { marginBottom: 0 } : itemStyle()}
    >
      <InputNumber
        placeholder={placeholder}
        addonAfter={u}
        title={hint}
        style={{ width }}
        data-testid={testId}
        data-range={range}
      />
    </Form.Item>
  );
};

export const DateField = ({
  name,
  label,
  testId,
}: {
  name: Path | string;
  label: ReactNode;
  testId?: string;
}) => (
  <Form.Item name={name} label={label} style={itemStyle()}>
    <DatePicker format="YYYY-MM-DD" style={{ width: 160 }} data-testid={testId} />
  </Form.Item>
);

/**
 * Repeatable rows (segments, samples, excursions …): a numbered line per entry with a remove button, an
 * add button, and the list's own error (a sum out of range, for example) under it.
 */
export const Rows = ({
  name,
  label,
  addText,
  newRow,
  min = 1,
  max = 100,
  testId,
  children,
}: {
  name: Path | string;
  label: ReactNode;
  addText: string;
  newRow: () => unknown;
  min?: number;
  max?: number;
  testId: string;
  children: (field: FormListFieldData, index: number) => ReactNode;
}) => {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} style={{ marginBottom: 12 }}>
      <Form.List name={name}>
        {(fields, { add, remove }, { errors }) => (
          <div data-testid={testId}>
            {fields.map((f, i) => (
              <div key={f.key} style={rowStyle} data-testid={`${testId}-row`}>
                <span style={rowNoStyle}>{i + 1}</span>
                <div style={rowBodyStyle}>{children(f, i)}</div>
                <Button
                  type="text"
                  icon={<MinusCircleOutlined />}
                  disabled={fields.length <= min}
                  onClick={() => remove(f.name)}
                  aria-label={t('standards.form.removeRow')}
                  title={t('standards.form.removeRow')}
                  data-testid={`${testId}-remove`}
                />
              </div>
            ))}
            <Button
              type="dashed"
              size="small"
              icon={<PlusOutlined />}
              disabled={fields.length >= max}
              onClick={() => add(newRow())}
              data-testid={`${testId}-add`}
            >
              {addText}
            </Button>
            <Form.ErrorList errors={errors} />
          </div>
        )}
      </Form.List>
    </Form.Item>
  );
};

/** Rows' inner items sit side by side without their own bottom margin. */
export const rowItem: CSSProperties = { marginBottom: 0 };
const rowStyle: CSSProperties = { display: 'flex', alignItems: 'flex-start', gap: 8, marginBottom: 8 };
const rowBodyStyle: CSSProperties = { display: 'flex', flexWrap: 'wrap', gap: 8, flex: 1, minWidth: 0 };
const rowNoStyle: CSSProperties = { width: 18, lineHeight: '32px', color: 'rgba(0,0,0,0.45)' };
const muted: CSSProperties = { color: 'rgba(0,0,0,0.45)', fontSize: 12 };
const optionStyle: CSSProperties = {
  display: 'flex',
  justifyContent: 'space-between',
  gap: 16,
  whiteSpace: 'nowrap',
};

// ---- search helpers ------------------------------------------------------------------------------------

const useDebounced = <T,>(value: T, ms = 250): T => {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
};

const fmtLimit = (n: number | null) => (n === null ? null : String(n));

/** The limits of a row, for the picker: PC-TWA 50 · PC-STEL 100, or 总尘 4 · 呼尘 2 (mg/m³). */
export const limitSummary = (h: LimitRowHit, t: (k: string) => string): string => {
  const parts: string[] =
    h.table === 1
      ? [
          ['MAC', fmtLimit(h.mac)],
          ['PC-TWA', fmtLimit(h.pcTwa)],
          ['PC-STEL', fmtLimit(h.pcStel)],
        ]
          .filter(([, v]) => v !== null)
          .map(([k, v]) => `${k} ${v}`)
      : [
          [t('standards.form.total'), fmtLimit(h.pcTwaTotal)],
          [t('standards.form.respirable'), fmtLimit(h.pcTwaRespirable)],
        ]
          .filter(([, v]) => v !== null)
          .map(([k, v]) => `${k} ${v}`);
  return parts.length ? `${parts.join(' · ')} mg/m³` : '';
};

/** The row's place in the standard, short: 表1 第136行 / Table 1, row 136. */
const placeOf = (h: LimitRowHit, t: (k: string, o?: Record<string, unknown>) => string) =>
  t('standards.form.place', { table: h.table, seq: h.seq });

/** The row's name in the page language (the Chinese name is the standard's; English when there is one). */
const hitName = (h: LimitRowHit, en: boolean) => (en && h.nameEn ? h.nameEn : h.nameZh);

/**
 * 物质: GBZ 2.1—2019 表1/表2 rows searched on the server by name, CAS number, row id or pinyin initials
 * (jb → 甲苯). A substance printed with sub-rows (一氧化碳, 矽尘) is a group to choose a row from. The value
 * is the row id; `onHit` receives the chosen row (its table and limits decide which fields apply).
 */
export const SubstancePicker = ({
  value,
  onChange,
  eventDate,
  onHit,
  id,
  width = 460,
  testId,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  eventDate?: string;
  onHit?: (h: LimitRowHit | null) => void;
  id?: string;
  width?: number;
  testId?: string;
}) => {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const [q, setQ] = useState('');
  const typing = q.trim();
  const term = useDebounced(typing);
  const search = useQuery({
    queryKey: ['standards', 'limit-rows', term, eventDate ?? ''],
    queryFn: () => searchLimitRows(term, eventDate),
    enabled: term !== '',
    staleTime: 60_000,
    placeholderData: keepPreviousData,
  });
  const chosen = useQuery({
    queryKey: ['standards', 'limit-rows', value ?? '', eventDate ?? '', 'one'],
    queryFn: () => searchLimitRows(value ?? '', eventDate, 5),
    enabled: Boolean(value),
    staleTime: 60_000,
    select: (r) => r.data.find((h) => h.rowId === value) ?? null,
  });
  const hit = value ? (chosen.data ?? null) : null;
  useEffect(() => onHit?.(hit), [hit, onHit]);

  const options = useMemo(() => {
    const hits = term === '' ? [] : (search.data?.data ?? []);
    // The chosen row is an option (for its label) until the user types a search of their own.
    const list = hit && typing === '' && !hits.some((h) => h.rowId === hit.rowId) ? [hit] : hits;
    const groups = new Map<string, LimitRowHit[]>();
    for (const h of list)
      groups.set(`${h.table}:${h.group}`, [...(groups.get(`${h.table}:${h.group}`) ?? []), h]);
    const optionOf = (h: LimitRowHit, inGroup: boolean) => ({
      value: h.rowId,
      display: t('standards.form.picked', { name: hitName(h, en), place: placeOf(h, t) }),
      label: (
        <div style={optionStyle} data-testid={`substance-option-${h.rowId}`}>
          <span>
            {inGroup && h.variant ? h.variant : hitName(h, en)}
            {h.cas.length ? <span style={muted}> {h.cas.join(', ')}</span> : null}
            {h.loaded ? null : (
              <Tag color="orange" style={{ marginInlineStart: 6 }}>
                {t('standards.form.notLoaded')}
              </Tag>
            )}
          </span>
          <span style={muted}>{[limitSummary(h, t), placeOf(h, t)].filter(Boolean).join(' · ')}</span>
        </div>
      ),
    });
    return [...groups.values()].map((rows) => {
      const first = rows[0]!;
      if (rows.length === 1 && first.variant === null) return optionOf(first, false);
      return {
        label: (
          <span data-testid={`substance-group-${first.group}`}>
            {en && first.nameEn ? first.nameEn.replace(/[,:].*$/, '') : first.group}
            {t('standards.form.subRows', { count: rows.length })}
          </span>
        ),
        title: first.group,
        options: rows.map((h) => optionOf(h, true)),
      };
    });
  }, [search.data, term, typing, hit, en, t]);

  return (
    <div style={{ width: '100%', maxWidth: width }}>
      <Select
        id={id}
        showSearch
        allowClear
        value={value ?? undefined}
        onChange={(v: string | undefined) => onChange?.(v ?? null)}
        onSearch={setQ}
        searchValue={q}
        onBlur={() => setQ('')}
        filterOption={false}
        optionLabelProp="display"
        options={options}
        placeholder={t('standards.form.substancePlaceholder')}
        notFoundContent={
          search.isFetching ? (
            <Spin size="small" />
          ) : term === '' ? (
            t('standards.form.substanceHint')
          ) : (
            t('standards.form.noMatch')
          )
        }
        popupMatchSelectWidth={false}
        listHeight={320}
        style={{ width: '100%' }}
        data-testid={testId}
      />
      {hit ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
          {hit.citation}
          {limitSummary(hit, t) ? ` · ${limitSummary(hit, t)}` : ''}
          {hit.note ? ` · ${hit.note}` : ''}
        </Typography.Text>
      ) : null}
    </div>
  );
};

/** How a catalogue's entries are shown and keyed by a picker. */
type CatalogueKind = {
  catalogue: string;
  key: string;
  /** The code a user may type when the catalogue cannot be read (no catalogues:read). */
  raw: RegExp;
  label: (e: CatalogueEntry) => string;
  extra: (e: CatalogueEntry) => string;
};

const s = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : '');

export const HAZARDS: CatalogueKind = {
  catalogue: 'hazard-factors',
  key: 'id',
  raw: /^[1-6]-\d{1,3}$/,
  label: (e) => s(e.name),
  extra: (e) => `${s(e.categoryName)} ${s(e.id)}`,
};
export const diseasesOn = (edition: '2013' | '2024'): CatalogueKind => ({
  catalogue: `diseases-${edition}`,
  key: 'id',
  raw: /^\d{4}(\/\d{1,3}){2,3}$/,
  label: (e) => s(e.name),
  extra: (e) => [s(e.category), s(e.subcategory)].filter(Boolean).join(' · '),
});
export const INDUSTRIES: CatalogueKind = {
  catalogue: 'industries',
  key: 'code',
  raw: /^[A-Za-z]?\d{0,4}$/,
  label: (e) => `${s(e.code)} ${s(e.name)}`,
  extra: () => '',
};

/** The occupational-disease catalogue in force on a date: 2024 edition from 2025-08-01. */
export const diseaseEditionOn = (date: string | undefined): '2013' | '2024' =>
  date !== undefined && date >= '2025-08-01' ? '2024' : '2013';

/**
 * A picker over a national catalogue (GET /catalogues/:id?q=…): hazard factors, diseases, industries. One
 * value or several (`multiple`). Without catalogues:read the code can still be typed.
 */
export const CataloguePicker = ({
  kind,
  value,
  onChange,
  multiple = false,
  placeholder,
  id,
  width = 320,
  testId,
}: {
  kind: CatalogueKind;
  value?: string | string[] | null;
  onChange?: (v: string | string[] | null) => void;
  multiple?: boolean;
  placeholder?: string;
  id?: string;
  width?: number | string;
  testId?: string;
}) => {
  const { t } = useTranslation();
  const { can } = useAuth();
  const readable = can('catalogues:read');
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const search = useQuery({
    queryKey: ['standards', 'catalogue', kind.catalogue, term],
    queryFn: () => catalogueEntries(kind.catalogue, term),
    enabled: readable,
    staleTime: 300_000,
    placeholderData: keepPreviousData,
  });
  const values = (Array.isArray(value) ? value : value ? [value] : []).filter((v) => typeof v === 'string');
  // The chosen entries, for their names (the search page may not hold them).
  const chosen = useQueries({
    queries: values.map((v) => ({
      queryKey: ['standards', 'catalogue', kind.catalogue, v],
      queryFn: () => catalogueEntries(kind.catalogue, v, 200),
      enabled: readable,
      staleTime: 300_000,
    })),
  });
  const known = useRef(new Map<string, CatalogueEntry>());
  for (const e of search.data?.data ?? []) known.current.set(s(e[kind.key]), e);
  for (const c of chosen) for (const e of c.data?.data ?? []) known.current.set(s(e[kind.key]), e);

  const optionOf = (code: string) => {
    const e = known.current.get(code);
    return {
      value: code,
      display: e ? kind.label(e) : code,
      label: e ? (
        <div style={optionStyle} data-testid={`option-${code}`}>
          <span>{kind.label(e)}</span>
          <span style={muted}>{kind.extra(e)}</span>
        </div>
      ) : (
        <span data-testid={`option-${code}`}>{code}</span>
      ),
    };
  };
  const codes = [
    ...values,
    ...(search.data?.data ?? []).map((e) => s(e[kind.key])).filter((c) => !values.includes(c)),
  ];
  if (kind.raw.test(term) && term !== '' && !codes.includes(term) && (!readable || search.isError))
    codes.push(term);
  return (
    <Select
      id={id}
      mode={multiple ? 'multiple' : undefined}
      showSearch
      allowClear
      value={multiple ? values : (values[0] ?? undefined)}
      onChange={(v: string | string[] | undefined) => onChange?.(v ?? null)}
      onSearch={setQ}
      searchValue={q}
      onBlur={() => setQ('')}
      filterOption={false}
      optionLabelProp="display"
      options={codes.map(optionOf)}
      placeholder={placeholder}
      notFoundContent={search.isFetching ? <Spin size="small" /> : t('standards.form.noMatch')}
      popupMatchSelectWidth={false}
      style={{ width }}
      data-testid={testId}
    />
  );
};

// ---- errors on fields -----------------------------------------------------------------------------------

export type FieldIssue = { path: string; message: string };

/**
 * Puts each issue on the registered field its path names (`exposure.segments.0.laeq`), or on the nearest
 * registered parent (`substance.rowId` → the substance picker, `exposure.segments` → the rows); returns
 * the issues no field takes (shown above the buttons).
 */
export const issuesToFields = (
  form: FormInstance,
  issues: readonly FieldIssue[],
): { placed: Path[]; rest: FieldIssue[] } => {
  const registered = new Map(form.getFieldsError().map((f) => [f.name.join('.'), f.name]));
  const byField = new Map<string, { name: Path; errors: string[] }>();
  const rest: FieldIssue[] = [];
  for (const issue of issues) {
    let p = issue.path === 'body' ? '' : issue.path;
    let name: Path | undefined;
    while (p !== '') {
      name = registered.get(p);
      if (name) break;
      p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '';
    }
    if (!name) {
      rest.push(issue);
      continue;
    }
    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(issue.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()].map(({ name, errors }) => ({ name, errors })));
  return { placed: [...byField.values()].map((f) => f.name), rest };
};

/** The engine's issues (live forms) as field issues in the page's language. */
export const engineIssues = (issues: readonly Issue[] | undefined, lang: Lang): FieldIssue[] =>
  (issues ?? []).map((i) => ({ path: i.path, message: renderMsg(i.message, lang) }));

/** Issues that no field took, listed under the form. */
export const LooseIssues = ({ issues }: { issues: readonly FieldIssue[] }) =>
  issues.length ? (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="form-issues"
      message={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {issues.map((i, k) => (
            <li key={k}>{i.message}</li>
          ))}
        </ul>
      }
    />
  ) : null;

// ---- the form shell ---------------------------------------------------------------------------------------

export type FormResult = (result: CalcResult | null, input?: unknown) => void;

/**
 * A calculator form run on the server: 计算 sends `toInput(values)`; a 400 puts each refused field's
 * message on the field (and the rest above the buttons); any change clears the server's messages.
 */
export const ServerForm = <V extends object>({
  calc,
  form,
  initialValues,
  toInput,
  onResult,
  children,
}: {
  calc: CalculatorInfo;
  form: FormInstance<V>;
  initialValues: V;
  toInput: (v: V) => unknown;
  onResult: FormResult;
  children: ReactNode;
}) => {
  const { t } = useTranslation();
  const [loose, setLoose] = useState<FieldIssue[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const marked = useRef<Path[]>([]);
  const clearServerErrors = () => {
    if (marked.current.length)
      (form as FormInstance).setFields(marked.current.map((name) => ({ name, errors: [] })));
    marked.current = [];
    setLoose([]);
    setFailure(null);
  };
  const run = useMutation({
    mutationFn: (input: unknown) => runCalculator(calc.id, input),
    onMutate: () => {
      clearServerErrors();
      onResult(null);
    },
    onSuccess: (r, input) => onResult(r, input),
    onError: (e) => {
      if (e instanceof ApiError && e.status === 400 && e.details.length) {
        const issues = e.details.map((d) => ({ path: d.path, message: d.message }));
        const { placed, rest } = issuesToFields(form, issues);
        marked.current = placed;
        setLoose(rest);
      } else setFailure(e);
    },
  });
  return (
    <SchemaProvider value={calc.inputSchema}>
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        requiredMark={false}
        scrollToFirstError
        onValuesChange={clearServerErrors}
        onFinish={(v) => run.mutate(toInput(v))}
        data-testid={`form-${calc.id}`}
      >
        {children}
        <LooseIssues issues={loose} />
        {failure ? (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            message={errorMessage(failure)}
            data-testid="form-failure"
          />
        ) : null}
        <Space wrap>
          <Button
            type="primary"
            htmlType="submit"
            icon={<ThunderboltOutlined />}
            loading={run.isPending}
            data-testid="form-run"
          >
            {t('standards.run')}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            onClick={() => {
              form.resetFields();
              clearServerErrors();
              onResult(null);
            }}
            data-testid="form-reset"
          >
            {t('standards.resetExample')}
          </Button>
        </Space>
      </Form>
    </SchemaProvider>
  );
};

/** A section title inside a form. */
export const Section = ({ children, extra }: { children: ReactNode; extra?: ReactNode }) => (
  <div style={{ display: 'flex', alignItems: 'center', gap: 12, margin: '4px 0 8px' }}>
    <Typography.Text strong>{children}</Typography.Text>
    {extra}
  </div>
);
