import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../platform/config.js';
import { assessAttempts, backoffMs, lockedAnywhere, type Attempt } from './lockout.js';

const sec = loadConfig({}, { dotenv: false }).security;
const now = new Date('2026-03-01T08:00:00Z');
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
/** Rows newest first, as the repository returns them. */
const rows = (...r: Array<[string, string | null, number]>): Attempt[] =>
  r.map(([outcome, ip, secondsAgo]) => ({ outcome, ip, created_at: ago(secondsAgo) }));

describe('login throttling', () => {
  it('has the documented defaults', () => {
    expect({
      lockoutThreshold: sec.lockoutThreshold,
      lockoutMinutes: sec.lockoutMinutes,
      captchaAfterFailures: sec.captchaAfterFailures,
      lockoutAccountThreshold: sec.lockoutAccountThreshold,
      lockoutAccountWindowHours: sec.lockoutAccountWindowHours,
      lockoutBackoffSeconds: sec.lockoutBackoffSeconds,
      lockoutTrustedIpDays: sec.lockoutTrustedIpDays,
    }).toEqual({
      lockoutThreshold: 5,
      lockoutMinutes: 30,
      captchaAfterFailures: 3,
      lockoutAccountThreshold: 20,
      lockoutAccountWindowHours: 24,
      lockoutBackoffSeconds: 15,
      lockoutTrustedIpDays: 30,
    });
  });

  it('counts wrong passwords and codes, never captchas or refused attempts', () => {
    const r = rows(
      ['fail_captcha', 'a', 1],
      ['locked', 'a', 2],
      ['fail_captcha', 'a', 3],
      ['fail_totp', 'a', 4],
      ['fail_password', 'a', 5],
      ['fail_captcha', 'a', 6],
    );
    const a = assessAttempts(r, 'a', sec, now);
    expect(a).toMatchObject({
      pairFailures: 2,
      accountFailures: 2,
      pairLocked: false,
      captchaRequired: false,
    });
  });

  it('locks the (username, address) pair after the threshold, not other addresses', () => {
    const r = rows(
      ...Array.from({ length: 5 }, (_, i): [string, string, number] => ['fail_password', 'x', i]),
    );
    expect(assessAttempts(r, 'x', sec, now)).toMatchObject({ pairLocked: true, captchaRequired: true });
    expect(assessAttempts(r, 'y', sec, now)).toMatchObject({
      pairFailures: 0,
      pairLocked: false,
      captchaRequired: false,
      backoffUntil: null,
    });
    // The pair lock ends when the failures age out of lockoutMinutes.
    const old = rows(
      ...Array.from({ length: 5 }, (_, i): [string, string, number] => ['fail_password', 'x', 1801 + i]),
    );
    expect(assessAttempts(old, 'x', sec, now).pairLocked).toBe(false);
  });

  it('asks for a captcha from the third failure of the pair', () => {
    const r = rows(['fail_password', 'x', 1], ['fail_password', 'x', 2]);
    expect(assessAttempts(r, 'x', sec, now).captchaRequired).toBe(false);
    expect(
      assessAttempts(
        rows(['fail_password', 'x', 0], ...r.map((x): [string, string, number] => [x.outcome, 'x', 1])),
        'x',
        sec,
        now,
      ).captchaRequired,
    ).toBe(true);
  });

  it('clears the pair at a success from it, the account at any success, both at an unlock', () => {
    const fails = Array.from({ length: 5 }, (_, i): [string, string, number] => [
      'fail_password',
      'x',
      10 + i,
    ]);
    expect(assessAttempts(rows(['success', 'x', 1], ...fails), 'x', sec, now).pairFailures).toBe(0);
    const elsewhere = assessAttempts(rows(['success', 'y', 1], ...fails), 'x', sec, now);
    expect(elsewhere).toMatchObject({ pairFailures: 5, accountFailures: 0, pairLocked: true });
    expect(assessAttempts(rows(['unlocked', null, 1], ...fails), 'x', sec, now)).toMatchObject({
      pairFailures: 0,
      accountFailures: 0,
    });
  });

  it('backs off exponentially from the account threshold, capped at lockoutMinutes', () => {
    expect([19, 20, 21, 22, 23, 26, 27, 40].map((n) => backoffMs(n, sec) / 1000)).toEqual([
      0, 15, 30, 60, 120, 960, 1800, 1800,
    ]);
    // 20 failures from 20 addresses, the last one 10 s ago: every address waits 5 more seconds.
    const spray = rows(
      ...Array.from({ length: 20 }, (_, i): [string, string, number] => [
        'fail_password',
        `10.0.0.${i}`,
        10 + i,
      ]),
    );
    const a = assessAttempts(spray, '192.0.2.1', sec, now);
    expect(a).toMatchObject({ accountFailures: 20, pairLocked: false, captchaRequired: true });
    expect(a.backoffUntil?.toISOString()).toBe(new Date(ago(10).getTime() + 15_000).toISOString());
    // After the wait the next attempt may go ahead (and its failure would double the wait).
    expect(assessAttempts(spray, '192.0.2.1', sec, new Date(now.getTime() + 6000)).backoffUntil).toBeNull();
    // Failures older than the account window do not count.
    const stale = rows(
      ...Array.from({ length: 20 }, (_, i): [string, string, number] => [
        'fail_password',
        `10.0.0.${i}`,
        86_401 + i,
      ]),
    );
    expect(assessAttempts(stale, '192.0.2.1', sec, now).accountFailures).toBe(0);
  });

  it('shows an account as locked to administrators while some address is locked or the backoff runs', () => {
    const five = Array.from({ length: 5 }, (_, i): [string, string, number] => ['fail_password', 'x', i + 1]);
    expect(lockedAnywhere(rows(...five), sec, now)).toBe(true);
    expect(lockedAnywhere(rows(...five.slice(1)), sec, now)).toBe(false);
    expect(lockedAnywhere(rows(['unlocked', null, 0], ...five), sec, now)).toBe(false);
  });
});
