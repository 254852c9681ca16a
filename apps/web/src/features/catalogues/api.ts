import { api, type Query } from '../../shared/api';
import type { CatalogueMeta } from '../../shared/types';

export type Entry = Record<string, unknown>;
export type EntriesPage = {
  meta: CatalogueMeta;
  data: Entry[];
  total: number;
  page: number;
  pageSize: number;
};

export const listCatalogues = () => api.get<{ data: CatalogueMeta[] }>('/catalogues');
export const catalogueEntries = (id: string, q: Query) =>
  api.get<EntriesPage>(`/catalogues/${encodeURIComponent(id)}`, q);

/** Catalogues whose entries form a tree through `parentCode` (the server filters by `parent`). */
export const hierarchical = new Set([
  'regions',
  'industries',
  'cdc2021-hazard-factors',
  'cdc2021-health-indicators',
  'cdc2021-diseases',
]);

/**
 * Whether an entry of a hierarchical catalogue has children: the server says so (`hasChildren`); for an
 * entry without the flag, by its level.
 */
export const mayHaveChildren = (catalogue: string, e: Entry): boolean => {
  if (typeof e.hasChildren === 'boolean') return e.hasChildren;
  if (catalogue === 'regions') return e.level !== 'township';
  if (catalogue === 'industries') return typeof e.level === 'number' ? e.level < 4 : true;
  return false;
};
