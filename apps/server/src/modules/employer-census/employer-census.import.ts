/**
 * 名单导入: a list of potential employers from another department (source label chosen at upload and
 * kept with the batch's options), through the one job pipeline (import kind `census_list`): streamed,
 * staged, validated per chunk (the region resolved in memory against the catalogue and the uploader's
 * scope), committed per chunk set-based — existing entries read once per chunk by credit code and
 * county + normalised name, the chunk's counties' employers read once and matched in memory
 * (employer-census.matcher.ts), new entries inserted in one statement, the list links in another. A
 * retried chunk or file links nothing twice (entry keys and (entry, list) are unique); a dry run
 * validates and writes nothing. One audit entry per batch (`census_list.import`, by the pipeline).
 */
import { censusListColumns, censusSources, type CensusSource } from '@ohp/contracts';
import { getIndustry, getRegion, normalizeIndustryCode, regions } from '@ohp/reference';
import { validateCreditCode } from '@ohp/standards';
import type { Transaction } from 'kysely';
import { regionInScope, scopeOf, type Scope } from '../../platform/authz/scope.js';
import type { Actor } from '../../platform/authz/actor.js';
import { maskPhone } from '../../platform/crypto.js';
import type { DB } from '../../platform/db-types.js';
import type { Deps } from '../../platform/http/types.js';
import type { CommitResult, RowImportSpec, RowIssue, RowOutcome } from '../../platform/imports/pipeline.js';
import { normaliseText, writeWorkbook, type SheetRow } from '../../platform/imports/sheet.js';
import { EmployerIndex, normaliseName, type KnownEmployer } from './employer-census.matcher.js';
import {
  batchOptions,
  employersByCreditCodes,
  employersOfCounties,
  ensureList,
  entriesByKeys,
  entriesForImportByIds,
  insertEntries,
  linkSources,
  refreshEntries,
  type NewEntry,
} from './employer-census.repository.js';

const [NAME, CREDIT, REGION, ADDRESS, INDUSTRY, STAFF, CONTACT, PHONE] = censusListColumns;

export type CensusRow = {
  name: string;
  nameKey: string;
  creditCode: string | null;
  regionCode: string;
  countyCode: string;
  address: string | null;
  industryCode: string | null;
  industryText: string | null;
  staff: number | null;
  contactName: string | null;
  phone: string | null;
};

const REGION_SUFFIX = /(自治县|自治旗|街道|县|区|市|旗|镇|乡)$/;

/** County and township names under a scope prefix → their codes (cached per prefix). */
const placesCache = new Map<string, Map<string, string[]>>();
const placesUnder = (prefix: string): Map<string, string[]> => {
  let m = placesCache.get(prefix);
  if (m) return m;
  const map = new Map<string, string[]>();
  m = map;
  const add = (k: string, code: string) => map.set(k, [...new Set([...(map.get(k) ?? []), code])]);
  for (const r of regions)
    if ((r.level === 'county' || r.level === 'township') && r.code.startsWith(prefix)) {
      add(r.name, r.code);
      const short = r.name.replace(REGION_SUFFIX, '');
      if (short.length >= 2 && short !== r.name) add(short, r.code);
      // 长春市朝阳区 / 朝阳区南湖街道: the parent's name in front.
      const parent = r.parentCode ? getRegion(r.parentCode) : undefined;
      if (parent) add(parent.name + r.name, r.code);
    }
  placesCache.set(prefix, m);
  return m;
};

/** A county or township code from a code or a name, within the scope; or the issue's reason. */
export const resolveRegion = (raw: string, scope: Scope): { code: string } | { reason: string } => {
  const s = raw.replace(/\s+/g, '');
  if (/^\d+$/.test(s)) {
    const r = getRegion(s) ?? (s.length === 12 ? getRegion(s.slice(0, 9)) : undefined);
    if (!r || (r.level !== 'county' && r.level !== 'township')) return { reason: 'census_region_unknown' };
    return regionInScope(scope, r.code) ? { code: r.code } : { reason: 'census_region_out_of_scope' };
  }
  const prefix = scope.kind === 'region' ? scope.prefix : scope.kind === 'all' ? '' : null;
  if (prefix === null) return { reason: 'census_region_out_of_scope' };
  const codes = placesUnder(prefix).get(s) ?? [];
  if (codes.length === 1) return { code: codes[0]! };
  if (codes.length > 1) return { reason: 'census_region_ambiguous' };
  // A name that exists elsewhere is out of scope; one that exists nowhere is unknown.
  return placesUnder('').has(s)
    ? { reason: 'census_region_out_of_scope' }
    : { reason: 'census_region_unknown' };
};

