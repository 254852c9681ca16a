/**
 * The catalogue import (xlsx/csv through the one job pipeline, kind `equipment_requirement`): one row per
 * required item. A row whose natural key (institution type, level, domain, item, year) is already in the
 * catalogue replaces that row's quantity, source and note (or is `unchanged`), so an import retried after
 * a failure, or the same file uploaded again, never duplicates a row. `?dryRun=true` checks every row
 * and writes nothing; rejected rows come back as the error workbook. The batch is audited once
 * (`equipment_requirement.import`) by the pipeline.
 */
import {
  equipmentDomainLabels,
  equipmentDomains,
  equipmentInstitutionKinds,
  equipmentLevelLabels,
  equipmentLevels,
  equipmentRequirementImportColumns,
  organisationKindLabels,
} from '@ohp/contracts';
import type { CommitResult, RowImportSpec, RowIssue, RowOutcome } from '../../platform/imports/pipeline.js';
import { normaliseText, writeWorkbook, type SheetRow } from '../../platform/imports/sheet.js';
import {
  insertRequirement,
  lockRequirementsByKey,
  updateRequirement,
  type RequirementValues,
} from './equipment.repository.js';
import { checkRequirement } from './equipment.service.js';

const [KIND, LEVEL, DOMAIN, NAME, QUANTITY, SOURCE, YEAR, NOTE] = equipmentRequirementImportColumns;

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

/** What a cell may say for each value: the code, the zh label, a few short forms. */
const KINDS = new Map<string, string>(
  equipmentInstitutionKinds.flatMap((k) => [
    [norm(k), k],
    [norm(organisationKindLabels[k].zh), k],
  ]),
);
KINDS.set(norm('疾控中心'), 'support_institution');
KINDS.set(norm('质控中心'), 'qc_centre');
KINDS.set(norm('体检机构'), 'exam_institution');
KINDS.set(norm('诊断机构'), 'diagnosis_institution');
KINDS.set(norm('技术服务机构'), 'service_institution');

const LEVELS = new Map<string, string | null>([
  ...equipmentLevels.flatMap((l): Array<[string, string]> => [
    [norm(l), l],
    [norm(equipmentLevelLabels[l].zh), l],
    [norm(equipmentLevelLabels[l].zh.slice(0, 1)), l],
  ]),
  ['', null],
  [norm('各级'), null],
  [norm('通用'), null],
  [norm('各级通用'), null],
]);

const DOMAINS = new Map<string, string>(
  equipmentDomains.flatMap((d) => [
    [norm(d), d],
    [norm(equipmentDomainLabels[d].zh), d],
  ]),
);
DOMAINS.set(norm('职业卫生'), 'hygiene');
DOMAINS.set(norm('放射卫生'), 'radiation');
DOMAINS.set(norm('诊断救治'), 'diagnosis');

type Record = RequirementValues;

const keyOf = (r: Pick<Record, 'institution_kind' | 'level' | 'domain' | 'item_name' | 'effective_year'>) =>
  [r.institution_kind, r.level ?? '*', r.domain, r.item_name, r.effective_year].join('\u0000');

const COLUMN_OF: { [path: string]: string } = { itemName: NAME, source: SOURCE };

