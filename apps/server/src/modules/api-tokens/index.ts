/** API tokens (接口令牌, issue 15 items 4 and 8): institutions' systems authenticate with a token. */
export { registerApiTokenRoutes } from './api-tokens.routes.js';
export { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.js';
