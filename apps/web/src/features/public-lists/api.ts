/**
 * 信息公开: the provincial commission's preview, publish, history and withdraw, and the public pages'
 * reads (no login). Titles and column headings of each kind come from `publicListKindInfo` (contracts).
 */
import {
  publicListKindInfo,
  type PublicListDetail,
  type PublicListIndex,
  type PublicListKind,
  type PublicListOverview,
  type PublicListPage,
  type PublicListPreview,
  type PublicListPublishInput,
  type PublicListSummary,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';
import { currentLang } from '../../shared/i18n';

export const PUBLIC_LISTS_KEY = 'public-lists';

export const getOverview = () => api.get<PublicListOverview>('/public-lists');
export const getPreview = (kind: PublicListKind) =>
  api.get<PublicListPreview>(`/public-lists/preview/${kind}`);
export const listPublications = (q: Query) =>
  api.get<PageResult<PublicListSummary>>('/public-lists/publications', q);
export const getPublication = (id: number, q: Query) =>
  api.get<PublicListDetail>(`/public-lists/publications/${id}`, q);
export const publishList = (body: PublicListPublishInput) =>
  api.post<{ id: number; publishedOn: string; rowCount: number }>('/public-lists/publications', body);
export const withdrawList = (id: number, reason: string) =>
  api.post<{ id: number }>(`/public-lists/publications/${id}/withdraw`, { reason });

export const getPublicIndex = (province?: string) =>
  api.get<PublicListIndex>('/public/lists', { province }, { quiet: true });
export const getPublicList = (province: string, kind: PublicListKind, q: Query) =>
  api.get<PublicListPage>(`/public/lists/${province}/${kind}`, q, { quiet: true });

/** The kind's title, description, column headings … in the page's language. */
export const kindText = (
  kind: PublicListKind,
  part: 'title' | 'description' | 'reference' | 'items' | 'detail' | 'since',
) => publicListKindInfo[kind][part][currentLang() === 'en' ? 'en' : 'zh'];
export const kindFootnote = (kind: PublicListKind): string | null => {
  const f = publicListKindInfo[kind].footnote;
  return f ? f[currentLang() === 'en' ? 'en' : 'zh'] : null;
};
export const kindBasis = (kind: PublicListKind): string => publicListKindInfo[kind].basis;

export const KIND_COLOURS: Record<PublicListKind, string> = {
  filed_institutions: '#1677ff',
  qc_qualified: '#52c41a',
  lacking_capability: '#fa8c16',
  refusing_rectification: '#f5222d',
};
