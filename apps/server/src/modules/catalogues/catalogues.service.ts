/**
 * Read-only national catalogues from @ohp/reference: metadata (edition, effective dates, source,
 * verification) and paged, searchable entries. Hierarchical catalogues (regions, industries) filter
 * by parent.
 */
import {
  calendarDays,
  catalogueDisplay,
  catalogues,
  codeTables,
  diseasesByEdition,
  exchangeTables,
  hazardFactors,
  industries,
  regions,
  riskCatalogueRows,
  type CatalogueId,
  type ExchangeCatalogueId,
} from '@ohp/reference';
import { notFound } from '../../platform/errors.js';

type Entry = Record<string, unknown>;
type Provider = { entries: readonly Entry[]; parentKey?: string; search: (e: Entry) => string };

const text =
  (...keys: string[]) =>
  (e: Entry) =>
    keys.map((k) => (typeof e[k] === 'string' || typeof e[k] === 'number' ? String(e[k]) : '')).join(' ');

const providers: Record<CatalogueId, Provider> = {
  regions: { entries: regions, parentKey: 'parentCode', search: text('code', 'name') },
  industries: { entries: industries, parentKey: 'parentCode', search: text('code', 'name', 'section') },
  'industry-risk-classes': { entries: riskCatalogueRows, search: (e) => JSON.stringify(e) },
  'hazard-factors': { entries: hazardFactors, search: (e) => JSON.stringify(e) },
  'diseases-2013': { entries: diseasesByEdition['2013'], search: (e) => JSON.stringify(e) },
  'diseases-2024': { entries: diseasesByEdition['2024'], search: (e) => JSON.stringify(e) },
  'exam-types': { entries: codeTables['exam-types'].entries, search: text('code', 'nameZh', 'nameEn') },
  'exam-conclusions': {
    entries: codeTables['exam-conclusions'].entries,
    search: text('code', 'nameZh', 'nameEn'),
  },
  'filing-categories': {
    entries: codeTables['filing-categories'].entries,
    search: text('code', 'nameZh', 'nameEn'),
  },
  'enterprise-sizes': {
    entries: codeTables['enterprise-sizes'].entries,
    search: text('code', 'nameZh', 'nameEn'),
  },
  'economic-types': {
    entries: codeTables['economic-types'].entries,
    search: text('code', 'nameZh', 'nameEn'),
  },
  'id-document-types': {
    entries: codeTables['id-document-types'].entries,
    search: text('code', 'nameZh', 'nameEn'),
  },
  sexes: { entries: codeTables.sexes.entries, search: text('code', 'nameZh', 'nameEn') },
  'working-calendar': { entries: calendarDays, search: (e) => JSON.stringify(e) },
  ...exchangeProviders(),
};

/**
 * The national exchange specification's code tables (cdc2021-…). Hazard factors, health indicators and
 * diseases are trees through `parentCode`; the search looks at code, name and (hazard factors, diseases) the
 * name of the mapped catalogue entry.
 */
function exchangeProviders(): Record<ExchangeCatalogueId, Provider> {
  const trees = new Set(['hazard-factors', 'health-indicators', 'diseases']);
  const mappedNames = (e: Entry) =>
    ['mapped', 'mapped2013', 'mapped2024']
      .map((k) => (e[k] as { name?: string } | null | undefined)?.name ?? '')
      .join(' ');
  const out = {} as Record<ExchangeCatalogueId, Provider>;
  for (const t of exchangeTables) {
    out[t.catalogueId] = {
      entries: t.rows,
      ...(trees.has(t.id) ? { parentKey: 'parentCode' } : {}),
      search: (e) => `${text('code', 'name', 'nameEn')(e)} ${mappedNames(e)}`,
    };
  }
  return out;
}

/** Codes that are some entry's parent, per hierarchical catalogue, for the UI's drill-down arrows. */
const parentsOf = new Map<Provider, Set<unknown>>();
const hasChildren = (provider: Provider, e: Entry): boolean => {
  const key = provider.parentKey!;
  let set = parentsOf.get(provider);
  if (!set) {
    set = new Set(provider.entries.map((x) => x[key]));
    parentsOf.set(provider, set);
  }
  return set.has(e.code);
};

export const listCatalogues = () =>
  catalogues.map((c) => ({ ...c, ...catalogueDisplay[c.id], count: providers[c.id]?.entries.length ?? 0 }));

export const catalogueEntries = (
  id: string,
  q: { page?: number; pageSize?: number; q?: string; parent?: string },
) => {
  const meta = catalogues.find((c) => c.id === id);
  const provider = meta ? providers[meta.id] : undefined;
  if (!meta || !provider) throw notFound();
  let rows = provider.entries;
  if (q.parent !== undefined && provider.parentKey) {
    const key = provider.parentKey;
    rows = rows.filter((e) => (e[key] ?? '') === q.parent);
  }
  if (q.q) {
    const needle = q.q.toLowerCase();
    rows = rows.filter((e) => provider.search(e).toLowerCase().includes(needle));
  }
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return {
    meta: { ...meta, ...catalogueDisplay[meta.id], count: provider.entries.length },
    data: rows
      .slice((page - 1) * pageSize, page * pageSize)
      .map((e) => (provider.parentKey ? { ...e, hasChildren: hasChildren(provider, e) } : e)),
    total: rows.length,
    page,
    pageSize,
  };
};
