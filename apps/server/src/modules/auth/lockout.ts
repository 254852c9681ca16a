/**
 * Login throttling, designed so that it slows a password-guessing attacker without letting anyone lock
 * a user out at will:
 *
 * - Only wrong passwords and wrong second-factor codes count (`fail_password`, `fail_totp`). A wrong
 *   or bogus captcha (`fail_captcha`) and a refused attempt while locked (`locked`) do not.
 * - Per (username, IP): after `captchaAfterFailures` failures the pair must solve a captcha; after
 *   `lockoutThreshold` failures within `lockoutMinutes` the pair is locked until those failures age
 *   out of the window. A success from that IP, or the security administrator's unlock, clears it.
 *   Another IP — the real user's — is not affected.
 * - Per username across all IPs: once `lockoutAccountThreshold` failures have piled up within
 *   `lockoutAccountWindowHours`, every further attempt must wait `lockoutBackoffSeconds` × 2^(failures −
 *   threshold) after the last failure (capped at `lockoutMinutes`), and every IP must solve a captcha.
 *   An IP the user signed in from successfully within `lockoutTrustedIpDays` is exempt from the wait, so a
 *   distributed attacker slows down to one guess per `lockoutMinutes` while the user still signs in from
 *   the usual place. A success (any IP) or an unlock clears the count.
 * Unknown usernames are counted exactly like known ones, so the answers reveal nothing about existence.
 */
import type { Config } from '../../platform/config.js';

type Security = Config['security'];
export type Attempt = { outcome: string; ip: string | null; created_at: Date };

export type LoginThrottle = {
  /** Failures from this IP since its last success / an unlock, within lockoutMinutes. */
  pairFailures: number;
  /** Failures from all IPs since the last success / an unlock, within the account window. */
  accountFailures: number;
  pairLocked: boolean;
  /** When the account-wide backoff ends (null = no backoff). */
  backoffUntil: Date | null;
  captchaRequired: boolean;
};

const COUNTED = new Set(['fail_password', 'fail_totp']);

/** The delay after the last failure once the account-wide threshold is reached, in milliseconds. */
export const backoffMs = (accountFailures: number, sec: Security): number => {
  if (accountFailures < sec.lockoutAccountThreshold) return 0;
  const exponent = Math.min(accountFailures - sec.lockoutAccountThreshold, 30);
  return Math.min(sec.lockoutBackoffSeconds * 1000 * 2 ** exponent, sec.lockoutMinutes * 60_000);
};

/** How far back the login log must be read to assess an attempt. */
export const attemptsWindowStart = (sec: Security, now: Date): Date =>
  new Date(now.getTime() - Math.max(sec.lockoutMinutes * 60_000, sec.lockoutAccountWindowHours * 3_600_000));

/** Assesses an attempt from `ip` given the username's login-log rows (newest first). */
export const assessAttempts = (
  rows: Attempt[],
  ip: string | null,
  sec: Security,
  now: Date,
): LoginThrottle => {
  const pairStart = now.getTime() - sec.lockoutMinutes * 60_000;
  const accountStart = now.getTime() - sec.lockoutAccountWindowHours * 3_600_000;
  let pairFailures = 0;
  let accountFailures = 0;
  let pairDone = false;
  let accountDone = false;
  let lastFailureAt: Date | null = null;
  for (const r of rows) {
    if (r.outcome === 'unlocked') break;
    const sameIp = r.ip === ip;
    if (r.outcome === 'success') {
      accountDone = true;
      if (sameIp) pairDone = true;
      if (pairDone) break;
    }
    if (!COUNTED.has(r.outcome)) continue;
    const at = r.created_at.getTime();
    if (!accountDone && at >= accountStart) {
      accountFailures += 1;
      lastFailureAt ??= r.created_at;
    }
    if (!pairDone && sameIp && at >= pairStart) pairFailures += 1;
  }
  const delay = backoffMs(accountFailures, sec);
  const backoffUntil =
    delay > 0 && lastFailureAt && lastFailureAt.getTime() + delay > now.getTime()
      ? new Date(lastFailureAt.getTime() + delay)
      : null;
  return {
    pairFailures,
    accountFailures,
    pairLocked: pairFailures >= sec.lockoutThreshold,
    backoffUntil,
    captchaRequired:
      pairFailures >= sec.captchaAfterFailures || accountFailures >= sec.lockoutAccountThreshold,
  };
};

/** For administrators: is the username locked from some IP, or in the account-wide backoff? */
export const lockedAnywhere = (rows: Attempt[], sec: Security, now: Date): boolean => {
  const ips = new Set<string | null>();
  for (const r of rows) {
    if (r.outcome === 'unlocked') break;
    if (COUNTED.has(r.outcome)) ips.add(r.ip);
  }
  return [...ips].some((ip) => {
    const a = assessAttempts(rows, ip, sec, now);
    return a.pairLocked || a.backoffUntil !== null;
  });
};
