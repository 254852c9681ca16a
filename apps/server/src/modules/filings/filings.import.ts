/**
 * 历史备案导入 (issue 16 item 2: "Filings made earlier by cities can be imported and count as filed"):
 * one row per institution the cities filed before the provincial platform, with the city's filing
 * number and date and, for an exam institution, the filed hazard factors (national codes). The
 * provincial commission imports them through the one job pipeline (dry run, error workbook, a retried
 * file changes nothing). An imported filing is `filed` and `imported`: its factors become the
 * institution's capability, no on-site verification task is opened (that is for new filings, R45) and
 * outbound exams wait for the QC key items instead (R44). The batch is audited once (`filing.import`).
 */
import {
  filingCategoryCodePrefixes,
  filingImportColumns,
  type FilingCategory,
  type FilingContent,
  type OrganisationKind,
} from '@ohp/contracts';
import { chinaToday, type ExchangeHazardFactor, findExchangeCode, isIsoDate } from '@ohp/reference';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import type { CommitResult, RowImportSpec, RowIssue, RowOutcome } from '../../platform/imports/pipeline.js';
import { normaliseText, writeWorkbook, type SheetRow } from '../../platform/imports/sheet.js';
import { authorityRegionOf, filingKindOf } from './filings.policy.js';
import {
  filingsByNumbers,
  insertImportedFilings,
  institutionsByCreditCodes,
  liveFilingsOfInstitutions,
} from './filings.repository.js';

const [CREDIT, NAME, KIND, NUMBER, DATE, AUTHORITY, CODES, NOTE] = filingImportColumns;

const KINDS = new Map<string, 'exam' | 'diagnosis'>([
  ['职业健康检查', 'exam'],
  ['职业健康检查机构', 'exam'],
  ['体检', 'exam'],
  ['exam', 'exam'],
  ['职业病诊断', 'diagnosis'],
  ['职业病诊断机构', 'diagnosis'],
  ['诊断', 'diagnosis'],
  ['diagnosis', 'diagnosis'],
]);

/** 2019-05-20, 2019/5/20, 2019.5.20 or 2019年5月20日 → 2019-05-20; null when it is no real date. */
const parseDate = (s: string): string | null => {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
};

const hazard = (code: string) => findExchangeCode('hazard-factors', code) as ExchangeHazardFactor | undefined;

/** The category a factor belongs to, by its parent code in the national table (null: not a factor). */
const categoryOf = (code: string): FilingCategory | null => {
  const row = hazard(code);
  if (!row || row.level !== 'factor') return null;
  const parent = row.parentCode ?? '';
  for (const [category, prefixes] of Object.entries(filingCategoryCodePrefixes))
    if (prefixes.includes(parent)) return category as FilingCategory;
  return null;
};

export type ImportedFilingRecord = {
  creditCode: string;
  name: string;
  kind: 'exam' | 'diagnosis';
  filingNo: string;
  filedOn: string;
  authority: string;
  hazardCodes: string[];
  note: string;
};

const splitCodes = (s: string): string[] =>
  s
    .split(/[;；,，、\s]+/)
    .map((c) => c.trim())
    .filter(Boolean);

const parseRow = (row: SheetRow, today: string): RowOutcome<ImportedFilingRecord> => {
  const get = (h: string) => normaliseText(row.values[h] ?? '');
  const issues: RowIssue[] = [];
  for (const h of [CREDIT, NAME, KIND, NUMBER, DATE])
    if (!get(h)) issues.push({ column: h, reason: 'value_required' });
  const kind = KINDS.get(get(KIND).toLowerCase());
  if (get(KIND) && !kind) issues.push({ column: KIND, reason: 'filing_import_kind_unknown' });
  const filedOn = get(DATE) ? parseDate(get(DATE)) : null;
  if (get(DATE) && !filedOn) issues.push({ column: DATE, reason: 'date_format' });
  else if (filedOn && filedOn > today) issues.push({ column: DATE, reason: 'filing_import_date_future' });
  if (get(NUMBER).length > 64) issues.push({ column: NUMBER, reason: 'maxLength' });
  if (get(AUTHORITY).length > 100) issues.push({ column: AUTHORITY, reason: 'maxLength' });
  if (get(NOTE).length > 500) issues.push({ column: NOTE, reason: 'maxLength' });
  const codes = [...new Set(splitCodes(get(CODES)))].sort();
  if (codes.some((c) => !categoryOf(c))) issues.push({ column: CODES, reason: 'filing_hazard_unknown' });
  else if (kind === 'exam' && !codes.length)
    issues.push({ column: CODES, reason: 'filing_import_hazards_required' });
  if (issues.length || !kind || !filedOn) return { ok: false, issues };
  return {
    ok: true,
    record: {
      creditCode: get(CREDIT).toUpperCase(),
      name: get(NAME),
      kind,
      filingNo: get(NUMBER),
      filedOn,
      authority: get(AUTHORITY),
      hazardCodes: codes,
      note: get(NOTE),
    },
  };
};

/** What the commit writes for a checked row (the institution as registered on the platform). */
type Checked = ImportedFilingRecord & {
  institutionId: number;
  regionCode: string;
  institutionName: string;
  address: string | null;
  isPublic: boolean;
  /** Set when the institution already has this very imported filing: a retried row. */
  unchanged?: boolean;
};

const refuse = (column: string, reason: string): RowOutcome<Checked> => ({
  ok: false,
  issues: [{ column, reason }],
});

