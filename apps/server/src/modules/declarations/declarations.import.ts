/**
 * 历史申报导入 (issue 17 item 6): legacy declarations from the old declaration system, one row per
 * declaration with its main fields, through the one job pipeline (dry run, error workbook with row, column
 * and reason, idempotent retry by 原申报编号 = import_key). Employers not yet known are created set-based
 * per chunk through the employers module (`ensureEmployers(trx, rows, 'import')`). An imported declaration
 * is `accepted` with source 'import'; the employer's next 年度更新 clock runs from its newest accepted
 * declaration (settleClocksOfImported). One audit entry per batch
 * (`declaration.import`, by the pipeline).
 */
import {
  declarationCategories,
  declarationImportColumns,
  declarationKeyFactors,
  type DeclarationCategory,
  type DeclarationForm,
} from '@ohp/contracts';
import { chinaToday, getIndustry, getRegion, isIsoDate, normalizeIndustryCode } from '@ohp/reference';
import { validateCreditCode } from '@ohp/standards';
import type { Transaction } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import type { CommitResult, RowImportSpec, RowIssue, RowOutcome } from '../../platform/imports/pipeline.js';
import { normaliseText, writeWorkbook, type SheetRow } from '../../platform/imports/sheet.js';
import { ensureEmployers } from '../employers/index.js';
import { existingImportKeys, insertImportedDeclarations } from './declarations.repository.js';
import { settleClocksOfImported } from './declarations.service.js';

const [KEY, CREDIT, NAME, REGION, INDUSTRY, TYPE, SUBMITTED, ACCEPTED, STAFF, EXPOSED] =
  declarationImportColumns;
const CATEGORY_COLUMNS: Record<DeclarationCategory, string> = {
  dust: declarationImportColumns[10],
  chemical: declarationImportColumns[11],
  physical: declarationImportColumns[12],
  radiation: declarationImportColumns[13],
  biological: declarationImportColumns[14],
  other: declarationImportColumns[15],
};
/** 矽尘 … 噪声 columns in the order of declarationKeyFactors. */
const KEY_COLUMNS = declarationImportColumns.slice(16);

const TYPES = new Map<string, 'initial' | 'change' | 'annual' | 'cancel'>([
  ['初次申报', 'initial'],
  ['初次', 'initial'],
  ['变更申报', 'change'],
  ['变更', 'change'],
  ['年度更新', 'annual'],
  ['年度更新申报', 'annual'],
  ['注销申报', 'cancel'],
  ['注销', 'cancel'],
  ['initial', 'initial'],
  ['change', 'change'],
  ['annual', 'annual'],
  ['cancel', 'cancel'],
]);

/** 2019-05-20, 2019/5/20, 2019.5.20 or 2019年5月20日 → 2019-05-20; null when it is no real date. */
const parseDate = (s: string): string | null => {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s.trim());
  if (!m) return null;
  const date = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  return isIsoDate(date) ? date : null;
};

export type ImportedDeclaration = {
  importKey: string;
  creditCode: string;
  name: string;
  regionCode: string;
  industryCode: string | null;
  type: 'initial' | 'change' | 'annual' | 'cancel';
  submittedOn: string;
  acceptedOn: string;
  employees: number;
  exposed: number;
  categories: Partial<Record<DeclarationCategory, number>>;
  keyFactors: Record<string, number>;
  unchanged?: boolean;
};

