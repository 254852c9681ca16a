/**
 * How every surface presents a calculator result, so the server and the CLI agree: a refused input
 * (`invalid_input`, or a substance that matches several rows) is a list of fields with a reason and a
 * message in the reader's language — HTTP 400 `validation_failed` on the server, exit code 2 in the CLI.
 * Everything else is a real outcome (a verdict, `not_covered`, `limit_not_loaded`, `date_not_covered`,
 * `amendment_date_unset`) and is returned with each reason's text added in the reader's language.
 */
import type { CalculatorResult } from './calculators';
import type { Lang, Localized } from './messages';
import { localize, renderMsg } from './messages';
import type { ErrorResult } from './rules';

/** One refused field, with its message written out (the same shape as the API's error details). */
export type PresentedIssue = { path: string; reason: string; message: string };

export type Presented =
  | { kind: 'outcome'; body: Localized<CalculatorResult> }
  | { kind: 'refused'; error: ErrorResult['error']; issues: PresentedIssue[] };

/** True when the result refuses the input (it names fields) rather than stating an outcome. */
export const isRefusal = (r: CalculatorResult): r is CalculatorResult & ErrorResult =>
  r.verdict === 'error' &&
  Array.isArray((r as ErrorResult).issues) &&
  ((r as ErrorResult).issues?.length ?? 0) > 0;

export function presentResult(result: CalculatorResult, lang: Lang): Presented {
  if (isRefusal(result)) {
    return {
      kind: 'refused',
      error: result.error,
      issues: (result.issues ?? []).map((i) => ({
        path: i.path,
        reason: i.reason,
        message: renderMsg(i.message, lang),
      })),
    };
  }
  return { kind: 'outcome', body: localize(result, lang) };
}
