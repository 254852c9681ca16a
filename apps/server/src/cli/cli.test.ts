import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ohp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, OHP_DATA_DIR: join(dir, 'data'), OHP_DEMO: '0', DATABASE_URL: '' };
const cli = (...args: string[]) =>
  spawnSync('npx', ['tsx', 'apps/server/src/cli/index.ts', ...args], { env, encoding: 'utf8' });

describe('the CLI', () => {
  it('reproduces a calculator verdict from a JSON file', () => {
    const file = join(dir, 'twa.json');
    writeFileSync(
      file,
      JSON.stringify({
        segments: [
          { concentration: 4, hours: 2 },
          { concentration: 1, hours: 4 },
        ],
        shiftHours: 8,
      }),
    );
    const out = cli('standards', 'air-twa', '--json', file);
    expect(out.status).toBe(0);
    // (4 × 2 + 1 × 4) / 8 = 1.5
    expect(JSON.parse(out.stdout)).toMatchObject({
      verdict: 'computed',
      cTwa8h: 1.5,
      edition: 'GBZ 2.1-2019',
    });
  });

  it('lists the calculators and refuses an unknown one with exit code 2', () => {
    expect(cli('standards', 'list').stdout).toContain('hearing-gbz49');
    expect(cli('standards', 'no-such', '--json', 'x').status).toBe(2);
  });

  it('verifies the audit chain of a fresh database', () => {
    const out = execFileSync('npx', ['tsx', 'apps/server/src/cli/index.ts', 'audit-verify'], {
      env,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toMatchObject({ ok: true });
  });
});