const parseRow = (row: SheetRow, today: string, regionPrefix: string): RowOutcome<ImportedDeclaration> => {
  const get = (h: string) => normaliseText(row.values[h] ?? '');
  const issues: RowIssue[] = [];
  for (const h of [KEY, CREDIT, NAME, REGION, TYPE, SUBMITTED, ACCEPTED, STAFF, EXPOSED])
    if (!get(h)) issues.push({ column: h, reason: 'value_required' });
  if (get(KEY).length > 64) issues.push({ column: KEY, reason: 'maxLength' });
  if (get(NAME).length > 200) issues.push({ column: NAME, reason: 'maxLength' });
  const credit = get(CREDIT).toUpperCase();
  if (credit && !validateCreditCode(credit).ok)
    issues.push({ column: CREDIT, reason: 'declaration_credit_code_invalid' });
  const region = get(REGION);
  if (region && (!/^(\d{6}|\d{9})$/.test(region) || !getRegion(region)))
    issues.push({ column: REGION, reason: 'region_unknown' });
  else if (region && !region.startsWith(regionPrefix))
    issues.push({ column: REGION, reason: 'declaration_import_region_outside' });
  const industry = get(INDUSTRY) ? normalizeIndustryCode(get(INDUSTRY)) : null;
  if (get(INDUSTRY) && (!industry || !getIndustry(industry)))
    issues.push({ column: INDUSTRY, reason: 'declaration_industry_unknown' });
  const type = TYPES.get(get(TYPE).toLowerCase());
  if (get(TYPE) && !type) issues.push({ column: TYPE, reason: 'declaration_import_type_unknown' });
  const submitted = get(SUBMITTED) ? parseDate(get(SUBMITTED)) : null;
  if (get(SUBMITTED) && !submitted) issues.push({ column: SUBMITTED, reason: 'date_format' });
  else if (submitted && submitted > today)
    issues.push({ column: SUBMITTED, reason: 'declaration_trigger_date_future' });
  const accepted = get(ACCEPTED) ? parseDate(get(ACCEPTED)) : null;
  if (get(ACCEPTED) && !accepted) issues.push({ column: ACCEPTED, reason: 'date_format' });
  else if (accepted && accepted > today)
    issues.push({ column: ACCEPTED, reason: 'declaration_trigger_date_future' });
  else if (accepted && submitted && accepted < submitted)
    issues.push({ column: ACCEPTED, reason: 'declaration_import_accepted_before_submitted' });
  const count = (h: string, required: boolean): number | null => {
    const v = get(h);
    if (!v) return required ? null : 0;
    if (!/^\d{1,7}$/.test(v)) {
      issues.push({
        column: h,
        reason: /^-/.test(v) ? 'declaration_import_count_negative' : 'declaration_import_count_format',
      });
      return null;
    }
    return Number(v);
  };
  const employees = count(STAFF, true);
  const exposed = count(EXPOSED, true);
  if (employees !== null && exposed !== null && exposed > employees)
    issues.push({ column: EXPOSED, reason: 'declaration_exposed_exceeds_staff' });
  const categories: Partial<Record<DeclarationCategory, number>> = {};
  for (const c of declarationCategories) {
    const n = count(CATEGORY_COLUMNS[c], false);
    if (n === null) continue;
    if (n) categories[c] = n;
    if (exposed !== null && n > exposed)
      issues.push({ column: CATEGORY_COLUMNS[c], reason: 'declaration_category_exceeds_total' });
  }
  const keyFactors: Record<string, number> = {};
  declarationKeyFactors.forEach((k, i) => {
    const col = KEY_COLUMNS[i]!;
    const n = count(col, false);
    if (n === null) return;
    if (n) keyFactors[k.code] = n;
    if (n > (categories[k.category] ?? 0))
      issues.push({ column: col, reason: 'declaration_subfactor_exceeds_category' });
  });
  if (issues.length || !type || !submitted || !accepted || employees === null || exposed === null)
    return { ok: false, issues };
  return {
    ok: true,
    record: {
      importKey: get(KEY),
      creditCode: credit,
      name: get(NAME),
      regionCode: region,
      industryCode: industry,
      type,
      submittedOn: submitted,
      acceptedOn: accepted,
      employees,
      exposed,
      categories,
      keyFactors,
    },
  };
};

