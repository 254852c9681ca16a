/**
 * The one fetch wrapper: sends the session cookie, the CSRF token on writes and Accept-Language, and
 * turns the server's error body into a typed ApiError. Callers switch on `code`/`reason`, never text.
 */
import type { ErrorCode, ErrorDetail } from '@ohp/contracts';
import { currentLang, i18n } from './i18n';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | 'network';
  readonly reason: string | undefined;
  readonly details: ErrorDetail[];
  readonly requestId: string | undefined;
  constructor(
    status: number,
    code: ErrorCode | 'network',
    message: string,
    reason?: string,
    details?: ErrorDetail[],
    requestId?: string,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.reason = reason;
    this.details = details ?? [];
    this.requestId = requestId;
  }
}

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

type Listener = (err: ApiError) => void;
const listeners = new Set<Listener>();
/** The auth provider listens here for 401 and forced password/TOTP changes. */
export const onApiError = (fn: Listener): (() => void) => {
  listeners.add(fn);
  return () => listeners.delete(fn);
};

export type Query = Record<string, string | number | boolean | null | undefined>;

export const buildUrl = (path: string, query?: Query): string => {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return `${API_BASE}${path}${s ? `?${s}` : ''}`;
};

const toApiError = async (res: Response): Promise<ApiError> => {
  try {
    const body = (await res.json()) as {
      error?: {
        code: ErrorCode;
        reason?: string;
        message: string;
        details?: ErrorDetail[];
        requestId: string;
      };
    };
    if (body.error) {
      const e = body.error;
      return new ApiError(res.status, e.code, e.message, e.reason, e.details, e.requestId);
    }
  } catch {
    // not JSON (a proxy error page)
  }
  return new ApiError(res.status, res.status === 401 ? 'unauthenticated' : 'internal', `HTTP ${res.status}`);
};

type Options = { query?: Query; body?: unknown; form?: FormData; signal?: AbortSignal; quiet?: boolean };

const send = async (method: string, path: string, opts: Options = {}): Promise<Response> => {
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': currentLang() };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', i18n.t('common.networkError'));
  }
  if (!res.ok) {
    const err = await toApiError(res);
    if (!opts.quiet) for (const l of listeners) l(err);
    throw err;
  }
  return res;
};

const json = async <T>(method: string, path: string, opts?: Options): Promise<T> => {
  const res = await send(method, path, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
};

export const api = {
  get: <T>(path: string, query?: Query, opts?: Omit<Options, 'query'>) =>
    json<T>('GET', path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: Omit<Options, 'body'>) =>
    json<T>('POST', path, { ...opts, body }),
  put: <T>(path: string, body?: unknown) => json<T>('PUT', path, { body }),
  patch: <T>(path: string, body?: unknown) => json<T>('PATCH', path, { body }),
  delete: <T>(path: string, body?: unknown) => json<T>('DELETE', path, { body }),
  upload: <T>(path: string, form: FormData, query?: Query) => json<T>('POST', path, { form, query }),
  /**
   * Downloads a file (xlsx) through fetch so errors come back as messages, then saves it under the
   * name the server gives in the UI language (Content-Disposition `filename*`, RFC 5987), else the
   * plain `filename`, else `fallbackName`.
   */
  download: async (path: string, query?: Query, fallbackName = 'download.xlsx'): Promise<void> => {
    const res = await send('GET', path, { query });
    const blob = await res.blob();
    const name = fileNameFrom(res.headers.get('content-disposition')) ?? fallbackName;
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};

/** The file name of a Content-Disposition header: `filename*` (RFC 5987, UTF-8) first, then `filename`. */
export const fileNameFrom = (header: string | null): string | null => {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)'[^']*'([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      // a malformed escape: fall back to the plain name
    }
  }
  const plain = /(?:^|;)\s*filename\s*=\s*(?:"([^"]*)"|([^;]+))/i.exec(header);
  const name = (plain?.[1] ?? plain?.[2])?.trim();
  return name || null;
};

/** totalExact false: `total` is an estimate (a long list; ask again with exactTotal=true for the count). */
export type PageResult<T> = {
  data: T[];
  total: number;
  totalExact?: boolean;
  page: number;
  pageSize: number;
};
