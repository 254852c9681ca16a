/**
 * Builds the Fastify application: security headers, cookies, rate limits, request ids, language, the
 * session or API token (who), the access declaration every route must carry (may call at all?), CSRF
 * for cookie writes, OpenAPI, the error shape, and the built web app.
 */
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { ErrorSchema, isApiTokenScope, pickLang, type RouteAccess } from '@ohp/contracts';
import Fastify, { LogController, type FastifyRequest } from 'fastify';
import { bearerSecret, resolveApiToken } from '../authz/api-token.js';
import { resolveSession, SessionCache, SESSION_COOKIE, SIGNED_IN_HINT_COOKIE } from '../authz/session.js';
import { safeEqual } from '../crypto.js';
import { sendError, toErrorResponse } from './error-handler.js';
import { securityHeaders } from './security-headers.js';
import { LazyCompiles, validatorCompiler } from './validation.js';
import type { AppInstance, Deps, RouteExample } from './types.js';

export type RouteRecord = {
  method: string;
  url: string;
  access: RouteAccess;
  allowPending: boolean;
  /** No JSON body schema and not an upload: any body sent is refused (400 naming `body`). */
  bodyless: boolean;
  /** The documented way to try the body example (write routes with a JSON body). */
  example: RouteExample | undefined;
  /** The request schemas as declared (for tests that walk every field). */
  schema: { body?: unknown; querystring?: unknown; params?: unknown };
};

export type BuildOptions = {
  deps: Deps;
  registerModules: (app: AppInstance, deps: Deps) => Promise<void> | void;
  webDist?: string | null;
  /** true: JSON lines on stdout at LOG_LEVEL; a stream: the same lines into it (tests). */
  logger?: boolean | { stream: NodeJS.WritableStream };
};

/**
 * Routes that plugins register for us are public by nature: the OpenAPI UI and the web app's static
 * files (everything outside /api/). Every /api/ route of ours must declare its access.
 */
const pluginRoute = (url: string): boolean => url.startsWith('/api/docs') || !url.startsWith('/api/');

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const receivedJson = new WeakMap<FastifyRequest, Buffer>();
/** The bytes of a request's JSON body as received (the parsed body is `req.body`). */
export const rawJsonBody = (req: FastifyRequest): Buffer | undefined => receivedJson.get(req);

/** `/api`, `/api/…` and `/api?…`: the API's space, where unknown paths are JSON 404s, never the web app. */
export const isApiPath = (url: string): boolean =>
  url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');

/** An upload route declares `consumes: ['multipart/form-data']` (also documents it in OpenAPI). */
/** A route that takes a file (multipart, or a document posted as is: the national XML), not a JSON body. */
const isUpload = (schema: { consumes?: unknown } | undefined): boolean =>
  Array.isArray(schema?.consumes) &&
  schema.consumes.some((c) => /^(multipart\/|application\/xml$|text\/xml$)/.test(String(c)));

/** A body was sent: anything but nothing, an empty string or `{}` (what clients send for "no body"). */
const hasBody = (req: FastifyRequest): boolean => {
  const type = req.headers['content-type'] ?? '';
  if (/^multipart\//i.test(type)) return true;
  const b = req.body;
  if (b === undefined || b === '') return false;
  return !(b !== null && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).length === 0);
};