const PHONE_RE = /^[0-9+\-() ]{6,20}$/;

export const parseCensusRow = (row: SheetRow, scope: Scope): RowOutcome<CensusRow> => {
  const get = (h: string) => normaliseText(row.values[h] ?? '');
  const issues: RowIssue[] = [];
  const name = get(NAME);
  if (!name) issues.push({ column: NAME, reason: 'value_required' });
  else if (name.length > 200) issues.push({ column: NAME, reason: 'maxLength' });
  else if (normaliseName(name).key.length < 2) issues.push({ column: NAME, reason: 'census_name_too_short' });
  let creditCode: string | null = null;
  if (get(CREDIT)) {
    const v = validateCreditCode(get(CREDIT));
    if (v.ok) creditCode = v.normalized;
    else issues.push({ column: CREDIT, reason: 'census_credit_code_invalid' });
  }
  let regionCode = '';
  if (!get(REGION)) issues.push({ column: REGION, reason: 'value_required' });
  else {
    const r = resolveRegion(get(REGION), scope);
    if ('reason' in r) issues.push({ column: REGION, reason: r.reason });
    else regionCode = r.code;
  }
  const address = get(ADDRESS) || null;
  if (address && address.length > 200) issues.push({ column: ADDRESS, reason: 'maxLength' });
  let industryCode: string | null = null;
  let industryText: string | null = null;
  const ind = get(INDUSTRY);
  if (ind) {
    const code = /^[A-Ta-t]?\d{2,4}/.exec(ind)?.[0];
    if (code) {
      const n = normalizeIndustryCode(code);
      if (n && getIndustry(n)) industryCode = n;
      else issues.push({ column: INDUSTRY, reason: 'census_industry_unknown' });
    } else if (ind.length > 100) issues.push({ column: INDUSTRY, reason: 'maxLength' });
    industryText = ind.slice(0, 100);
  }
  let staff: number | null = null;
  if (get(STAFF)) {
    const t = get(STAFF).replace(/[人,，]/g, '');
    if (!/^\d{1,7}$/.test(t)) issues.push({ column: STAFF, reason: 'census_staff_invalid' });
    else staff = Number(t);
  }
  const contactName = get(CONTACT) || null;
  if (contactName && contactName.length > 50) issues.push({ column: CONTACT, reason: 'maxLength' });
  const phone = get(PHONE) || null;
  if (phone && !PHONE_RE.test(phone)) issues.push({ column: PHONE, reason: 'census_phone_invalid' });
  if (issues.length) return { ok: false, issues };
  return {
    ok: true,
    record: {
      name,
      nameKey: normaliseName(name, regionCode).key,
      creditCode,
      regionCode,
      countyCode: regionCode.slice(0, 6),
      address,
      industryCode,
      industryText,
      staff,
      contactName,
      phone,
    },
  };
};

const keyOf = (r: { countyCode: string; nameKey: string }) => `${r.countyCode}|${r.nameKey}`;

export const validateCensusRows = async (
  _trx: Transaction<DB>,
  rows: SheetRow[],
  actor: Actor,
): Promise<Array<RowOutcome<CensusRow>>> => {
  const scope = scopeOf(actor, 'business');
  return rows.map((r) => parseCensusRow(r, scope));
};

export const censusSourceOf = (options: Record<string, unknown>): CensusSource =>
  censusSources.includes(options.source as CensusSource) ? (options.source as CensusSource) : 'other';

