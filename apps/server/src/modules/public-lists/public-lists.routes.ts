/** HTTP wiring of 信息公开 (issue 16 item 8): the commission's publishing and the public pages without login. */
import {
  IdParams,
  Page,
  PublicListDetail,
  PublicListDetailQuery,
  PublicListIndex,
  PublicListIndexQuery,
  PublicListKindParams,
  PublicListListQuery,
  PublicListOverview,
  PublicListPage,
  PublicListPageParams,
  PublicListPageQuery,
  PublicListPreview,
  PublicListPreviewQuery,
  PublicListPublishInput,
  PublicListSummary,
  PublicListWithdrawInput,
  publicListKinds,
  publicListPublishExample,
} from '@ohp/contracts';
import { Type } from 'typebox';
import { actorOf, auditContext, type AppInstance, type Deps } from '../../platform/http/types.js';
import {
  listPublicLists,
  previewPublicList,
  publicIndex,
  publicListDetail,
  publicListOverview,
  publicListPage,
  publishPublicList,
  withdrawPublicList,
} from './public-lists.service.js';

const tags = ['public-lists'];

/**
 * The demo publications (public-lists.demo.ts), in the order seeded: 1 the filed list (the withdraw
 * example), 2 the lacking-capability list, then the QC-qualified and refusing-rectification lists.
 */
export const DEMO_PUBLIC_LIST_IDS = { filed: 1, lacking: 2 } as const;

export const registerPublicListRoutes = (app: AppInstance, deps: Deps) => {
  app.get('/api/v1/public-lists', {
    config: { access: 'public_lists:publish' },
    schema: {
      tags,
      summary: '信息公开概览 The four lists of the province: current publication and count',
      description:
        'For the provincial health commission: per kind, whether its rows can be computed yet, the publication the public pages show now and how many there were. A city or county commission gets 403 `public_list_province_only`.',
      response: { 200: PublicListOverview },
    },
    handler: async (req) => publicListOverview(deps.db, actorOf(req)),
  });

  app.get('/api/v1/public-lists/preview/:kind', {
    config: { access: 'public_lists:publish' },
    schema: {
      tags,
      summary: '预览名单 The rows a publication would freeze now, computed live',
      description: `Computed from the owning modules (filings, on-site verifications, QC, rectifications) for the actor's province; \`q\` filters the rows shown (\`total\` counts them all). \`changes\` compares with the current publication by institution. Kinds: ${publicListKinds.join(', ')}. Province level only (403 \`public_list_province_only\`).`,
      params: PublicListKindParams,
      querystring: PublicListPreviewQuery,
      response: { 200: PublicListPreview },
    },
    handler: async (req) => previewPublicList(deps.db, actorOf(req), req.params.kind, req.query.q),
  });

  app.get('/api/v1/public-lists/publications', {
    config: { access: 'public_lists:publish' },
    schema: {
      tags,
      summary: '公布记录 The province’s publications, newest first',
      description:
        'Every publication (withdrawn ones with when, by whom and why), `current` marking the one the public pages show for its kind. Province level only.',
      querystring: PublicListListQuery,
      response: { 200: Page(PublicListSummary) },
    },
    handler: async (req) => listPublicLists(deps.db, actorOf(req), req.query),
  });

  app.post('/api/v1/public-lists/publications', {
    config: { access: 'public_lists:publish', example: { as: 'demo-province' } },
    schema: {
      tags,
      summary: '发布名单 Publish a list: freeze its rows with the date',
      description:
        'Computes the kind’s rows for the actor’s province and freezes them with the publication date (today unless given; never in the future), the publisher and the note; later data changes never alter it. 422 `public_list_empty` when no institution is on the list, `public_list_unavailable` when the kind’s module does not exist yet; 403 `public_list_province_only` for a city or county commission. Audited (public_list.publish).',
      body: { ...PublicListPublishInput, examples: [publicListPublishExample] },
      response: {
        201: Type.Object({
          id: Type.Integer(),
          kind: Type.String(),
          publishedOn: Type.String(),
          rowCount: Type.Integer(),
        }),
      },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await publishPublicList(deps.db, auditContext(req), actorOf(req), req.body)),
  });

  app.get('/api/v1/public-lists/publications/:id', {
    config: { access: 'public_lists:publish' },
    schema: {
      tags,
      summary: '名单详情 One publication and a page of its frozen rows',
      description:
        'A publication of the actor’s province (another province’s is 404), withdrawn ones included; `q` searches the rows (name, region, number, items, detail). Province level only (403).',
      params: IdParams,
      querystring: PublicListDetailQuery,
      response: { 200: PublicListDetail },
    },
    handler: async (req) => publicListDetail(deps.db, actorOf(req), Number(req.params.id), req.query),
  });

  app.post('/api/v1/public-lists/publications/:id/withdraw', {
    config: {
      access: 'public_lists:publish',
      example: { as: 'demo-province', params: { id: DEMO_PUBLIC_LIST_IDS.filed } },
    },
    schema: {
      tags,
      summary: '撤回名单 Withdraw a publication (kept as history)',
      description:
        'The public pages stop showing it (the latest publication not withdrawn takes its place). The reason is kept with it. 409 `public_list_withdrawn` when already withdrawn. Audited (public_list.withdraw).',
      params: IdParams,
      body: { ...PublicListWithdrawInput, examples: [{ reason: '名单内容有误，已更正后重新公布' }] },
      response: { 200: Type.Object({ id: Type.Integer(), status: Type.Literal('withdrawn') }) },
    },
    handler: async (req) =>
      withdrawPublicList(deps.db, auditContext(req), actorOf(req), Number(req.params.id), req.body.reason),
  });

  // The public pages: no login, only what the lists print; limited per IP like the calculators.
  const rateLimit = { max: deps.config.security.publicListRateLimitPerMinute, timeWindow: '1 minute' };

  app.get('/api/v1/public/lists', {
    config: { access: 'public', rateLimit },
    schema: {
      tags,
      summary: '信息公开 The published lists per province (no login)',
      description:
        'Per province (`province`, 2 digits; all provinces that have published when left out), the latest publication of each kind — date, publisher, note, row count — and how many earlier ones are still published. Withdrawn publications are not shown. Rate-limited.',
      querystring: PublicListIndexQuery,
      response: { 200: PublicListIndex },
    },
    handler: async (req) => publicIndex(deps.db, req.query.province),
  });

  app.get('/api/v1/public/lists/:province/:kind', {
    config: { access: 'public', rateLimit },
    schema: {
      tags,
      summary: '公开名单 One published list of a province (no login)',
      description:
        'The latest publication of the kind (or `publication`, an earlier one still published), its history, and a page of its rows — institution, region, number, items, detail, date — searchable with `q` (name, region, number, item). Nothing beyond what the list prints. 404 `public_list_not_published` when there is none. Rate-limited.',
      params: PublicListPageParams,
      querystring: PublicListPageQuery,
      response: { 200: PublicListPage },
    },
    handler: async (req) => publicListPage(deps.db, req.params.province, req.params.kind, req.query),
  });
};
