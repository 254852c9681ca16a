/**
 * GBZ 2.1-2019 occupational exposure limits as data: Table 1 (chemical agents, 353 of 358 rows) and
 * Table 2 (dusts, 24 of 49 rows), generated from verbatim copies of the checked transcriptions in
 * datasets/source/, plus the amendments (第1号/第2号修改单) whose effective dates are NOT confirmed and are set
 * by an administrator. Nothing here is retyped: see scripts/build-data.ts and docs/STANDARDS.md. The rows
 * that are not shipped are listed in `missingLimitRows` with the reason (no public copy of their 2019
 * values was found); docs/STANDARDS.md §1 records what was searched.
 */
import chemicalsData from '../datasets/oel-chemicals-gbz2.1-2019.json' with { type: 'json' };
import dustsData from '../datasets/oel-dusts-gbz2.1-2019.json' with { type: 'json' };
import amendmentsData from '../datasets/oel-amendments-gbz2.1.json' with { type: 'json' };
import { isIsoDate } from '@ohp/reference';
import type { Confidence, Edition, ErrorResult } from './rules';
import { designation, errorResult, inForce, invalidInput } from './rules';
import type { Msg } from './messages';
import { bilingual, listOf, msg } from './messages';
import { parseCsvTable } from '@ohp/reference';

export type ChemicalLimitRow = {
  /** T1-12, or T1-313-1 … for the lines of a row printed with sub-entries. */
  id: string;
  table: 1;
  seq: number;
  /** Line in the source CSV (header = 1); 0 for an administrator-imported row. */
  line: number;
  nameZh: string;
  nameEn: string;
  cas: string[];
  mac: number | null;
  pcTwa: number | null;
  pcStel: number | null;
  criticalEffect: string;
  notes: string[];
};

export type DustLimitRow = {
  id: string;
  table: 2;
  seq: number;
  line: number;
  nameZh: string;
  nameEn: string;
  cas: string[];
  pcTwaTotal: number | null;
  pcTwaRespirable: number | null;
  criticalEffect: string;
  notes: string[];
};

export type LimitRow = ChemicalLimitRow | DustLimitRow;

/** Where a limit row's values were transcribed from, as structured data (reasons cite the standard). */
export type LimitRowProvenance = {
  /** 'table': the shipped 表1/表2 transcription; 'amendment': values set or added by an amendment. */
  kind: 'table' | 'amendment' | 'import';
  /** The package file the values come from (null for an administrator import). */
  file: string | null;
  /** Its lines (header = 1). */
  lines: number[];
  /** The confidence tag of the transcription (docs/STANDARDS.md); null for an administrator import. */
  confidence: Confidence | null;
  /** Whether the values were checked against the official text (none of the shipped rows was). */
  verified: boolean;
  /** For a row changed by an amendment: the table row it amends. */
  amends?: { file: string; line: number };
};

/** Where a limit row came from; named in every verdict. */
export type LimitRowSource = {
  /**
   * 'datasets/source/oel-chemicals-gbz2.1-2019.csv line 13', 'administrator import', or — for a row an
   * amendment changed or added — the amendment first: 'GBZ 2.1—2019 第1号修改单 (datasets/source/… lines 2, 3)'.
   */
  origin: string;
  edition: string;
  /** Amendments applied to this row (empty when none). */
  amendments: string[];
  provenance: LimitRowProvenance;
};

export type ResolvedLimitRow = LimitRow & { source: LimitRowSource };

export const GBZ21_2019: Edition = {
  standard: 'GBZ 2.1',
  edition: 'GBZ 2.1-2019',
  effectiveFrom: '2020-04-01',
  effectiveTo: null,
  datesConfirmed: true,
  source: '国卫通〔2019〕10号 (2019-08-27); in force 2020-04-01, repealing GBZ 2.1-2007',
};

export const gbz21Editions: readonly Edition[] = Object.freeze([GBZ21_2019]);

