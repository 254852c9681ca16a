import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { examCardExample } from '@ohp/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardSheetRows, COLUMNS } from '../modules/exam-reports/exam-reports.sheet.js';

const dir = mkdtempSync(join(tmpdir(), 'ohp-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// The CLI bundled once, as scripts/build-server.mjs bundles the server (about a second), rather than
// compiled by tsx at each of the dozen runs below (several seconds each). Under apps/server/dist, so
// that it finds node_modules and the migrations as the built server does.
mkdirSync(join(process.cwd(), 'apps/server/dist'), { recursive: true });
const bin = mkdtempSync(join(process.cwd(), 'apps/server/dist/test-cli-'));
afterAll(() => rmSync(bin, { recursive: true, force: true }));
execFileSync(
  process.execPath,
  ['scripts/build-server.mjs', '--entry', 'apps/server/src/cli/index.ts', '--name', 'cli', '--outdir', bin],
  { encoding: 'utf8' },
);
const CLI = join(bin, 'cli.js');
const env = {
  ...process.env,
  OHP_DATA_DIR: join(dir, 'data'),
  OHP_DEMO: '0',
  DATABASE_URL: '',
};
const cli = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { env, encoding: 'utf8' });
/** The CLI with a data directory of its own that does not exist yet: opening a database would create it. */
const pureDataDir = join(dir, 'never-opened');
const pureCli = (...args: string[]) =>
  spawnSync(process.execPath, [CLI, ...args], {
    env: { ...env, OHP_DATA_DIR: pureDataDir },
    encoding: 'utf8',
  });
const jsonFile = (name: string, value: unknown): string => {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(value));
  return file;
};

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

  it('runs a calculator without opening the database, in zh-CN unless --lang en', () => {
    const file = jsonFile('noise.json', {
      eventDate: '2024-06-01',
      exposure: { kind: 'laeq', laeqTe: 92, teHours: 6 },
    });
    const zh = pureCli('standards', 'noise-judgement', '--json', file);
    expect(zh.status).toBe(0);
    const body = JSON.parse(zh.stdout) as { verdict: string; reasons: { code: string; text: string }[] };
    expect(body.verdict).toBe('exceeds');
    expect(body.reasons.map((r) => r.text)).toContain(
      'L_EX,8h 90.8 dB(A) > 85 dB(A)（GBZ 2.2—2007 第11章；“不超过 85 dB(A)”含 85）',
    );
    const en = pureCli('standards', 'noise-judgement', '--json', file, '--lang', 'en');
    expect((JSON.parse(en.stdout) as typeof body).reasons[1]?.text).toContain(
      '"not above 85 dB(A)" includes 85',
    );
    // No configuration read, no database opened: the data directory was never created, so the CLI can run
    // while the server holds the embedded database.
    expect(existsSync(pureDataDir)).toBe(false);
  });

  it('refuses invalid input with the API error body and exit code 1, still without a database', () => {
    const file = jsonFile('bad.json', { eventDate: '2024-02-30', level: -10 });
    const out = pureCli('standards', 'noise-grade', '--json', file, '--lang', 'en');
    expect(out.status).toBe(1);
    const body = JSON.parse(out.stdout) as {
      error: { code: string; details: { path: string; reason: string; message: string }[] };
    };
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.details.map((d) => `${d.path} ${d.reason}`)).toEqual([
      'eventDate format',
      'level minimum',
    ]);
    expect(body.error.details[1]?.message).toContain('must be within [0, 140] dB(A)');
    expect(existsSync(pureDataDir)).toBe(false);
  });

  it('uses the administrator data of the database only with --with-db', () => {
    const file = jsonFile('benzene.json', {
      eventDate: '2024-06-01',
      substance: { nameZh: '苯' },
      cTwa: 4,
      cSte: 5,
    });
    // Without the database no amendment date is known: the engine refuses to pick 6 or 3 mg/m³.
    const pure = pureCli('standards', 'air-judgement', '--json', file);
    expect(pure.status).toBe(1);
    expect(JSON.parse(pure.stdout)).toMatchObject({ verdict: 'error', error: 'amendment_date_unset' });
    expect(pure.stderr).toContain('--with-db');
    expect(existsSync(pureDataDir)).toBe(false);
    // With it, the database is opened (and created here): the same answer, since no date is set there either.
    const withDb = cli('standards', 'air-judgement', '--json', file, '--with-db');
    expect(JSON.parse(withDb.stdout)).toMatchObject({ error: 'amendment_date_unset' });
    expect(existsSync(join(dir, 'data'))).toBe(true);
    // Creating the database runs every migration in a child process: minutes on a loaded 2-core machine.
  }, 240_000);

  it('lists the calculators and refuses an unknown one with exit code 2', () => {
    expect(cli('standards', 'list').stdout).toContain('hearing-gbz49');
    expect(cli('standards', 'no-such', '--json', 'x').status).toBe(2);
  });

  it('verifies the audit chain of a fresh database', () => {
    const out = execFileSync(process.execPath, [CLI, 'audit-verify'], {
      env,
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toMatchObject({ ok: true });
  });

  it('prints the signed audit checkpoints kept in the data directory', () => {
    const out = cli('audit-checkpoints');
    expect(out.status).toBe(0);
    const lines = out.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { reason: string; valid: boolean; count: number; hash: string });
    // 'start' at the first open, 'verify' from the run above; each with a valid signature.
    expect(lines.map((l) => l.reason)).toEqual(expect.arrayContaining(['start', 'verify']));
    expect(lines.every((l) => l.valid && /^[0-9a-f]{64}$/.test(l.hash))).toBe(true);
  });
});

