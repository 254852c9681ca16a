/**
 * Password policy (等保 level 3 practice): at least 8 characters, at least 3 of the 4 character
 * classes, not containing the username. Reuse of the last N passwords is checked by the service
 * against the stored hashes.
 */
export type PasswordProblem = 'password_too_short' | 'password_too_simple' | 'password_contains_username';

export const characterClasses = (pw: string): number =>
  [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;

export const checkPasswordPolicy = (pw: string, username: string): PasswordProblem[] => {
  const problems: PasswordProblem[] = [];
  if ([...pw].length < 8) problems.push('password_too_short');
  if (characterClasses(pw) < 3) problems.push('password_too_simple');
  if (username.length >= 3 && pw.toLowerCase().includes(username.toLowerCase()))
    problems.push('password_contains_username');
  return problems;
};

/** A random password that satisfies the policy, for accounts created or reset by an administrator. */
export const generateInitialPassword = (random: (n: number) => Buffer): string => {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%&*?'];
  const bytes = random(16);
  const chars = Array.from(bytes.subarray(0, 12), (b, i) => {
    const set = sets[i % 4]!;
    return set[b % set.length]!;
  });
  // Shuffle deterministically from the remaining bytes so the class pattern is not fixed.
  for (let i = chars.length - 1; i > 0; i--) {
    const j = bytes[12 + (i % 4)]! % (i + 1);
    [chars[i], chars[j]] = [chars[j]!, chars[i]!];
  }
  return chars.join('');
};