export const chemicalLimitRows: readonly ChemicalLimitRow[] = Object.freeze(
  chemicalsData.rows as ChemicalLimitRow[],
);
export const dustLimitRows: readonly DustLimitRow[] = Object.freeze(dustsData.rows as DustLimitRow[]);
export const oelDataMeta = Object.freeze({
  chemicals: chemicalsData.meta,
  dusts: dustsData.meta,
  amendments: amendmentsData.meta,
});

/** A numbered row of GBZ 2.1-2019 表1/表2 that is not shipped, and why. */
export type MissingLimitRow = {
  table: 1 | 2;
  seq: number;
  /** The row's name as listed in the research notes (qualifiers such as （游离SiO2含量＜10%） not given). */
  nameZh: string;
  reason: string;
  /** The reason as a message code. */
  why: 'oel.missing.noPublicCopy' | 'oel.missing.pgTeq';
};

const NO_PUBLIC_COPY = 'no public copy of its GBZ 2.1-2019 values was found';
const PG_TEQ = 'its limit is printed in pgTEQ/m³, not mg/m³';

/**
 * The numbered rows that are not loaded (research notes, reference-data/SOURCES.md §9 and §10; the later
 * searches recorded in docs/STANDARDS.md §1 found no public copy either). A data test checks that these and
 * the loaded rows together are exactly rows 1–358 of 表1 and 1–49 of 表2. Never filled in from memory or
 * from the 2007 edition: an administrator imports them (importLimitRows).
 */
export const missingLimitRows: readonly MissingLimitRow[] = Object.freeze(
  (
    [
      [1, 66, '二噁英类化合物', PG_TEQ],
      [1, 89, '二硼烷', NO_PUBLIC_COPY],
      [1, 95, '氮氧化物（一氧化氮和二氧化氮）', NO_PUBLIC_COPY],
      [1, 156, '焦炉逸散物', NO_PUBLIC_COPY],
      [1, 290, '戊烷', NO_PUBLIC_COPY],
      ...(
        [
          [1, '白云石粉尘'],
          [2, '玻璃钢粉尘'],
          [3, '茶尘'],
          [6, '电焊烟尘'],
          [8, '沸石粉尘'],
          [9, '酚醛树酯粉尘'],
          [10, '工业酶混合尘'],
          [11, '谷物粉尘'],
          [17, '聚丙烯粉尘'],
          [18, '聚丙烯腈纤维粉尘'],
          [23, '煤尘'],
          [24, '棉尘'],
          [25, '木粉尘'],
          [26, '凝聚SiO2粉尘'],
          [28, '皮毛粉尘'],
          [30, '桑蚕丝尘'],
          [31, '砂轮磨尘'],
          [36, '水泥粉尘'],
          [39, '碳纤维粉尘'],
          [41, '稀土粉尘'],
          [42, '洗衣粉混合尘'],
          [43, '烟草尘'],
          [44, '萤石混合性粉尘'],
          [47, '蛭石粉尘'],
          [49, '其他粉尘'],
        ] as const
      ).map(([seq, nameZh]) => [2, seq, nameZh, NO_PUBLIC_COPY] as const),
    ] as const
  ).map(([table, seq, nameZh, reason]) =>
    Object.freeze({
      table,
      seq,
      nameZh,
      reason,
      why: reason === PG_TEQ ? ('oel.missing.pgTeq' as const) : ('oel.missing.noPublicCopy' as const),
    }),
  ),
);

