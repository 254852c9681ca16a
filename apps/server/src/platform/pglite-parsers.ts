/**
 * Result type parsers shared by both drivers (and by the PGlite worker, which cannot receive
 * functions): int8 and numeric as number, date as 'YYYY-MM-DD'; timestamptz stays a Date.
 */
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;

const toNumber = (v: string): number => Number(v);
const identity = (v: string): string => v;

export const parsers: Record<number, (v: string) => unknown> = {
  [INT8]: toNumber,
  [NUMERIC]: toNumber,
  [DATE]: identity,
};
