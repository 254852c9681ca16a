/** 接口令牌: the organisation's tokens, a new one (its secret returned once), and revoking one. */
import type { ApiToken, ApiTokenCreated, ApiTokenCreateInput, ApiTokenList } from '@ohp/contracts';
import { api } from '../../shared/api';

export const listApiTokens = () => api.get<ApiTokenList>('/api-tokens');
export const createApiToken = (body: ApiTokenCreateInput) => api.post<ApiTokenCreated>('/api-tokens', body);
export const revokeApiToken = (id: number) => api.post<ApiToken>(`/api-tokens/${id}/revoke`);

/** The curl commands shown with a new secret, for the routes its scopes open (the example card posted as is). */
export const curlExamples = (
  origin: string,
  secret: string,
  scopes: readonly string[],
  exampleCard: unknown,
): Array<{ kind: 'submit' | 'read' | 'diagnosis'; command: string }> => {
  const auth = `-H 'Authorization: Bearer ${secret}'`;
  const out: Array<{ kind: 'submit' | 'read' | 'diagnosis'; command: string }> = [];
  if (scopes.includes('exam_reports:submit'))
    out.push({
      kind: 'submit',
      command: [
        `curl -X POST '${origin}/api/v1/exam-reports/batches' \\`,
        `  ${auth} \\`,
        `  -H 'Content-Type: application/json' \\`,
        `  -H 'Idempotency-Key: batch-${new Date().toISOString().slice(0, 10)}-0001' \\`,
        `  -d '${JSON.stringify({ cards: [exampleCard] }).replace(/'/g, "'\\''")}'`,
      ].join('\n'),
    });
  if (scopes.includes('exam_reports:read'))
    out.push({ kind: 'read', command: `curl '${origin}/api/v1/exam-cards?pageSize=20' \\\n  ${auth}` });
  if (scopes.includes('diagnosis_reports:read'))
    out.push({
      kind: 'diagnosis',
      command: `curl '${origin}/api/v1/diagnosis-reports?pageSize=20' \\\n  ${auth}`,
    });
  return out;
};