export const buildApp = async (
  opts: BuildOptions,
): Promise<{ app: AppInstance; routes: RouteRecord[]; sessions: SessionCache; schemas: LazyCompiles }> => {
  const { deps } = opts;
  const routes: RouteRecord[] = [];
  const { http } = deps.config;
  const sessions = new SessionCache(http.sessionCacheSeconds * 1000);
  const schemas = new LazyCompiles();
  const buildSerializer = SerializerSelector();
  const headers = securityHeaders({ hsts: deps.config.security.secureCookies });
  const app = Fastify({
    // One access-log line per request, written by the onResponse hook below (sampled reads), instead
    // of Fastify's two lines for every request.
    logController: new LogController({ disableRequestLogging: true }),
    logger: opts.logger
      ? {
          ...(typeof opts.logger === 'object' && { stream: opts.logger.stream }),
          level: deps.config.logLevel,
          redact: ['req.headers.cookie', 'req.headers["x-csrf-token"]', 'req.headers.authorization'],
        }
      : false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{8,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 2 * 1024 * 1024,
    // Long path parameters reach the schema and get a 400 with the error shape, not the router's bare 414.
    routerOptions: { maxParamLength: 2000 },
    trustProxy: false,
    // Response serializers as Fastify builds them (fast-json-stringify, with the shared schemas such as
    // Error#), compiled on first use like the validators (LazyCompiles).
    schemaController: {
      compilersFactory: {
        buildSerializer: (external, options) => {
          const compile = buildSerializer(external, options);
          return (route) => schemas.defer(() => compile(route));
        },
      },
    },
  }).withTypeProvider<TypeBoxTypeProvider>();
  app.setValidatorCompiler(validatorCompiler(schemas));

  // JSON bodies are parsed as Fastify parses them (prototype poisoning refused), and their bytes are
  // kept with the request: a door that stores what it received (rawJsonBody) stores those bytes rather
  // than serialising the parsed body again (0.25 s for a batch of 10,000 exam cards).
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, body, done) => {
    const bytes = body as Buffer;
    receivedJson.set(req, bytes);
    void parseJson(req, bytes.toString('utf8'), done);
  });

  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('lang', 'zh-CN');

  // Every route must declare its access; a route that does not is a programming error, caught at start.
  app.addHook('onRoute', (route) => {
    const config = (route.config ?? {}) as { access?: RouteAccess; allowPending?: boolean };
    let access = config.access;
    if (!access && pluginRoute(route.url)) {
      access = 'public';
      route.config = { ...config, access };
    }
    if (!access)
      throw new Error(
        `route ${String(route.method)} ${route.url} declares no access (permission key, 'authenticated' or 'public')`,
      );
    // Every API route documents the one error shape for 4xx/5xx answers.
    if (route.url.startsWith('/api/v1/') && route.schema) {
      route.schema.response = {
        '4xx': { $ref: 'Error#' },
        '5xx': { $ref: 'Error#' },
        ...(route.schema.response as object),
      };
    }
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = (route.schema ?? {}) as RouteRecord['schema'] & { consumes?: unknown };
    const bodyless = methods.some((m) => UNSAFE.has(m)) && schema.body === undefined && !isUpload(schema);
    if (bodyless) route.config = { ...(route.config as object), access, bodyless };
    for (const m of methods) {
      if (m === 'HEAD') continue;
      routes.push({
        method: m,
        url: route.url,
        access,
        allowPending: Boolean(config.allowPending),
        bodyless,
        example: (config as { example?: RouteExample }).example,
        schema: { body: schema.body, querystring: schema.querystring, params: schema.params },
      });
    }
  });

  app.addSchema(ErrorSchema);
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: deps.config.security.apiRateLimitPerMinute,
    timeWindow: '1 minute',
    allowList: (req) => !isApiPath(req.url),
    errorResponseBuilder: (_req, ctx) => ({ statusCode: 429, rateLimited: true, after: ctx.after }),
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: '职业健康管理信息平台 API',
        description:
          "Occupational-health management and quality-control platform. Cookie session (send X-CSRF-Token on writes), or for an institution's own software an API token: `Authorization: Bearer ohp_…` on the routes of its scopes (exam_reports:submit|read, diagnosis_reports:submit|read), no cookie and no CSRF token (docs/API.md).",
        version: deps.version,
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          apiToken: { type: 'http', scheme: 'bearer', description: '接口令牌 ohp_… (API token)' },
        },
      },
    },
    // The demo account (and path parameters) with which a write route's body example works as is.
    transform: ({ schema, url, route }) => {
      const example = route.config?.example;
      if (!example || !schema) return { schema, url };
      return {
        schema: {
          ...schema,
          'x-example-as': example.as,
          ...(example.params && { 'x-example-params': example.params }),
          ...(example.notReplayable && { 'x-example-not-replayable': example.notReplayable }),
        } as typeof schema,
        url,
      };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  // The read replica's connections and heartbeat end with the app (platform/read-replica.ts).
  app.addHook('onClose', async () => deps.reads.close());

  app.addHook('onRequest', async (req, reply) => {
    req.lang = pickLang(req.headers['accept-language']);
    reply.headers(headers);
    reply.header('x-request-id', req.id);
    reply.header('cache-control', 'no-store');
  });

  // A write may change who someone is or what they may do (logout, lock, roles, forced logout, an
  // organisation's status): the session cache is cleared before its answer leaves, whatever the
  // outcome, unless the route declares itself session-neutral (e.g. a calculator's POST).
  // An API token's request (reporting data) changes no one's session or rights: it keeps the cache.
  app.addHook('onSend', async (req, _reply, payload) => {
    if (UNSAFE.has(req.method) && !req.routeOptions.config?.sessionNeutral && !req.actor?.apiToken)
      sessions.clear();
    return payload;
  });

  if (opts.logger) {
    // The access log: every write, every error (≥ 400) and every slow request; successful reads at
    // OHP_ACCESS_LOG_SAMPLE (1 = all). Debug level logs every request.
    const sampleAll = http.accessLogSample >= 1 || ['debug', 'trace'].includes(app.log.level);
    app.addHook('onResponse', async (req, reply) => {
      const ms = reply.elapsedTime;
      const status = reply.statusCode;
      if (
        !sampleAll &&
        !UNSAFE.has(req.method) &&
        status < 400 &&
        ms < http.accessLogSlowMs &&
        !(http.accessLogSample > 0 && Math.random() < http.accessLogSample)
      )
        return;
      req.log.info(
        {
          method: req.method,
          url: req.url,
          status,
          ms: Math.round(ms * 10) / 10,
          user: req.actor?.userId,
          ...(req.actor?.apiToken && { apiToken: req.actor.apiToken.id }),
        },
        'request',
      );
    });
  }

  // Who: an API token (Authorization: Bearer ohp_…), else the session cookie (if any), into an actor.
  app.addHook('preValidation', async (req: FastifyRequest, reply) => {
    const config = req.routeOptions.config as { access?: RouteAccess; allowPending?: boolean };
    const access = config.access ?? 'public';
    // An institution's software with a token: the cookie is not read at all, so there is no session,
    // no CSRF token to send (no browser sends this header on its own) and no pending-password state.
    // The token opens only routes that declare one of the integration permissions (api-tokens.ts in
    // @ohp/contracts), and of those only its own scopes: never sign-in, accounts, roles or audit.
    const secret = isApiPath(req.url) ? bearerSecret(req.headers.authorization) : null;
    if (secret !== null) {
      const resolved = secret
        ? await resolveApiToken(deps.db, secret, { ip: req.ip, now: new Date() })
        : null;
      if (!resolved) {
        reply.header('www-authenticate', 'Bearer error="invalid_token"');
        return sendError(reply, req, 'unauthenticated', 'api_token_invalid');
      }
      req.actor = resolved.actor;
      if (!isApiTokenScope(access)) return sendError(reply, req, 'forbidden', 'api_token_route_not_allowed');
      if (!req.actor.permissions.has(access))
        return sendError(reply, req, 'forbidden', 'api_token_scope_missing');
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token && isApiPath(req.url)) {
      const resolved = await resolveSession(deps.db, deps.config, token, new Date(), sessions);
      if (typeof resolved === 'object') {
        req.actor = resolved.actor;
        req.session = {
          sessionId: resolved.sessionId,
          csrfToken: resolved.csrfToken,
          mustChangePassword: resolved.mustChangePassword,
          totpSetupRequired: resolved.totpSetupRequired,
          profile: resolved.profile,
        };
      } else {
        // The session is gone (expired, revoked, logged out elsewhere): the web app's hint goes too.
        reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/' });
        if (resolved === 'expired' && access !== 'public')
          return sendError(reply, req, 'unauthenticated', 'session_expired');
      }
    }
    if (access === 'public') return;
    if (!req.actor || !req.session) {
      if (req.cookies[SIGNED_IN_HINT_COOKIE]) reply.clearCookie(SIGNED_IN_HINT_COOKIE, { path: '/' });
      return sendError(reply, req, 'unauthenticated');
    }
    // Cookie-authenticated writes must echo the session's CSRF token (double submit, per session).
    if (UNSAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !safeEqual(sent, req.session.csrfToken)) {
        return sendError(reply, req, 'forbidden', 'csrf_failed');
      }
    }
    if (!config.allowPending) {
      if (req.session.mustChangePassword)
        return sendError(reply, req, 'forbidden', 'password_change_required');
      if (req.session.totpSetupRequired) return sendError(reply, req, 'forbidden', 'totp_setup_required');
    }
    if (access !== 'authenticated' && !req.actor.permissions.has(access)) {
      return sendError(reply, req, 'forbidden');
    }
  });

  // Routes without a body schema take no body: one sent anyway is refused, naming the body, rather
  // than silently ignored (after the access checks, like schema validation).
  app.addHook('preValidation', async (req, reply) => {
    if (!req.routeOptions.config.bodyless || !hasBody(req)) return;
    return sendError(reply, req, 'validation_failed', 'validation_failed', [
      { path: 'body', reason: 'body_not_allowed' },
    ]);
  });

  app.setErrorHandler((err, req, reply) => {
    const { status, body } = toErrorResponse(err, req);
    if (status >= 500) req.log.error({ err }, 'unhandled error');
    return reply.status(status).send(body);
  });

  await opts.registerModules(app, deps);

  if (opts.webDist && existsSync(opts.webDist)) {
    await app.register(fastifyStatic, { root: opts.webDist, wildcard: false, index: ['index.html'] });
  }

  app.setNotFoundHandler({}, async (req, reply) => {
    if (req.method === 'GET' && !isApiPath(req.url) && opts.webDist && existsSync(opts.webDist)) {
      // The web app routes on the client: unknown paths get its index page.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, req, 'not_found', 'route_not_found');
  });

  await app.ready();
  return { app, routes, sessions, schemas };
};