describe('the CLI import of exam cards', () => {
  // A database of its own with the demo accounts (the import runs as demo-exam by default).
  const examEnv = { ...env, OHP_DATA_DIR: join(dir, 'exam-data') };
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [CLI, ...args], { env: examEnv, encoding: 'utf8' });
  /** A workbook of the template's columns: the example card as CLI-1, and CLI-2 with `patch` on its first row. */
  const cards = async (name: string, patch: Record<string, string | number> = {}): Promise<string> => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('个案卡');
    ws.addRow(COLUMNS.map((c) => c.header));
    for (const id of ['CLI-1', 'CLI-2']) {
      const rows: Array<Array<string | number>> = cardSheetRows({ ...examCardExample, recordId: id });
      if (id === 'CLI-2')
        for (const [h, v] of Object.entries(patch)) rows[0]![COLUMNS.findIndex((c) => c.header === h)] = v;
      for (const r of rows) ws.addRow(r);
    }
    const file = join(dir, name);
    writeFileSync(file, Buffer.from(await wb.xlsx.writeBuffer()));
    return file;
  };
  beforeAll(() => {
    expect(run('seed', '--scale', 'test').status).toBe(0);
  });

  it('refuses bad arguments with exit code 2 before opening a database', () => {
    const unopened = join(dir, 'never-opened-import');
    const bad = (...args: string[]) =>
      spawnSync(process.execPath, [CLI, 'import', ...args], {
        env: { ...env, OHP_DATA_DIR: unopened },
        encoding: 'utf8',
      });
    const none = bad('exam-reports');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('usage: npm run cli -- import exam-reports FILE');
    expect(bad('exam-reports', 'cards.txt').status).toBe(2);
    expect(bad('exam-reports', 'cards.xlsx', '--dryrun').status).toBe(2);
    expect(existsSync(unopened)).toBe(false);
  });

  it('prints the counts of a dry run, writes the error workbook and exits 1 when a card was rejected', async () => {
    const file = await cards('bad.xlsx', { 证件号码: '220102198503151238' });
    const out = run('import', 'exam-reports', file, '--dry-run');
    expect(out.status).toBe(1);
    expect(out.stdout).toContain(
      'cards=2 accepted=1 updated=0 unchanged=0 rejected=1 warnings=0 (dry run: nothing written)',
    );
    expect(out.stdout).toMatch(/error {3}row 4 {2}证件号码 {2}身份证号码不符合/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(join(dir, 'bad.errors.xlsx')) as unknown as ArrayBuffer);
    const rows: string[] = [];
    wb.worksheets[0]!.eachRow((r) => rows.push(`${r.getCell(1).text} ${r.getCell(2).text}`));
    expect(rows).toEqual(['行号 Row 记录ID', '4 CLI-2', '5 CLI-2']);
  });

  it('imports a good file as the given user with exit code 0; the dry run before wrote nothing', async () => {
    const file = await cards('good.xlsx', { 备注: '命令行导入' });
    const out = run('import', 'exam-reports', file, '--errors', join(dir, 'none.xlsx'), '--lang', 'en');
    expect(out.stderr).not.toContain('failed');
    expect(out.status).toBe(0);
    expect(out.stdout).toContain('cards=2 accepted=2 updated=0 unchanged=0 rejected=0 warnings=0');
    expect(existsSync(join(dir, 'none.xlsx'))).toBe(false);
  });

  it('refuses to import as a user who does not report exam cards, with exit code 2', async () => {
    const file = await cards('province.xlsx');
    const out = run('import', 'exam-reports', file, '--as', 'demo-province');
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('cannot report exam cards');
  });
});
