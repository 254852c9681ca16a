/**
 * HTTP types shared by modules: the Fastify instance with the TypeBox type provider, the request
 * decorations, and the per-route access declaration.
 */
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Lang, RouteAccess } from '@ohp/contracts';
import type {
  FastifyBaseLogger,
  FastifyInstance,
  FastifyRequest,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../audit.js';
import type { Actor } from '../authz/actor.js';
import type { SessionProfile } from '../authz/session.js';
import type { Config } from '../config.js';
import type { Crypto } from '../crypto.js';
import type { Database } from '../db.js';
import type { DB } from '../db-types.js';
import type { JobRunner } from '../jobs/runner.js';
import type { ReadReplica } from '../read-replica.js';

export type AppInstance = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What a route handler may use; passed to every module's route registration. */
export type Deps = {
  config: Config;
  database: Database;
  db: Kysely<DB>;
  crypto: Crypto;
  version: string;
  /** Background jobs (platform/jobs): modules register their handlers; main.ts and the tests start it. */
  jobs: JobRunner;
  /**
   * Where read-only reports, dashboards and list exports read (platform/read-replica.ts): `pick()` gives
   * the standby of DATABASE_READ_URL when it is fresh enough, else the primary. Writes (audit entries
   * included) always go to `db`.
   */
  reads: ReadReplica;
};

export type SessionState = {
  sessionId: string;
  csrfToken: string;
  /** The user must change the password (first login or expired) before anything else. */
  mustChangePassword: boolean;
  /** A role requires a second factor and the user has not bound one yet. */
  totpSetupRequired: boolean;
  /** What /auth/me shows, read with the session. */
  profile: SessionProfile;
};

/**
 * Who posts a write route's OpenAPI example on the demo province, and its path parameters. The body
 * example itself sits on the body schema (`examples`); test/openapi-examples.test.ts posts every one.
 */
export type RouteExample = {
  /** Demo account that sends it (null: anonymous). */
  as: string | null;
  params?: Record<string, string | number>;
  /** Set when the example cannot be accepted as is (e.g. it needs a live one-time code): why. */
  notReplayable?: string;
  /** Request headers the example needs (an Idempotency-Key). */
  headers?: Record<string, string>;
};

export type RouteConfig = {
  access: RouteAccess;
  /** Reachable while a password change or TOTP binding is pending (account routes only). */
  allowPending?: boolean;
};

/* eslint-disable @typescript-eslint/consistent-type-definitions -- module augmentation needs interfaces */
declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    session: SessionState | null;
    lang: Lang;
  }
  interface FastifyContextConfig {
    access?: RouteAccess;
    allowPending?: boolean;
    /** Set by the app for routes without a body schema (not uploads): a body sent is refused. */
    bodyless?: boolean;
    /** How to try the body schema's example on the demo province (see RouteExample). */
    example?: RouteExample;
    /**
     * A write (POST/PUT/PATCH/DELETE) that cannot change who anyone is or what they may do (users,
     * roles, sessions, organisations): it keeps the session cache. Every other write clears it.
     */
    sessionNeutral?: boolean;
  }
}
/* eslint-enable @typescript-eslint/consistent-type-definitions */

export const auditContext = (req: FastifyRequest): AuditContext => ({
  userId: req.actor?.userId ?? null,
  username: req.actor?.username ?? null,
  organisationId: req.actor?.organisationId ?? null,
  ip: req.ip,
  requestId: req.id,
});

/** The signed-in actor of a route whose access is not `public` (the access hook guarantees it). */
export const actorOf = (req: FastifyRequest): Actor => {
  if (!req.actor) throw new Error('actorOf called on a route without a signed-in actor');
  return req.actor;
};
