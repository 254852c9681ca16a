/**
 * Field rules shared by the server's validation and the web forms, with the reason that explains a
 * refusal (a message in messages.ts saying what a valid value looks like, not just "wrong format").
 */

/** A mainland mobile number: 11 digits starting with 1. */
export const MOBILE_PATTERN = '^1\\d{10}$';
export const USERNAME_PATTERN = '^[a-zA-Z0-9_.-]{3,64}$';

/** The reason reported for a value that fails one of these patterns (else the generic `pattern`). */
export const patternReasons: Readonly<Record<string, string>> = {
  [MOBILE_PATTERN]: 'phone_format',
  [USERNAME_PATTERN]: 'username_format',
};

/** The reason reported for a value that fails a JSON-schema format (else the generic `format`). */
export const formatReasons: Readonly<Record<string, string>> = {
  email: 'email_format',
  date: 'date_format',
};
