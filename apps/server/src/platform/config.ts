/**
 * Configuration from the environment (and `.env`). Every variable is listed in `.env.example` and the
 * README; nothing else reads process.env.
 */
import { config as loadDotenv } from 'dotenv';

export type Config = {
  host: string;
  port: number;
  databaseUrl: string | null;
  /** Owner role for migrations on PostgreSQL; DATABASE_URL is then the runtime role (README). */
  databaseOwnerUrl: string | null;
  /**
   * DATABASE_READ_URL: a streaming-replication standby of DATABASE_URL's server that dashboards, list
   * exports and reports read from (platform/read-replica.ts); null = everything on the primary.
   */
  databaseReadUrl: string | null;
  /** OHP_READ_MAX_LAG_SECONDS: a standby further behind than this is not read; the primary answers. */
  readMaxLagSeconds: number;
  dataDir: string;
  demo: boolean;
  demoPassword: string;
  dataKey: string | null;
  /**
   * OHP_DATA_KEYS: the keyring as `1:<base64>,2:<base64>` (key rotation, docs/SECURITY.md); with
   * OHP_DATA_KEY (key 1) or alone. Unset with OHP_DATA_KEY: the data directory's key files.
   */
  dataKeys: string | null;
  logLevel: string;
  audit: {
    /** OHP_AUDIT_KEY (32 bytes, base64); null = HKDF of the data key under 'ohp:audit:v1'. */
    key: string | null;
    checkpointEvery: number;
    checkpointMinutes: number;
  };
  security: {
    sessionIdleMinutes: number;
    sessionAbsoluteHours: number;
    /** Failed logins per (username, IP) within lockoutMinutes that lock that pair. */
    lockoutThreshold: number;
    lockoutMinutes: number;
    /** Failed logins per (username, IP) before that pair must solve a captcha. */
    captchaAfterFailures: number;
    /** Failed logins on one username from all IPs within lockoutAccountWindowHours that start the backoff. */
    lockoutAccountThreshold: number;
    lockoutAccountWindowHours: number;
    /** First backoff delay; it doubles with every further failure, capped at lockoutMinutes. */
    lockoutBackoffSeconds: number;
    /** An IP with a successful login of the user within these days is exempt from the account backoff. */
    lockoutTrustedIpDays: number;
    passwordMaxAgeDays: number;
    passwordHistory: number;
    totpRequiredRoles: string[];
    loginRateLimitPerMinute: number;
    apiRateLimitPerMinute: number;
    /** Per address and calculator (each standards calculator route). */
    calculatorRateLimitPerMinute: number;
    /** Per address and public-list route (信息公开 pages, no login). */
    publicListRateLimitPerMinute: number;
    secureCookies: boolean;
  };
  /** Minutes between ANALYZE runs on PGlite, which has no autovacuum (0 = never; statistics.ts). */
  pgliteAnalyzeMinutes: number;
  /** The request path (docs/PERFORMANCE.md, Request path). */
  http: {
    /** Seconds a resolved session is reused in this process (0 = every request reads the database). */
    sessionCacheSeconds: number;
    /** Milliseconds /api/health reuses its last database check (0 = check on every call). */
    healthCheckMs: number;
    /**
     * Share of successful reads written to the access log (0–1); writes, errors (≥ 400) and slow
     * requests are always logged.
     */
    accessLogSample: number;
    /** A request slower than this many milliseconds is always logged. */
    accessLogSlowMs: number;
  };
  /** Lists (docs/PERFORMANCE.md, Lists): up to this many matches a filtered list counts exactly. */
  listExactCountLimit: number;
  /** Limits of one import upload (docs/SECURITY.md, Imports and exports). */
  imports: {
    maxRows: number;
    maxCells: number;
    parseTimeoutSeconds: number;
    /** How long an upload request waits for its import job before answering 202 with the batch. */
    waitSeconds: number;
  };
  /** Printed documents: Chromium for the PDF and the CJK font embedded in it; null = found on the system. */
  documents: { chromiumPath: string | null; cjkFont: string | null };
  /**
   * Background jobs: a job whose runner has not beaten its heart for this long (a process that died,
   * on PostgreSQL where several servers may share the queue) is taken back. At least 10 s — twice the
   * runner's 5 s heartbeat — so a live runner's job is never taken from it.
   */
  jobs: { staleSeconds: number };
  /**
   * OHP_GEOJSON_DIR: the directory of region boundaries (`<regionCode>.json`, a GeoJSON FeatureCollection
   * of that region's sub-regions) the dashboard's map reads; null = none installed (tile grid instead).
   */
  geojsonDir: string | null;
};

