/** Shows an API error: field details go onto the form, the message into a toast. */
import type { FormInstance } from 'antd';
import type { MessageInstance } from 'antd/es/message/interface';
import { ApiError } from './api';
import { i18n } from './i18n';

/** `/name` or `name` or `/roleKeys/0` → the form field name. */
const fieldOf = (path: string): string[] => path.replace(/^\//, '').split(/[/.]/).filter(Boolean).slice(0, 1);

/**
 * The message to show: the server's (from its zh/en reason table, in the UI language) for an API error
 * that carries one; the generic "request failed" for anything else, never a browser's or library's
 * own English text.
 */
export const errorMessage = (err: unknown): string => {
  // An answer without an error body (a proxy's page) has only "HTTP 502" as its message.
  if (err instanceof ApiError && !/^HTTP \d+$/.test(err.message)) return err.message;
  return i18n.t('common.requestFailed');
};

/** Returns true when at least one detail landed on a field of the form. */
export const applyFormErrors = (
  form: FormInstance | undefined,
  err: unknown,
  known?: readonly string[],
): boolean => {
  if (!form || !(err instanceof ApiError) || err.details.length === 0) return false;
  const byField = new Map<string, string[]>();
  for (const d of err.details) {
    const [name] = fieldOf(d.path);
    if (!name || (known && !known.includes(name))) continue;
    byField.set(name, [...(byField.get(name) ?? []), d.message]);
  }
  form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return byField.size > 0;
};

export const reportError = (
  msg: MessageInstance,
  err: unknown,
  form?: FormInstance,
  known?: readonly string[],
): void => {
  applyFormErrors(form, err, known);
  // 401 is handled globally (back to login); do not stack a toast on it.
  if (err instanceof ApiError && err.status === 401) return;
  void msg.error(errorMessage(err));
};
