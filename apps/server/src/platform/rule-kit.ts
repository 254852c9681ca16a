/**
 * What every record's rules (an exam card, a diagnosis report) collect and share: refusals and warnings
 * with their field path and national element, a code looked up in its national table (refused when
 * unknown, naming the table), and dates that must not lie in the future.
 */
import { findExchangeCode, getExchangeTable, isIsoDate, type ExchangeTableId } from '@ohp/reference';

export type RuleIssue = { path: string; element: string | null; reason: string; detail?: string };

export const ruleKit = (elementOf: (path: string) => string | null, today: string) => {
  const issues: RuleIssue[] = [];
  const warnings: RuleIssue[] = [];
  const refuse = (path: string, reason: string, detail?: string) =>
    issues.push({ path, element: elementOf(path), reason, ...(detail && { detail }) });
  const warn = (path: string, reason: string, detail?: string) =>
    warnings.push({ path, element: elementOf(path), reason, ...(detail && { detail }) });
  const code = (path: string, table: ExchangeTableId, value: string | null | undefined) => {
    if (value === null || value === undefined) return undefined;
    const found = findExchangeCode(table, value);
    if (!found) refuse(path, 'code_unknown', getExchangeTable(table).titleZh);
    return found;
  };
  const notFuture = (path: string, date: string | null | undefined) => {
    if (date && isIsoDate(date) && date > today) refuse(path, 'date_in_future');
  };
  return { issues, warnings, refuse, warn, code, notFuture };
};