export const validateFilingRows = async (
  trx: Transaction<DB>,
  rows: SheetRow[],
  actor: Actor,
  today: string = chinaToday(),
): Promise<Array<RowOutcome<Checked>>> => {
  const parsed = rows.map((r) => parseRow(r, today));
  const ok = parsed.flatMap((o) => (o.ok ? [o.record] : []));
  const institutions = new Map(
    (await institutionsByCreditCodes(trx, [...new Set(ok.map((r) => r.creditCode))])).map((o) => [
      o.credit_code!,
      o,
    ]),
  );
  const ids = [...institutions.values()].map((o) => o.organisation_id);
  const live = new Map((await liveFilingsOfInstitutions(trx, ids)).map((f) => [f.institution_id, f]));
  const taken = new Map(
    (await filingsByNumbers(trx, [...new Set(ok.map((r) => r.filingNo))])).map((f) => [f.filing_no!, f]),
  );
  // The same institution or number twice in one file: every such row is refused (which one is meant
  // cannot be told).
  const count = (key: (r: ImportedFilingRecord) => string) => {
    const m = new Map<string, number>();
    for (const r of ok) m.set(key(r), (m.get(key(r)) ?? 0) + 1);
    return m;
  };
  const perInstitution = count((r) => r.creditCode);
  const perNumber = count((r) => r.filingNo);
  const provincial = actor.organisationKind === 'health_commission' && actor.regionCode.length === 2;
  return parsed.map((o): RowOutcome<Checked> => {
    if (!o.ok) return o;
    const r = o.record;
    const inst = institutions.get(r.creditCode);
    if (!inst) return refuse(CREDIT, 'filing_import_institution_unknown');
    if (!provincial || authorityRegionOf(inst.region_code) !== actor.regionCode)
      return refuse(CREDIT, 'filing_import_not_authority');
    if (filingKindOf(inst.kind as OrganisationKind) !== r.kind)
      return refuse(KIND, 'filing_import_kind_mismatch');
    if ((perInstitution.get(r.creditCode) ?? 0) > 1) return refuse(CREDIT, 'filing_import_repeated');
    if ((perNumber.get(r.filingNo) ?? 0) > 1) return refuse(NUMBER, 'filing_import_repeated');
    const existing = live.get(inst.organisation_id);
    const checked: Checked = {
      ...r,
      institutionId: inst.organisation_id,
      regionCode: inst.region_code,
      institutionName: inst.name,
      address: inst.address,
      isPublic: inst.is_public,
    };
    if (existing) {
      // A retry of the same row finds its own filing: nothing to do.
      if (existing.imported && existing.filing_no === r.filingNo)
        return { ok: true, record: { ...checked, unchanged: true } };
      return refuse(CREDIT, 'filing_import_live_filing');
    }
    const holder = taken.get(r.filingNo);
    if (holder && holder.institution_id !== inst.organisation_id)
      return refuse(NUMBER, 'filing_import_no_taken');
    const warnings: RowIssue[] =
      normaliseText(inst.name) !== r.name ? [{ column: NAME, reason: 'filing_import_name_mismatch' }] : [];
    return warnings.length ? { ok: true, record: checked, warnings } : { ok: true, record: checked };
  });
};

/** The filed content of an imported filing: the institution as registered and its factors by category. */
export const importedContent = (r: Checked): FilingContent => {
  const byCategory = new Map<FilingCategory, string[]>();
  for (const code of r.hazardCodes) {
    const c = categoryOf(code)!;
    byCategory.set(c, [...(byCategory.get(c) ?? []), code]);
  }
  return {
    institution: {
      name: r.institutionName,
      creditCode: r.creditCode,
      ...(r.address ? { address: r.address } : {}),
      isPublic: r.isPublic,
    },
    categories: [...byCategory].map(([category, hazardCodes]) => ({ category, hazardCodes })),
  };
};

export const filingImportSpec: RowImportSpec<Checked> = {
  kind: 'filing',
  permission: 'filings:review',
  columns: filingImportColumns.map((header) => ({
    header,
    required: header !== AUTHORITY && header !== NOTE && header !== CODES,
  })),
  validate: (trx, rows, actor) => validateFilingRows(trx, rows, actor),
  orderKey: (r) => r.creditCode,
  commit: async (trx, records, actor) => {
    const fresh = records.filter((x) => !x.record.unchanged);
    await insertImportedFilings(
      trx,
      fresh.map(({ record: r }) => ({
        institution_id: r.institutionId,
        kind: r.kind,
        region_code: r.regionCode,
        authority_region_code: authorityRegionOf(r.regionCode),
        filing_no: r.filingNo,
        filed_on: r.filedOn,
        content: importedContent(r),
        note: ['导入的历史备案', r.authority && `原备案机关：${r.authority}`, r.note]
          .filter(Boolean)
          .join('；'),
        hazard_codes: r.kind === 'exam' ? r.hazardCodes : [],
      })),
      actor.userId,
    );
    return records.map(({ rowNo, record }): CommitResult => ({
      rowNo,
      outcome: record.unchanged ? 'unchanged' : 'accepted',
    }));
  },
};

/** The template: the columns and an example row of each type. */
export const filingImportTemplate = async (): Promise<Buffer> =>
  writeWorkbook(
    '历史备案',
    [...filingImportColumns],
    [
      [
        '12220100MB0000000X',
        '某某医院',
        '职业健康检查',
        '长卫职检备〔2020〕3号',
        '2020-06-18',
        '长春市卫生健康委员会',
        '1038;1021;2013;3008',
        '示例行：请按原备案填写，导入前删除',
      ],
      [
        '12220200MB0000001Y',
        '某某职业病防治院',
        '职业病诊断',
        '吉市卫职诊备〔2019〕1号',
        '2019-11-02',
        '吉林市卫生健康委员会',
        '',
        '示例行：请按原备案填写，导入前删除',
      ],
    ],
  );