const checkRow = (row: SheetRow): RowOutcome<Record> => {
  const get = (h: string) => normaliseText(row.values[h] ?? '');
  const issues: RowIssue[] = [];
  for (const h of [KIND, DOMAIN, NAME, QUANTITY, SOURCE, YEAR])
    if (!get(h)) issues.push({ column: h, reason: 'value_required' });
  const kind = KINDS.get(norm(get(KIND)));
  if (get(KIND) && !kind) issues.push({ column: KIND, reason: 'equipment_kind_unknown' });
  const level = LEVELS.get(norm(get(LEVEL)));
  if (level === undefined) issues.push({ column: LEVEL, reason: 'equipment_level_unknown' });
  const domain = DOMAINS.get(norm(get(DOMAIN)));
  if (get(DOMAIN) && !domain) issues.push({ column: DOMAIN, reason: 'equipment_domain_unknown' });
  const quantity = Number(get(QUANTITY));
  if (get(QUANTITY) && !(Number.isInteger(quantity) && quantity >= 1 && quantity <= 1000))
    issues.push({ column: QUANTITY, reason: 'equipment_quantity_invalid' });
  const year = Number(get(YEAR));
  if (get(YEAR) && !(Number.isInteger(year) && year >= 2000 && year <= 2100))
    issues.push({ column: YEAR, reason: 'equipment_year_invalid' });
  if (get(NAME).length > 100) issues.push({ column: NAME, reason: 'equipment_text_too_long' });
  if (get(SOURCE).length > 500) issues.push({ column: SOURCE, reason: 'equipment_text_too_long' });
  if (get(NOTE).length > 500) issues.push({ column: NOTE, reason: 'equipment_text_too_long' });
  const record: Record = {
    institution_kind: kind ?? '',
    level: level ?? null,
    domain: domain ?? '',
    item_name: get(NAME),
    min_quantity: quantity,
    source: get(SOURCE),
    effective_year: year,
    note: get(NOTE) || null,
  };
  // The rules the API applies too; a column already refused (e.g. empty) is reported once.
  for (const i of checkRequirement(record)) {
    const column = COLUMN_OF[i.path] ?? i.path;
    if (!issues.some((x) => x.column === column)) issues.push({ column, reason: i.reason });
  }
  return issues.length ? { ok: false, issues } : { ok: true, record };
};

export const equipmentRequirementImportSpec: RowImportSpec<Record> = {
  kind: 'equipment_requirement',
  permission: 'equipment:manage',
  analyze: ['equipment_requirement'],
  columns: equipmentRequirementImportColumns.map((header) => ({
    header,
    required: header !== LEVEL && header !== NOTE,
  })),
  validate: async (_trx, rows) => {
    const outcomes = rows.map(checkRow);
    // The same entry twice in one file: both rows are refused (which one is meant cannot be told).
    const seen = new Map<string, number>();
    for (const o of outcomes) if (o.ok) seen.set(keyOf(o.record), (seen.get(keyOf(o.record)) ?? 0) + 1);
    return outcomes.map((o) =>
      o.ok && (seen.get(keyOf(o.record)) ?? 0) > 1
        ? { ok: false, issues: [{ column: NAME, reason: 'equipment_requirement_repeated' }] }
        : o,
    );
  },
  orderKey: keyOf,
  commit: async (trx, records, actor, batchId) => {
    const existing = new Map(
      (
        await lockRequirementsByKey(
          trx,
          records.map((r) => r.record),
        )
      ).map((r) => [keyOf(r), r]),
    );
    const results: CommitResult[] = [];
    for (const { rowNo, record } of records) {
      const before = existing.get(keyOf(record));
      if (!before) {
        const id = await insertRequirement(trx, record, { userId: actor.userId, importBatchId: batchId });
        results.push(
          id !== null
            ? { rowNo, outcome: 'accepted' }
            : {
                rowNo,
                outcome: 'rejected',
                issues: [{ column: NAME, reason: 'equipment_requirement_repeated' }],
              },
        );
        continue;
      }
      if (
        before.min_quantity === record.min_quantity &&
        before.source === record.source &&
        (before.note ?? null) === record.note
      ) {
        results.push({ rowNo, outcome: 'unchanged' });
        continue;
      }
      await updateRequirement(
        trx,
        before.equipment_requirement_id,
        { min_quantity: record.min_quantity, source: record.source, note: record.note },
        { userId: actor.userId, importBatchId: batchId },
      );
      results.push({ rowNo, outcome: 'updated' });
    }
    return results;
  },
};

/** The template: the columns and two example rows (to be replaced by the standard's own rows). */
export const equipmentRequirementImportTemplate = async (): Promise<Buffer> =>
  writeWorkbook(
    '设备配置标准',
    [...equipmentRequirementImportColumns],
    [
      [
        '技术支撑机构',
        '市级',
        '职业卫生检测',
        '个体噪声剂量计',
        '4',
        '请填写建设标准文件名称及条款',
        '2026',
        '示例行：请按建设标准填写，导入前删除',
      ],
      [
        '技术支撑机构',
        '市级',
        '放射卫生检测',
        'X、γ辐射剂量率仪',
        '2',
        '请填写建设标准文件名称及条款',
        '2026',
        '示例行：请按建设标准填写，导入前删除',
      ],
    ],
  );
