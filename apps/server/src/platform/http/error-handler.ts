/**
 * Maps anything thrown to the one error body `{ error: { code, reason, message, details, requestId } }`
 * in the caller's language. Client mistakes are 4xx; only our own faults are 500.
 */
import {
  errorStatus,
  formatReasons,
  messageFor,
  patternReasons,
  type ErrorBody,
  type ErrorCode,
  type ErrorDetail,
  type Lang,
} from '@ohp/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

type AjvIssue = {
  instancePath?: string;
  keyword?: string;
  params?: Record<string, unknown>;
  message?: string;
};

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const pathOf = (issue: AjvIssue, context: string | undefined): string => {
  const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
  const extra =
    issue.keyword === 'required'
      ? str(issue.params?.missingProperty)
      : issue.keyword === 'additionalProperties'
        ? str(issue.params?.additionalProperty)
        : '';
  const joined = [base, extra].filter(Boolean).join('.');
  return joined || (context ?? 'body');
};

/**
 * One detail per field: the most telling issue wins. A NUL character first; an issue with the value
 * (too large, wrong format…) before "not an allowed field", which in anyOf/oneOf often only means that
 * another branch does not have the field.
 */
const rank = (i: AjvIssue): number =>
  i.keyword === 'nul_character' ? 0 : i.keyword === 'additionalProperties' ? 2 : 1;

/**
 * The reason of an issue: the ajv keyword, except for the patterns and formats that have a reason of
 * their own saying what a valid value is (a mobile number, an e-mail address: @ohp/contracts forms.ts).
 */
const reasonOf = (i: AjvIssue): string => {
  if (i.keyword === 'pattern') return patternReasons[str(i.params?.pattern)] ?? 'pattern';
  if (i.keyword === 'format') return formatReasons[str(i.params?.format)] ?? 'format';
  return i.keyword ?? 'invalid';
};

export const detailsFrom = (issues: AjvIssue[], context: string | undefined, lang: Lang): ErrorDetail[] => {
  const seen = new Set<string>();
  const out: ErrorDetail[] = [];
  const ordered = issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => rank(a.issue) - rank(b.issue) || a.index - b.index)
    .map((x) => x.issue);
  for (const i of ordered) {
    const path = pathOf(i, context);
    const reason = reasonOf(i);
    // anyOf/oneOf produce one issue per branch; report each field once.
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, reason, message: messageFor(reason, lang) });
  }
  return out;
};

type PgError = { code?: string; constraint?: string; column?: string };

const pgMapping: Record<string, { code: ErrorCode; reason: string }> = {
  '23505': { code: 'conflict', reason: 'duplicate' },
  '23503': { code: 'validation_failed', reason: 'referenced_missing' },
  '23514': { code: 'validation_failed', reason: 'validation_failed' },
  '23502': { code: 'validation_failed', reason: 'validation_failed' },
  '22P02': { code: 'validation_failed', reason: 'validation_failed' },
  '22001': { code: 'validation_failed', reason: 'validation_failed' },
  '22003': { code: 'validation_failed', reason: 'validation_failed' },
  '22007': { code: 'validation_failed', reason: 'validation_failed' },
  '22008': { code: 'validation_failed', reason: 'validation_failed' },
  // NUL characters and bad escapes: PostgreSQL text and jsonb cannot hold them.
  '22021': { code: 'validation_failed', reason: 'validation_failed' },
  '22P05': { code: 'validation_failed', reason: 'validation_failed' },
};

export const errorBody = (
  req: FastifyRequest,
  code: ErrorCode,
  reason?: string,
  details?: ErrorDetail[],
): ErrorBody => ({
  error: {
    code,
    ...(reason && reason !== code ? { reason } : {}),
    message: messageFor(reason ?? code, req.lang),
    ...(details ? { details } : {}),
    requestId: req.id,
  },
});

export const sendError = (
  reply: FastifyReply,
  req: FastifyRequest,
  code: ErrorCode,
  reason?: string,
  details?: Array<{ path: string; reason: string }>,
) =>
  reply.status(errorStatus[code]).send(
    errorBody(
      req,
      code,
      reason,
      details?.map((d) => ({ ...d, message: messageFor(d.reason, req.lang) })),
    ),
  );

/**
 * Unique constraints named by the API field they protect, so a race that reaches the database still
 * answers with the field (e.g. 409 duplicate on `name`), never with a constraint's name.
 */
const constraintField: Record<string, string> = {
  organisation_name_key_key: 'name',
  organisation_credit_code_key: 'creditCode',
  app_user_username_key: 'username',
};

export const toErrorResponse = (err: unknown, req: FastifyRequest): { status: number; body: ErrorBody } => {
  if (err instanceof AppError) {
    const details = err.details?.map((d) => ({ ...d, message: d.message || messageFor(d.reason, req.lang) }));
    return { status: errorStatus[err.code], body: errorBody(req, err.code, err.reason, details) };
  }
  const e = err as {
    validation?: AjvIssue[];
    validationContext?: string;
    statusCode?: number;
    code?: string;
  };
  if (e.validation) {
    return {
      status: 400,
      body: errorBody(
        req,
        'validation_failed',
        'validation_failed',
        detailsFrom(e.validation, e.validationContext, req.lang),
      ),
    };
  }
  const pg = err as PgError;
  if (typeof pg.code === 'string' && /^[0-9A-Z]{5}$/.test(pg.code) && pgMapping[pg.code]) {
    const m = pgMapping[pg.code]!;
    const details =
      pg.constraint || pg.column
        ? [
            {
              path: pg.column ?? constraintField[pg.constraint ?? ''] ?? pg.constraint ?? '',
              reason: m.reason,
              message: messageFor(m.reason, req.lang),
            },
          ]
        : undefined;
    return { status: errorStatus[m.code], body: errorBody(req, m.code, m.reason, details) };
  }
  const status = e.statusCode ?? 500;
  if (status === 429) return { status, body: errorBody(req, 'rate_limited') };
  if (status === 413) return { status, body: errorBody(req, 'validation_failed', 'body_too_large') };
  if (status === 415) return { status, body: errorBody(req, 'validation_failed', 'unsupported_media_type') };
  if (status === 404) return { status, body: errorBody(req, 'not_found') };
  if (status >= 400 && status < 500) {
    const reason =
      e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err as Error).name === 'SyntaxError'
        ? 'bad_json'
        : 'validation_failed';
    return { status: 400, body: errorBody(req, 'validation_failed', reason) };
  }
  return { status: 500, body: errorBody(req, 'internal') };
};