/** The name without its printed qualifiers: 煤尘（游离SiO2含量＜10%） → 煤尘. */
const baseName = (s: string): string =>
  s
    .trim()
    .replace(/[（(].*$/u, '')
    .trim();

/** The missing row a reference names (by row id or by name), if any. */
export function missingRowFor(ref: SubstanceRef): MissingLimitRow | undefined {
  if ('rowId' in ref) {
    const m = /^T([12])-(\d+)$/.exec(ref.rowId.trim());
    return m ? missingLimitRows.find((r) => r.table === Number(m[1]) && r.seq === Number(m[2])) : undefined;
  }
  if ('nameZh' in ref) {
    const name = baseName(ref.nameZh);
    return name === '' ? undefined : missingLimitRows.find((r) => baseName(r.nameZh) === name);
  }
  return undefined;
}

/** An amendment's name as a message: 'GBZ 2.1—2019 第1号修改单' / 'GBZ 2.1—2019 Amendment No. 1'. */
export const amendmentName = (id: string): Msg => {
  const m = /^(.*?)\s*第(\d+)号修改单$/u.exec(id);
  return m
    ? msg('cite.amendment', { designation: designation(m[1] ?? ''), no: m[2] ?? '' })
    : bilingual(id, id);
};

export type AmendmentLine = {
  line: number;
  cas: string;
  nameZh: string;
  field: string;
  oldValue: string;
  newValue: string;
  amendment: string;
  effectiveDate: string | null;
  source: string;
};

export const amendmentLines: readonly AmendmentLine[] = Object.freeze(amendmentsData.rows as AmendmentLine[]);

/**
 * An amendment of GBZ 2.1-2019. `effectiveFrom` is administrator-set data: the shipped value is null
 * because no official notice was found; `confirmed` stays false until someone checks the NHC notice.
 */
export type Amendment = {
  id: string;
  /** What the amendment changes, in Chinese. */
  titleZh: string;
  /** What the amendment changes, in English. */
  titleEn: string;
  /** @deprecated Same as `titleZh`; kept for API clients that read `title`. */
  title: string;
  /** What the sources say about its date (month of issue or effect, not distinguished). */
  reportedDate: string;
  effectiveFrom: string | null;
  confirmed: boolean;
};

export const defaultAmendments: readonly Amendment[] = Object.freeze([
  {
    id: 'GBZ 2.1—2019 第1号修改单',
    titleZh: '苯：PC-TWA 由 6 改为 3 mg/m³，PC-STEL 由 10 改为 6 mg/m³',
    titleEn: 'Benzene: PC-TWA 6 → 3 mg/m³, PC-STEL 10 → 6 mg/m³',
    title: '苯：PC-TWA 由 6 改为 3 mg/m³，PC-STEL 由 10 改为 6 mg/m³',
    reportedDate: '2022-11 (issue or effect not stated; single third-party source)',
    effectiveFrom: null,
    confirmed: false,
  },
  {
    id: 'GBZ 2.1—2019 第2号修改单',
    titleZh: '表1 增加序号 359 乙草胺：PC-TWA 0.12 mg/m³',
    titleEn: 'Table 1 adds row 359 acetochlor: PC-TWA 0.12 mg/m³',
    title: '表1 增加序号 359 乙草胺：PC-TWA 0.12 mg/m³',
    reportedDate: '2025-05-01 (issue or effect not stated; single third-party source)',
    effectiveFrom: null,
    confirmed: false,
  },
]);

/** Administrator settings: effective dates per amendment id (unconfirmed unless `confirmed` is true). */
export type AmendmentSetting = { id: string; effectiveFrom: string | null; confirmed?: boolean };

export function amendmentsWith(settings: readonly AmendmentSetting[] | undefined): Amendment[] {
  return defaultAmendments.map((a) => {
    const s = settings?.find((x) => x.id === a.id);
    return s ? { ...a, effectiveFrom: s.effectiveFrom, confirmed: s.confirmed ?? false } : { ...a };
  });
}

const FIELD_MAP: Record<string, keyof ChemicalLimitRow> = {
  pc_twa: 'pcTwa',
  pc_stel: 'pcStel',
  mac: 'mac',
  critical_effect: 'criticalEffect',
  name_en: 'nameEn',
};

const fileOf = (table: 1 | 2): string =>
  `datasets/source/${table === 1 ? 'oel-chemicals-gbz2.1-2019.csv' : 'oel-dusts-gbz2.1-2019.csv'}`;
const AMENDMENTS_FILE = 'datasets/source/oel-amendments-gbz2.1.csv';

function sourceOf(row: LimitRow): LimitRowSource {
  const base = { edition: GBZ21_2019.edition, amendments: [] };
  if (row.line === 0)
    return {
      ...base,
      origin: 'administrator import',
      provenance: { kind: 'import', file: null, lines: [], confidence: null, verified: false },
    };
  return {
    ...base,
    origin: `${fileOf(row.table)} line ${row.line}`,
    // All shipped rows rest on third-party transcriptions (docs/STANDARDS.md §1): V3, not verified.
    provenance: {
      kind: 'table',
      file: fileOf(row.table),
      lines: [row.line],
      confidence: 'V3',
      verified: false,
    },
  };
}

/** The limit row in words: "GBZ 2.1—2019 表1 第136行", or the amendment that changed or added it. */
export function citeRow(row: ResolvedLimitRow): Msg {
  const place = { designation: designation(GBZ21_2019.edition), table: row.table, seq: row.seq };
  const p = row.source.provenance;
  if (p.kind === 'import') return msg('cite.imported', place);
  const amendments = row.source.amendments.map(amendmentName);
  if (amendments.length === 0) return msg('cite.row', place);
  return msg(p.amends ? 'cite.amended' : 'cite.added', { ...place, amendments });
}

/** A substance's name for reasons: the Chinese name as printed, the English name in English text. */
export const nameOf = (row: { nameZh: string; nameEn: string }): Msg => bilingual(row.nameZh, row.nameEn);

/** A substance touched by an amendment whose date decides which values apply on the event date. */
export type AmendmentStatus = { amendment: Amendment; applies: boolean | 'unknown' };

/**
 * The rows in force on `date`: the 2019 tables, plus administrator-imported rows, with each amendment whose
 * effective date is on or before `date` applied. For a substance touched by an amendment whose date is
 * not set, `resolveLimit` returns an error (never a silent choice between the two values).
 */
export function limitRowsFor(
  date: string,
  opts: { amendments?: readonly AmendmentSetting[]; importedRows?: readonly LimitRow[] } = {},
):
  | { rows: ResolvedLimitRow[]; pending: Map<string, Amendment>; notYetAdded: Map<string, Amendment> }
  | ErrorResult {
  if (!inForce(GBZ21_2019, date)) {
    return errorResult(
      'date_not_covered',
      msg('oel.before2019', {
        from: GBZ21_2019.effectiveFrom,
        date,
        edition: designation(GBZ21_2019.edition),
      }),
    );
  }
  const amendments = amendmentsWith(opts.amendments);
  for (const [i, a] of amendments.entries()) {
    if (a.effectiveFrom !== null && !isIsoDate(a.effectiveFrom)) {
      return invalidInput([
        {
          path: `amendments.${i}.effectiveFrom`,
          reason: 'format',
          message: msg('input.date', { value: a.effectiveFrom }),
        },
      ]);
    }
  }
  // The rows depend on the date only through which amendments apply on it: the result is kept per
  // import set (by identity) and amendment state, frozen so that no caller can change a shared row.
  const state = amendments
    .map(
      (a) =>
        `${a.id}=${a.effectiveFrom ?? ''}/${a.confirmed ? 1 : 0}/${a.effectiveFrom === null ? 'u' : a.effectiveFrom <= date ? 1 : 0}`,
    )
    .join('|');
  const imports = opts.importedRows ?? NO_IMPORTS;
  let byState = resolvedRowsCache.get(imports);
  if (!byState) resolvedRowsCache.set(imports, (byState = new Map<string, ResolvedRows>()));
  const hit = byState.get(state);
  if (hit) return hit;
  const built = deepFreeze(buildLimitRows(date, amendments, opts.importedRows));
  if (byState.size >= 64) byState.delete(byState.keys().next().value!);
  byState.set(state, built);
  return built;
}

const NO_IMPORTS: readonly LimitRow[] = Object.freeze([]);
type ResolvedRows = {
  rows: ResolvedLimitRow[];
  pending: Map<string, Amendment>;
  notYetAdded: Map<string, Amendment>;
};
const resolvedRowsCache = new WeakMap<readonly LimitRow[], Map<string, ResolvedRows>>();

/** The rows of a resolved set by id, CAS number and Chinese name, in table order; built once per set. */
type RowIndex = {
  byId: Map<string, ResolvedLimitRow[]>;
  byCas: Map<string, ResolvedLimitRow[]>;
  byName: Map<string, ResolvedLimitRow[]>;
};
const rowIndexes = new WeakMap<ResolvedRows, RowIndex>();
const indexOf = (set: ResolvedRows): RowIndex => {
  let index = rowIndexes.get(set);
  if (index) return index;
  index = { byId: new Map(), byCas: new Map(), byName: new Map() };
  const add = (m: Map<string, ResolvedLimitRow[]>, k: string, r: ResolvedLimitRow) => {
    const list = m.get(k);
    if (!list) m.set(k, [r]);
    else if (!list.includes(r)) list.push(r);
  };
  for (const r of set.rows) {
    add(index.byId, r.id, r);
    add(index.byName, r.nameZh, r);
    for (const c of r.cas) add(index.byCas, c, r);
  }
  rowIndexes.set(set, index);
  return index;
};

const deepFreeze = <T>(v: T): T => {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    if (v instanceof Map) for (const x of v.values()) deepFreeze(x);
    else for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
};

function buildLimitRows(
  date: string,
  amendments: Amendment[],
  importedRows: readonly LimitRow[] | undefined,
): ResolvedRows {
  const pending = new Map<string, Amendment>(); // cas → amendment with unset date
  const notYetAdded = new Map<string, Amendment>(); // cas → amendment adding a row not yet in force
  const rows: ResolvedLimitRow[] = [...chemicalLimitRows, ...dustLimitRows, ...(importedRows ?? [])].map(
    (r) => ({
      ...r,
      cas: [...r.cas],
      notes: [...r.notes],
      source: sourceOf(r),
    }),
  );
  const byAmendment = new Map<string, AmendmentLine[]>();
  for (const l of amendmentLines) byAmendment.set(l.amendment, [...(byAmendment.get(l.amendment) ?? []), l]);
  for (const a of amendments) {
    const lines = byAmendment.get(a.id) ?? [];
    const applies = a.effectiveFrom === null ? 'unknown' : a.effectiveFrom <= date;
    const isAddition = lines.some((l) => l.field === 'seq' && l.oldValue === '');
    const cas = [...new Set(lines.map((l) => l.cas))];
    for (const c of cas) {
      const own = lines.filter((l) => l.cas === c);
      if (applies === 'unknown') {
        pending.set(c, a);
        continue;
      }
      if (!applies) {
        if (isAddition) notYetAdded.set(c, a);
        continue;
      }
      if (isAddition) {
        const get = (f: string) => own.find((l) => l.field === f)?.newValue ?? '';
        const row: ChemicalLimitRow = {
          id: `T1-${get('seq')}`,
          table: 1,
          seq: Number(get('seq')),
          line: 0,
          nameZh: own[0]?.nameZh ?? '',
          nameEn: get('name_en'),
          cas: [c],
          mac: get('mac') === '' ? null : Number(get('mac')),
          pcTwa: get('pc_twa') === '' ? null : Number(get('pc_twa')),
          pcStel: get('pc_stel') === '' ? null : Number(get('pc_stel')),
          criticalEffect: get('critical_effect'),
          notes: [],
        };
        const lineNos = own.map((l) => l.line);
        rows.push({
          ...row,
          source: {
            origin: `${a.id} (${AMENDMENTS_FILE} lines ${lineNos.join(', ')})`,
            edition: `${GBZ21_2019.edition} + ${a.id}`,
            amendments: [a.id],
            provenance: {
              kind: 'amendment',
              file: AMENDMENTS_FILE,
              lines: lineNos,
              confidence: 'V3',
              verified: false,
            },
          },
        });
      } else {
        for (const row of rows) {
          if (row.table !== 1 || !row.cas.includes(c)) continue;
          for (const l of own) {
            const key = FIELD_MAP[l.field];
            if (!key) continue;
            const value = key === 'criticalEffect' || key === 'nameEn' ? l.newValue : Number(l.newValue);
            (row as Record<string, unknown>)[key] = value;
          }
          // An amended limit cites the amendment as its origin; the base row stays in the provenance.
          const lineNos = own.map((l) => l.line);
          const before = row.source.provenance;
          row.source = {
            origin: `${a.id} (${AMENDMENTS_FILE} lines ${lineNos.join(', ')}; amends ${row.source.origin})`,
            edition: `${row.source.edition} + ${a.id}`,
            amendments: [...row.source.amendments, a.id],
            provenance: {
              kind: 'amendment',
              file: AMENDMENTS_FILE,
              lines: lineNos,
              confidence: 'V3',
              verified: false,
              amends: before.amends ?? { file: before.file ?? '', line: before.lines[0] ?? 0 },
            },
          };
        }
      }
    }
  }
  return { rows, pending, notYetAdded };
}

/** How a caller names a substance: the row id (T1-12), a CAS number, or the Chinese name as printed. */
export type SubstanceRef = { rowId: string } | { cas: string } | { nameZh: string };

export function describeRef(ref: SubstanceRef): Msg {
  if ('rowId' in ref) return msg('ref.row', { id: ref.rowId });
  if ('cas' in ref) return msg('ref.cas', { cas: ref.cas });
  return msg('ref.name', { name: ref.nameZh });
}

/** The field of a substance reference, for the path of an issue. */
export const refField = (ref: SubstanceRef): 'rowId' | 'cas' | 'nameZh' =>
  'rowId' in ref ? 'rowId' : 'cas' in ref ? 'cas' : 'nameZh';

export type LimitLookup =
  { kind: 'found'; row: ResolvedLimitRow } | { kind: 'not_loaded'; reasons: Msg[] } | ErrorResult;

/** Finds the single limit row for `ref` on `date`. */
export function resolveLimit(
  ref: SubstanceRef,
  date: string,
  opts: { amendments?: readonly AmendmentSetting[]; importedRows?: readonly LimitRow[] } = {},
): LimitLookup {
  const set = limitRowsFor(date, opts);
  if ('verdict' in set) return set;
  const index = indexOf(set);
  const matches =
    ('rowId' in ref
      ? index.byId.get(ref.rowId)
      : 'cas' in ref
        ? index.byCas.get(ref.cas.trim())
        : index.byName.get(ref.nameZh.trim())) ?? [];
  const casOf = (): string[] =>
    'cas' in ref ? [ref.cas.trim()] : [...new Set(matches.flatMap((m) => m.cas))];
  for (const c of casOf()) {
    const pending = set.pending.get(c);
    if (pending) {
      return errorResult(
        'amendment_date_unset',
        msg('oel.amendmentDateUnset', {
          ref: describeRef(ref),
          amendment: amendmentName(pending.id),
          title: bilingual(pending.titleZh, pending.titleEn),
          reported: pending.reportedDate.split(' ')[0] ?? '',
          date,
          who: msg('oel.who.amendment'),
        }),
      );
    }
  }
  if ('cas' in ref || 'nameZh' in ref) {
    const pendingByName = [...set.pending.values()];
    const touched = amendmentLines.find((l) => ('nameZh' in ref ? l.nameZh === ref.nameZh.trim() : false));
    if (matches.length === 0 && touched && pendingByName.some((a) => a.id === touched.amendment)) {
      return errorResult(
        'amendment_date_unset',
        msg('oel.amendmentAddsUnset', {
          ref: describeRef(ref),
          amendment: amendmentName(touched.amendment),
          who: msg('oel.who.amendment'),
        }),
      );
    }
  }
  if (matches.length === 1 && matches[0]) return { kind: 'found', row: matches[0] };
  if (matches.length > 1) {
    const message = msg('oel.ambiguous', {
      ref: describeRef(ref),
      count: matches.length,
      candidates: listOf(matches.map((m) => `${m.id} ${m.nameZh}`)),
    });
    // A reference that matches several rows is a question back to the user: which row? (HTTP 400)
    return {
      ...errorResult('ambiguous_substance', message),
      issues: [{ path: refField(ref), reason: 'ambiguous_substance', message }],
    };
  }
  const added = 'cas' in ref ? set.notYetAdded.get(ref.cas.trim()) : undefined;
  const gap = missingRowFor(ref);
  const loaded = (t: 1 | 2) => new Set((t === 1 ? chemicalLimitRows : dustLimitRows).map((r) => r.seq)).size;
  const counts = { loaded1: loaded(1), loaded2: loaded(2), who: msg('oel.who.import') };
  const reasons: Msg[] = [
    gap
      ? msg('oel.notLoadedRow', {
          ref: describeRef(ref),
          table: gap.table,
          seq: gap.seq,
          name: gap.nameZh,
          why: msg(gap.why),
          ...counts,
        })
      : msg('oel.notLoaded', { ref: describeRef(ref), ...counts }),
  ];
  if (added)
    reasons.push(
      msg('oel.addedLater', { amendment: amendmentName(added.id), from: added.effectiveFrom ?? '', date }),
    );
  return { kind: 'not_loaded', reasons };
}

// ---------------------------------------------------------------------------------------------------
// Administrators' import of missing rows
// ---------------------------------------------------------------------------------------------------

export const chemicalImportTemplate = Object.freeze([
  'seq',
  'name_zh',
  'name_en',
  'cas',
  'mac',
  'pc_twa',
  'pc_stel',
  'critical_effect',
  'notes',
] as const);
export const dustImportTemplate = Object.freeze([
  'seq',
  'name_zh',
  'name_en',
  'cas',
  'pc_twa_total',
  'pc_twa_respirable',
  'critical_effect',
  'notes',
] as const);

export type ImportIssue = { row: number; column: string | null; reason: string };
export type LimitImportResult = {
  edition: string;
  table: 'chemicals' | 'dusts';
  rows: LimitRow[];
  errors: ImportIssue[];
  /** True when there are no errors: the rows may be persisted (by the server). */
  ok: boolean;
};

/** CAS check digit: last digit = Σ(other digits × 1, 2, 3 … from the right) mod 10. */
export function isValidCas(cas: string): boolean {
  const m = /^(\d{2,7})-(\d{2})-(\d)$/.exec(cas);
  if (!m) return false;
  const digits = (m[1] ?? '') + (m[2] ?? '');
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += Number(digits[digits.length - 1 - i]) * (i + 1);
  return sum % 10 === Number(m[3]);
}

/**
 * Validates an administrator's CSV of missing GBZ 2.1-2019 rows (same columns as the shipped file, see
 * the templates) and returns the rows. Row numbers are CSV lines (header = 1). A row already loaded (same
 * 序号) is rejected: corrections of shipped rows go through the reference files, not through imports.
 * Persisting the rows is the server's job.
 */
export function importLimitRows(
  csvText: string,
  opts: { table: 'chemicals' | 'dusts'; edition?: string },
): LimitImportResult {
  const edition = opts.edition ?? GBZ21_2019.edition;
  const errors: ImportIssue[] = [];
  const rows: LimitRow[] = [];
  const template: readonly string[] =
    opts.table === 'chemicals' ? chemicalImportTemplate : dustImportTemplate;
  const done = (): LimitImportResult => ({
    edition,
    table: opts.table,
    rows,
    errors,
    ok: errors.length === 0,
  });
  if (edition !== GBZ21_2019.edition) {
    errors.push({
      row: 0,
      column: null,
      reason: `edition must be ${GBZ21_2019.edition} (the only edition loaded)`,
    });
    return done();
  }
  let table;
  try {
    table = parseCsvTable(csvText);
  } catch (e) {
    errors.push({ row: 0, column: null, reason: (e as Error).message });
    return done();
  }
  const missing = template.filter((c) => !table.header.includes(c));
  const extra = table.header.filter((c) => !template.includes(c));
  if (missing.length > 0 || extra.length > 0) {
    errors.push({
      row: 1,
      column: null,
      reason: `header must be ${template.join(',')}${missing.length ? `; missing ${missing.join(',')}` : ''}${extra.length ? `; unknown ${extra.join(',')}` : ''}`,
    });
    return done();
  }
  const maxSeq = opts.table === 'chemicals' ? 358 : 49;
  const loadedSeqs = new Set(
    (opts.table === 'chemicals' ? chemicalLimitRows : dustLimitRows).map((r) => r.seq),
  );
  const seenIds = new Set<string>();
  for (const { line, cells, width } of table.records) {
    const err = (column: string | null, reason: string) => errors.push({ row: line, column, reason });
    const before = errors.length;
    if (width !== template.length) err(null, `${width} cells, the template has ${template.length}`);
    const seqText = cells.seq ?? '';
    const seq = Number(seqText);
    if (!/^\d+$/.test(seqText) || seq < 1 || seq > maxSeq) err('seq', `must be a whole number 1–${maxSeq}`);
    else if (loadedSeqs.has(seq)) err('seq', `row ${seq} is already loaded from the reference file`);
    const nameZh = (cells.name_zh ?? '').trim();
    if (nameZh === '') err('name_zh', 'required');
    const cas = (cells.cas ?? '') === '' ? [] : (cells.cas ?? '').split(';').map((c) => c.trim());
    for (const c of cas) if (!isValidCas(c)) err('cas', `${c} is not a CAS number with a valid check digit`);
    const numeric = (col: string): number | null => {
      const v = (cells[col] ?? '').trim();
      if (v === '') return null;
      if (!/^\d+(\.\d+)?$/.test(v) || !(Number(v) > 0)) {
        err(col, `must be a positive number in mg/m³, got "${v}"`);
        return null;
      }
      return Number(v);
    };
    const notes = (cells.notes ?? '') === '' ? [] : (cells.notes ?? '').split(';');
    const id = `T${opts.table === 'chemicals' ? 1 : 2}-${seqText}-${nameZh}`;
    if (seenIds.has(id)) err('name_zh', 'duplicate of an earlier line');
    seenIds.add(id);
    if (opts.table === 'chemicals') {
      const mac = numeric('mac');
      const pcTwa = numeric('pc_twa');
      const pcStel = numeric('pc_stel');
      if (mac === null && pcTwa === null && pcStel === null)
        err(null, 'at least one of mac, pc_twa, pc_stel is required');
      if (mac !== null && (pcTwa !== null || pcStel !== null))
        err('mac', 'a MAC row has no PC-TWA or PC-STEL');
      if (pcStel !== null && pcTwa === null) err('pc_stel', 'PC-STEL is given only with a PC-TWA');
      if (pcStel !== null && pcTwa !== null && pcStel < pcTwa)
        err('pc_stel', 'PC-STEL must not be below PC-TWA');
      if (errors.length === before) {
        rows.push({
          id: `T1-${seq}`,
          table: 1,
          seq,
          line: 0,
          nameZh,
          nameEn: (cells.name_en ?? '').trim(),
          cas,
          mac,
          pcTwa,
          pcStel,
          criticalEffect: (cells.critical_effect ?? '').trim(),
          notes,
        });
      }
    } else {
      const total = numeric('pc_twa_total');
      const resp = numeric('pc_twa_respirable');
      if (total === null && resp === null)
        err(null, 'at least one of pc_twa_total, pc_twa_respirable is required');
      if (total !== null && resp !== null && resp > total)
        err('pc_twa_respirable', 'must not exceed pc_twa_total');
      if (errors.length === before) {
        rows.push({
          id: `T2-${seq}`,
          table: 2,
          seq,
          line: 0,
          nameZh,
          nameEn: (cells.name_en ?? '').trim(),
          cas,
          pcTwaTotal: total,
          pcTwaRespirable: resp,
          criticalEffect: (cells.critical_effect ?? '').trim(),
          notes,
        });
      }
    }
  }
  // Several lines with one 序号 (sub-entries): give them T{n}-{seq}-{k} ids like the shipped rows.
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.id, (count.get(r.id) ?? 0) + 1);
  const k = new Map<string, number>();
  for (const r of rows) {
    if ((count.get(r.id) ?? 0) > 1) {
      const n = (k.get(r.id) ?? 0) + 1;
      k.set(r.id, n);
      r.id = `${r.id}-${n}`;
    }
  }
  return done();
}