const int = (env: NodeJS.ProcessEnv, key: string, fallback: number): number => {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${key} must be a non-negative integer, got "${raw}"`);
  return n;
};

const fraction = (env: NodeJS.ProcessEnv, key: string, fallback: number): number => {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new Error(`${key} must be a number from 0 to 1, got "${raw}"`);
  return n;
};

const bool = (env: NodeJS.ProcessEnv, key: string, fallback: boolean): boolean => {
  const raw = env[key];
  if (raw === undefined || raw === '') return fallback;
  return !['0', 'false', 'no', 'off'].includes(raw.toLowerCase());
};

/** Reads the configuration; `env` is injectable so tests never touch the process environment. */
export const loadConfig = (
  env: NodeJS.ProcessEnv = process.env,
  options: { dotenv?: boolean } = {},
): Config => {
  if (options.dotenv !== false) loadDotenv({ quiet: true });
  return {
    host: env.HOST || '127.0.0.1',
    port: int(env, 'PORT', 3000),
    databaseUrl: env.DATABASE_URL || null,
    databaseOwnerUrl: env.OHP_DATABASE_OWNER_URL || null,
    databaseReadUrl: env.DATABASE_READ_URL || null,
    readMaxLagSeconds: int(env, 'OHP_READ_MAX_LAG_SECONDS', 30),
    dataDir: env.OHP_DATA_DIR || './data',
    demo: bool(env, 'OHP_DEMO', true),
    demoPassword: env.OHP_DEMO_PASSWORD || 'Demo@2026!',
    dataKey: env.OHP_DATA_KEY || null,
    dataKeys: env.OHP_DATA_KEYS || null,
    logLevel: env.LOG_LEVEL || 'info',
    audit: {
      key: env.OHP_AUDIT_KEY || null,
      checkpointEvery: Math.max(1, int(env, 'OHP_AUDIT_CHECKPOINT_EVERY', 100)),
      checkpointMinutes: Math.max(1, int(env, 'OHP_AUDIT_CHECKPOINT_MINUTES', 5)),
    },
    security: {
      sessionIdleMinutes: int(env, 'OHP_SESSION_IDLE_MINUTES', 30),
      sessionAbsoluteHours: int(env, 'OHP_SESSION_ABSOLUTE_HOURS', 12),
      lockoutThreshold: int(env, 'OHP_LOCKOUT_THRESHOLD', 5),
      lockoutMinutes: int(env, 'OHP_LOCKOUT_MINUTES', 30),
      captchaAfterFailures: int(env, 'OHP_CAPTCHA_AFTER_FAILURES', 3),
      lockoutAccountThreshold: int(env, 'OHP_LOCKOUT_ACCOUNT_THRESHOLD', 20),
      lockoutAccountWindowHours: int(env, 'OHP_LOCKOUT_ACCOUNT_WINDOW_HOURS', 24),
      lockoutBackoffSeconds: int(env, 'OHP_LOCKOUT_BACKOFF_SECONDS', 15),
      lockoutTrustedIpDays: int(env, 'OHP_LOCKOUT_TRUSTED_IP_DAYS', 30),
      passwordMaxAgeDays: int(env, 'OHP_PASSWORD_MAX_AGE_DAYS', 90),
      passwordHistory: int(env, 'OHP_PASSWORD_HISTORY', 5),
      totpRequiredRoles: (env.OHP_TOTP_REQUIRED_ROLES ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      loginRateLimitPerMinute: int(env, 'OHP_LOGIN_RATE_LIMIT', 30),
      apiRateLimitPerMinute: int(env, 'OHP_API_RATE_LIMIT', 1200),
      calculatorRateLimitPerMinute: Math.max(1, int(env, 'OHP_CALCULATOR_RATE_LIMIT', 120)),
      publicListRateLimitPerMinute: Math.max(1, int(env, 'OHP_PUBLIC_LIST_RATE_LIMIT', 120)),
      secureCookies: bool(env, 'OHP_SECURE_COOKIES', false),
    },
    pgliteAnalyzeMinutes: Math.max(0, int(env, 'OHP_PGLITE_ANALYZE_MINUTES', 60)),
    http: {
      sessionCacheSeconds: int(env, 'OHP_SESSION_CACHE_SECONDS', 10),
      healthCheckMs: int(env, 'OHP_HEALTH_CHECK_MS', 1000),
      accessLogSample: fraction(env, 'OHP_ACCESS_LOG_SAMPLE', 1),
      accessLogSlowMs: int(env, 'OHP_ACCESS_LOG_SLOW_MS', 1000),
    },
    listExactCountLimit: Math.max(1, int(env, 'OHP_LIST_EXACT_COUNT_LIMIT', 10_000)),
    imports: {
      maxRows: Math.max(1, int(env, 'OHP_IMPORT_MAX_ROWS', 50_000)),
      maxCells: Math.max(1, int(env, 'OHP_IMPORT_MAX_CELLS', 1_000_000)),
      parseTimeoutSeconds: Math.max(1, int(env, 'OHP_IMPORT_PARSE_TIMEOUT_SECONDS', 120)),
      waitSeconds: int(env, 'OHP_IMPORT_WAIT_SECONDS', 10),
    },
    documents: { chromiumPath: env.OHP_CHROMIUM_PATH || null, cjkFont: env.OHP_CJK_FONT || null },
    jobs: { staleSeconds: Math.max(10, int(env, 'OHP_JOB_STALE_SECONDS', 30)) },
    geojsonDir: env.OHP_GEOJSON_DIR || null,
  };
};
