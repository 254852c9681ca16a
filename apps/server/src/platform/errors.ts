/**
 * The one application error. Services throw it; the HTTP error handler maps it (and PostgreSQL
 * SQLSTATEs) to the error body in the caller's language.
 */
import type { ErrorCode, ErrorDetail } from '@ohp/contracts';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly reason: string;
  readonly details: ErrorDetail[] | undefined;

  constructor(code: ErrorCode, reason?: string, details?: ErrorDetail[]) {
    super(reason ?? code);
    this.code = code;
    this.reason = reason ?? code;
    this.details = details;
  }
}

export const notFound = (): AppError => new AppError('not_found');
export const forbidden = (reason = 'forbidden'): AppError => new AppError('forbidden', reason);

/** A validation error about fields; `message` is filled in by the handler from the reason table. */
export const invalid = (details: Array<{ path: string; reason: string }>): AppError =>
  new AppError(
    'validation_failed',
    'validation_failed',
    details.map((d) => ({ ...d, message: '' })),
  );
