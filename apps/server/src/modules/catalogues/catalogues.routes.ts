/** Read-only catalogue endpoints (字典) and the region picker's lazy tree and search. */
import { CatalogueEntriesQuery, CatalogueEntry, CatalogueMeta, Region, RegionQuery } from '@ohp/contracts';
import { childrenOf, getRegion, regionPath, searchRegions } from '@ohp/reference';
import { Type } from 'typebox';
import type { AppInstance } from '../../platform/http/types.js';
import { notFound } from '../../platform/errors.js';
import { catalogueEntries, listCatalogues } from './catalogues.service.js';

const tags = ['catalogues'];

const presentRegion = (r: {
  code: string;
  name: string;
  level: string;
  parentCode: string | null;
  statisticalOnly: boolean;
}) => ({
  code: r.code,
  name: r.name,
  level: r.level,
  parentCode: r.parentCode,
  statisticalOnly: r.statisticalOnly,
  pathName: regionPath(r.code)
    .map((p) => p.name)
    .join(' '),
  hasChildren: childrenOf(r.code).length > 0,
});

export const registerCatalogueRoutes = (app: AppInstance) => {
  app.get('/api/v1/catalogues', {
    config: { access: 'catalogues:read' },
    schema: {
      tags,
      summary: '字典目录 Catalogues with edition, effective dates and source',
      response: { 200: Type.Object({ data: Type.Array(CatalogueMeta) }) },
    },
    handler: async () => ({ data: listCatalogues() }),
  });
  app.get('/api/v1/catalogues/:id', {
    config: { access: 'catalogues:read' },
    schema: {
      tags,
      summary: '字典条目 Entries of one catalogue (paged; q searches; parent filters hierarchical ones)',
      params: Type.Object({ id: Type.String({ pattern: '^[a-z0-9-]{2,40}$' }) }),
      querystring: CatalogueEntriesQuery,
      response: {
        200: Type.Object({
          meta: CatalogueMeta,
          data: Type.Array(CatalogueEntry),
          total: Type.Integer(),
          page: Type.Integer(),
          pageSize: Type.Integer(),
        }),
      },
    },
    handler: async (req) => catalogueEntries(req.params.id, req.query),
  });
  app.get('/api/v1/regions', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '行政区划 Children of a region (provinces without parent) or a search by name/code',
      querystring: RegionQuery,
      response: { 200: Type.Object({ data: Type.Array(Region) }) },
    },
    handler: async (req) => {
      const { parent, q, limit } = req.query;
      if (q) return { data: searchRegions(q, limit ?? 20).map(presentRegion) };
      if (parent && !getRegion(parent)) throw notFound();
      return { data: childrenOf(parent ?? null).map(presentRegion) };
    },
  });
  app.get('/api/v1/regions/:code', {
    config: { access: 'authenticated' },
    schema: {
      tags,
      summary: '区划详情 One region with its path from the province',
      params: Type.Object({ code: Type.String({ pattern: '^\\d{2,12}$' }) }),
      response: { 200: Type.Object({ data: Region, path: Type.Array(Region) }) },
    },
    handler: async (req) => {
      const r = getRegion(req.params.code);
      if (!r) throw notFound();
      return { data: presentRegion(r), path: regionPath(r.code).map(presentRegion) };
    },
  });
};