export const validateDeclarationRows = async (
  trx: Transaction<DB>,
  rows: SheetRow[],
  actor: Actor,
  today: string = chinaToday(),
): Promise<Array<RowOutcome<ImportedDeclaration>>> => {
  const parsed = rows.map((r) => parseRow(r, today, actor.regionCode));
  const ok = parsed.flatMap((o) => (o.ok ? [o.record] : []));
  const perKey = new Map<string, number>();
  for (const r of ok) perKey.set(r.importKey, (perKey.get(r.importKey) ?? 0) + 1);
  const existing = await existingImportKeys(trx, [...perKey.keys()]);
  return parsed.map((o): RowOutcome<ImportedDeclaration> => {
    if (!o.ok) return o;
    // The same number twice in one chunk: every such row is refused (which one is meant cannot be told).
    if ((perKey.get(o.record.importKey) ?? 0) > 1)
      return { ok: false, issues: [{ column: KEY, reason: 'declaration_import_duplicate_in_file' }] };
    if (existing.has(o.record.importKey)) return { ok: true, record: { ...o.record, unchanged: true } };
    return o;
  });
};

const formOf = (r: ImportedDeclaration): DeclarationForm => ({
  basic: {
    name: r.name,
    creditCode: r.creditCode,
    ...(r.industryCode && { industryCode: r.industryCode }),
    employees: r.employees,
  },
  hazards: Object.fromEntries(Object.entries(r.categories).map(([c, n]) => [c, { exposed: n }])),
  legacy: { keyFactors: r.keyFactors, note: '历史申报导入（无作业场所分布）' },
});

export const declarationImportSpec: RowImportSpec<ImportedDeclaration> = {
  kind: 'declaration',
  permission: 'declarations:import',
  columns: declarationImportColumns.map((header) => ({
    header,
    required: ([KEY, CREDIT, NAME, REGION, TYPE, SUBMITTED, ACCEPTED, STAFF, EXPOSED] as string[]).includes(
      header,
    ),
  })),
  validate: (trx, rows, actor) => validateDeclarationRows(trx, rows, actor),
  orderKey: (r) => r.importKey,
  commit: async (trx, records) => {
    const fresh = records.filter((x) => !x.record.unchanged).map((x) => x.record);
    if (fresh.length) {
      const ids = await ensureEmployers(
        trx,
        fresh.map((r) => ({
          creditCode: r.creditCode,
          name: r.name,
          regionCode: r.regionCode,
          industryCode: r.industryCode,
          employees: r.employees,
        })),
        'import',
      );
      await insertImportedDeclarations(
        trx,
        fresh.map((r) => ({
          employer_id: ids.get(r.creditCode)!,
          region_code: r.regionCode,
          declaration_type: r.type,
          form: JSON.stringify(formOf(r)),
          employees: r.employees,
          exposed_distinct: r.exposed,
          exposed_repeated: Object.values(r.categories).reduce((a, b) => a + (b ?? 0), 0),
          submitted_at: `${r.submittedOn}T00:00:00+08:00`,
          accepted_at: `${r.acceptedOn}T00:00:00+08:00`,
          import_key: r.importKey,
        })),
      );
      await settleClocksOfImported(trx, [...new Set(ids.values())]);
    }
    return records.map(({ rowNo, record }): CommitResult => ({
      rowNo,
      outcome: record.unchanged ? 'unchanged' : 'accepted',
    }));
  },
};

export const declarationImportTemplate = async (): Promise<Buffer> =>
  writeWorkbook(
    '历史申报',
    [...declarationImportColumns],
    [
      [
        'SB-2023-000118',
        '91220102MA0000000X',
        '某某机械制造有限公司（示例行，导入前删除）',
        '220102',
        '3311',
        '初次申报',
        '2023-03-06',
        '2023-03-09',
        '120',
        '35',
        '20',
        '0',
        '35',
        '0',
        '0',
        '0',
        '20',
        '0',
        '0',
        '0',
        '0',
        '35',
      ],
    ],
  );