/** Commits a chunk: entries found or created (matched on the way), then linked to the batch's list. */
export const commitCensusRows = async (
  deps: Pick<Deps, 'crypto'>,
  trx: Transaction<DB>,
  records: Array<{ rowNo: number; record: CensusRow }>,
  actor: Actor,
  batchId: number,
): Promise<CommitResult[]> => {
  const scope = scopeOf(actor, 'business');
  const batch = await batchOptions(trx, batchId);
  const source = censusSourceOf(batch?.options ?? {});
  const rawTitle = batch?.options.title;
  const title = (typeof rawTitle === 'string' ? rawTitle.trim() : '') || batch?.fileName || source;
  const listId = await ensureList(trx, {
    batchId,
    regionCode: actor.regionCode,
    source,
    title: title.slice(0, 200),
    userId: actor.userId,
  });

  const codes = [...new Set(records.flatMap((r) => (r.record.creditCode ? [r.record.creditCode] : [])))];
  const countyKeys = [
    ...new Map(
      records.map((r) => [keyOf(r.record), [r.record.countyCode, r.record.nameKey] as [string, string]]),
    ).values(),
  ];
  const found = await entriesByKeys(trx, codes, countyKeys);
  // An entry merged into another (migration 0042): the list is linked to its survivor, the row
  // remembering the merged entry it named (read once; a survivor is never itself merged).
  const survivors = new Map(
    (
      await entriesForImportByIds(trx, [
        ...new Set(found.flatMap((e) => (e.merged_into_id ? [e.merged_into_id] : []))),
      ])
    ).map((e) => [e.census_entry_id, e]),
  );
  const existing = found.map((e) => {
    const survivor = e.merged_into_id ? survivors.get(e.merged_into_id) : undefined;
    return survivor ? { ...survivor, via: e.census_entry_id } : { ...e, via: null as number | null };
  });
  const byCode = new Map(
    found.flatMap((e, i) => (e.credit_code ? [[e.credit_code, existing[i]!] as const] : [])),
  );
  const byKey = new Map(found.map((e, i) => [`${e.county_code}|${e.name_key}`, existing[i]!]));

  // The known employers the chunk's rows may be: by credit code (in scope) and by county.
  const counties = [...new Set(records.map((r) => r.record.countyCode))];
  const known: KnownEmployer[] = [];
  const seen = new Set<number>();
  for (const e of [
    ...(await employersByCreditCodes(trx, codes)).filter((e) => regionInScope(scope, e.region_code)),
    ...(await employersOfCounties(trx, counties)),
  ])
    if (!seen.has(e.organisation_id)) {
      seen.add(e.organisation_id);
      known.push({
        id: e.organisation_id,
        name: e.name,
        regionCode: e.region_code,
        creditCode: e.credit_code,
      });
    }
  const index = new EmployerIndex(known);

  const results = new Map<number, CommitResult>();
  const targets: Array<{
    rowNo: number;
    record: CensusRow;
    entryId?: number;
    via?: number | null;
    fresh?: NewEntry;
  }> = [];
  const refresh: Array<{ id: number; credit_code: string | null; employer_id: number | null }> = [];
  const freshByKey = new Map<string, NewEntry>();
  for (const { rowNo, record: r } of records) {
    const hit = (r.creditCode && byCode.get(r.creditCode)) || byKey.get(keyOf(r));
    if (hit) {
      if (r.creditCode && hit.credit_code && hit.credit_code !== r.creditCode) {
        results.set(rowNo, {
          rowNo,
          outcome: 'rejected',
          issues: [{ column: CREDIT, reason: 'census_entry_conflict' }],
        });
        continue;
      }
      if (r.creditCode && (!hit.credit_code || hit.match_state !== 'matched')) {
        const m = index.match(r, new Set(hit.rejected_employer_ids));
        refresh.push({
          id: hit.census_entry_id,
          credit_code: hit.credit_code ? null : r.creditCode,
          employer_id: m.decision === 'certain' && m.method === 'credit_code' ? m.employerId : null,
        });
      }
      targets.push({ rowNo, record: r, entryId: hit.census_entry_id, via: hit.via });
      continue;
    }
    const k = keyOf(r);
    const dup =
      freshByKey.get(k) ??
      (r.creditCode ? [...freshByKey.values()].find((f) => f.credit_code === r.creditCode) : undefined);
    if (dup) {
      targets.push({ rowNo, record: r, fresh: dup });
      continue;
    }
    const m = index.match(r);
    const fresh: NewEntry = {
      region_code: r.regionCode,
      county_code: r.countyCode,
      name: r.name,
      name_key: r.nameKey,
      credit_code: r.creditCode,
      address: r.address,
      industry_code: r.industryCode,
      industry_text: r.industryText,
      staff: r.staff,
      contact_name: r.contactName,
      contact_phone_enc: r.phone ? deps.crypto.encrypt(r.phone) : null,
      contact_phone_masked: maskPhone(r.phone),
      employer_id: m.decision === 'certain' ? m.employerId : null,
      match_state:
        m.decision === 'certain' ? 'matched' : m.decision === 'uncertain' ? 'uncertain' : 'unmatched',
      match_method: m.decision === 'certain' ? m.method : null,
      candidates: JSON.stringify(m.decision === 'uncertain' ? m.candidates : []),
      first_list_id: listId,
    };
    freshByKey.set(k, fresh);
    targets.push({ rowNo, record: r, fresh });
  }

  await refreshEntries(trx, refresh);
  const inserted = await insertEntries(trx, [...freshByKey.values()]);
  const insertedKey = new Map(inserted.map((i) => [`${i.county_code}|${i.name_key}`, i.census_entry_id]));
  // Entries another job inserted meanwhile (their keys conflicted): read once.
  const missing = [...freshByKey.values()].filter((f) => !insertedKey.has(`${f.county_code}|${f.name_key}`));
  const late = missing.length
    ? await entriesByKeys(
        trx,
        missing.flatMap((f) => (f.credit_code ? [f.credit_code] : [])),
        missing.map((f) => [f.county_code, f.name_key]),
      )
    : [];
  const lateKey = new Map(late.map((e) => [`${e.county_code}|${e.name_key}`, e.census_entry_id]));
  const lateCode = new Map(late.filter((e) => e.credit_code).map((e) => [e.credit_code!, e.census_entry_id]));
  const newIds = new Set(inserted.map((i) => i.census_entry_id));

  const links: Array<{
    census_entry_id: number;
    census_list_id: number;
    row_no: number;
    listed_name: string;
    merged_from_id: number | null;
  }> = [];
  const entryOfRow = new Map<number, number>();
  for (const t of targets) {
    const id =
      t.entryId ??
      insertedKey.get(`${t.fresh!.county_code}|${t.fresh!.name_key}`) ??
      lateKey.get(`${t.fresh!.county_code}|${t.fresh!.name_key}`) ??
      (t.fresh!.credit_code ? lateCode.get(t.fresh!.credit_code) : undefined);
    if (id === undefined) {
      results.set(t.rowNo, {
        rowNo: t.rowNo,
        outcome: 'rejected',
        issues: [{ column: NAME, reason: 'census_entry_conflict' }],
      });
      continue;
    }
    entryOfRow.set(t.rowNo, id);
    if (!links.some((l) => l.census_entry_id === id))
      links.push({
        census_entry_id: id,
        census_list_id: listId,
        row_no: t.rowNo,
        listed_name: t.record.name,
        merged_from_id: t.via ?? null,
      });
  }
  const linked = new Set(await linkSources(trx, links));
  const firstRowOf = new Map(links.map((l) => [l.census_entry_id, l.row_no]));
  for (const [rowNo, id] of entryOfRow) {
    const first = firstRowOf.get(id) === rowNo;
    results.set(rowNo, {
      rowNo,
      outcome: first && newIds.has(id) ? 'accepted' : first && linked.has(id) ? 'updated' : 'unchanged',
    });
  }
  return records.map((r) => results.get(r.rowNo)!);
};

export const censusListSpec = (deps: Pick<Deps, 'crypto'>): RowImportSpec<CensusRow> => ({
  kind: 'census_list',
  permission: 'employer_census:manage',
  columns: censusListColumns.map((header) => ({ header, required: header === NAME || header === REGION })),
  validate: validateCensusRows,
  orderKey: (r) => `${r.countyCode}|${r.nameKey}`,
  commit: (trx, records, actor, batchId) => commitCensusRows(deps, trx, records, actor, batchId),
  analyze: ['census_entry', 'census_entry_source'],
});

/** The template: the columns and two example rows. */
export const censusListTemplate = async (): Promise<Buffer> =>
  writeWorkbook(
    '潜在用人单位名单',
    [...censusListColumns],
    [
      [
        '长春市某某水泥制造有限公司',
        '91220104MA0000001X',
        '长春市朝阳区',
        '朝阳区某某路1号',
        'C3011 水泥制造',
        '56',
        '王经理',
        '0431-8888888',
      ],
      ['某某石材加工厂', '', '220104', '某某镇某某村', '石材加工', '12', '', ''],
    ],
  );
