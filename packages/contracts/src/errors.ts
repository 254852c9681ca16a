/** The closed set of error codes and the one error body every failing response carries. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  // The request is well-formed but cannot be taken as it is (an idempotency key reused for another payload).
  'unprocessable',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const errorStatus: Record<ErrorCode, number> = {
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  unprocessable: 422,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export type ErrorDetail = { path: string; reason: string; message: string };

export type ErrorBody = {
  error: { code: ErrorCode; reason?: string; message: string; details?: ErrorDetail[]; requestId: string };
};
