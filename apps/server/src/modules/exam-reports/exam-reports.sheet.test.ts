/**
 * The spreadsheet door for exam cards (issue 15 item 4: web upload and CLI) against a real database
 * (PGlite, or PostgreSQL with OHP_TEST_DB=postgresql): the template round trip, cards of several rows
 * across the reader's batches, bad rows reported with their row and column while the good cards are
 * stored, GBK CSV, dry run, re-upload, the error workbook of original rows, and the CLI's run.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ExamCardInput } from '@ohp/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildUser, examCard } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { runExamCardImport } from './exam-reports.cli.js';
import { cardSheetRows, COLUMNS, registerExamCardSheetImport } from './exam-reports.sheet.js';

let t: TestContext;
let exam: Client;
const dir = mkdtempSync(join(tmpdir(), 'ohp-exam-sheet-'));
beforeAll(async () => {
  t = await createTestContext();
  exam = await t.login('demo-exam');
});
afterAll(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

type Issue = { row: number; column: string; reason: string; message: string };
type Report = {
  batchId: number;
  dryRun: boolean;
  total: number;
  accepted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: Issue[];
  warnings?: Issue[];
  errorFileId: string | null;
};

const HEADERS = COLUMNS.map((c) => c.header);
type Row = Array<string | number>;

/** A card's rows (bare codes), with cells changed by header: `[rowIndex, header, value]`. */
const rowsOf = (card: ExamCardInput, ...changes: Array<[number, string, string | number]>): Row[] => {
  const rows: Row[] = cardSheetRows(card);
  for (const [i, header, value] of changes) rows[i]![HEADERS.indexOf(header)] = value;
  return rows;
};

const xlsx = async (rows: Row[], headers: string[] = HEADERS): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('个案卡');
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

const csvText = (rows: Row[], headers: string[] = HEADERS): string =>
  [headers, ...rows].map((r) => r.map((v) => `"${String(v).replace(/"/g, '""')}"`).join(',')).join('\r\n') +
  '\r\n';

const upload = async (
  buf: Buffer,
  name: string,
  opts: { dryRun?: boolean; lang?: string; as?: Client } = {},
): Promise<Report> => {
  const c = opts.as ?? exam;
  const { payload, contentType } = multipartFile(buf, name);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/exam-reports/import${opts.dryRun ? '?dryRun=true' : ''}`,
    payload,
    headers: {
      'content-type': contentType,
      'x-csrf-token': c.csrfToken!,
      'accept-language': opts.lang ?? 'zh-CN',
    },
    cookies: { ohp_sid: c.sessionToken! },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Report>();
};

const stored = (prefix: string) =>
  t.deps.db
    .selectFrom('exam_card')
    .select(['record_id', 'source', 'import_batch_id', 'card', 'exam_type_code', 'version'])
    .where('record_id', 'like', `${prefix}%`)
    .orderBy('record_id')
    .execute();

const download = async (url: string): Promise<ExcelJS.Worksheet> => {
  const res = await exam.get(url);
  expect(res.status).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
};
const sheetRows = (ws: ExcelJS.Worksheet): string[][] => {
  const out: string[][] = [];
  ws.eachRow((row) =>
    out.push(
      (row.values as ExcelJS.CellValue[])
        .slice(1)
        .map((v) =>
          v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
        ),
    ),
  );
  return out;
};

describe('the template', () => {
  it('does describe the layout: required marks, notes, text format, dropdowns from the code tables', async () => {
    const res = await exam.get('/api/v1/exam-reports/import/template');
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw.rawPayload as unknown as ArrayBuffer);
    const [data, guide, lists] = wb.worksheets;
    expect(data!.name).toBe('个案卡');
    const head = sheetRows(data!)[0]!;
    expect(head.slice(0, 3)).toEqual(['记录ID*', '体检编号', '姓名*']);
    const col = (h: string) => head.findIndex((x) => x.replace('*', '') === h) + 1;
    expect(data!.getCell(1, col('证件号码')).note).toEqual(expect.stringContaining('WORKER_INFO/ID_CARD'));
    expect(data!.getColumn(col('证件号码')).numFmt).toBe('@');
    // The example card: two rows (two conclusions, two items), codes as the dropdowns show them.
    expect(data!.getCell(2, col('体检类型')).value).toBe('02 在岗期间');
    expect(data!.getCell(3, col('记录ID')).value).toBe('TJ2026-000123');
    expect(data!.getCell(3, col('体检类型')).value ?? '').toBe('');
    const validation = (h: string) => data!.getCell(5, col(h)).dataValidation;
    expect(validation('体检类型')).toMatchObject({
      type: 'list',
      formulae: [expect.stringContaining('01 上岗前')],
    });
    expect(validation('性别').formulae?.[0]).toContain('2 女性');
    expect(validation('危害因素代码').formulae?.[0]).toMatch(/^'代码表'!\$A\$2:\$A\$\d+$/);
    expect(lists!.state).toBe('hidden');
    expect(lists!.getCell('A2').value).toBe('1001 白云石粉尘');
    expect(guide!.name).toBe('填写说明');
  });

  it('does import cleanly: the downloaded template uploaded as it is is one card, accepted', async () => {
    const res = await exam.get('/api/v1/exam-reports/import/template');
    const r = await upload(res.raw.rawPayload, '体检个案卡导入模板.xlsx');
    expect(r).toMatchObject({ total: 1, accepted: 1, rejected: 0, errors: [] });
    const [card] = await stored('TJ2026-000123');
    expect(card).toMatchObject({ source: 'upload', import_batch_id: r.batchId, exam_type_code: '02' });
    const content = card!.card as ExamCardInput;
    expect(content.conclusions.map((c) => c.factorCodes)).toEqual([['1038'], ['3008']]);
    expect(content.items.map((i) => [i.code, i.abnormal, i.referenceMin ?? null])).toEqual([
      ['3080200', '1', null],
      ['3020100', '1', 80],
    ]);
  });
});

describe('cards of several rows', () => {
  it('does keep a card whole across the reader’s batches (3 rows a batch here)', async () => {
    registerExamCardSheetImport(t.deps, { sheetBatchRows: 3 });
    try {
      const extraItems = (c: ExamCardInput) => {
        c.items.push({ ...c.items[1]!, code: '3020200', name: '第一秒用力呼气容积 FEV1（%）' });
        c.items.push({ ...c.items[1]!, code: '3020300', name: 'FEV1/FVC（%）' });
      };
      const rows = [
        ...rowsOf(examCard('M-A')), // rows 2–3
        ...rowsOf(examCard('M-B', (c) => c.items.push({ ...c.items[1]!, code: '3020200' }))), // 4–6
        ...rowsOf(
          examCard('M-C', (c) => {
            c.conclusions = [c.conclusions[1]!];
            c.contactFactorCodes = ['3008'];
            c.items = [c.items[1]!];
          }),
        ), // 7
        // The suspected conclusion on the second row: its remark names that row.
        ...rowsOf(
          examCard('M-D', (c) => {
            extraItems(c);
            c.conclusions.reverse();
            c.conclusions[1]!.suspectedDiseaseCode = '4001';
          }),
        ), // 8–11
      ];
      const r = await upload(await xlsx(rows), 'several.xlsx');
      expect(r).toMatchObject({ total: 4, accepted: 4, rejected: 0 });
      expect(r.warnings?.map((w) => [w.row, w.column, w.reason])).toEqual([
        [8, '第9行 疑似职业病代码', 'suspected_disease_unconfirmed'],
      ]);
      const cards = await stored('M-');
      expect(
        cards.map((c) => {
          const card = c.card as ExamCardInput;
          return [c.record_id, card.conclusions.length, card.items.length];
        }),
      ).toEqual([
        ['M-A', 2, 2],
        ['M-B', 2, 3],
        ['M-C', 1, 1],
        ['M-D', 2, 4],
      ]);
    } finally {
      registerExamCardSheetImport(t.deps);
    }
  });
});

describe('bad rows', () => {
  let report: Report;
  beforeAll(async () => {
    const rows = [
      ...rowsOf(examCard('S-GOOD-1')), // 2–3
      ...rowsOf(examCard('S-BADID'), [0, '证件号码', '220102198503151238']), // 4–5
      ...rowsOf(examCard('S-NUMID'), [0, '证件号码', Number('220102198503151237')]), // 6–7
      ...rowsOf(examCard('S-MISSING'), [0, '体检日期', '']), // 8–9
      ...rowsOf(examCard('S-DIFFERS'), [1, '体检日期', '2026-06-11']), // 10–11
      ...rowsOf(examCard('S-SPLIT')), // 12–13
      ...rowsOf(examCard('S-GOOD-2'), [0, '性别', '男性'], [1, '体检日期', '2026/6/10']), // 14–15
      ...rowsOf(examCard('S-SPLIT')), // 16–17
      ...rowsOf(examCard('S-ITEM'), [1, '结果', 'abc']), // 18–19
      ...rowsOf(examCard('S-LEAD0'), [0, '体检类型', 2]), // 20–21
      ...rowsOf(examCard('S-NAME'), [0, '体检类型', '02 离岗时']), // 22–23
    ];
    report = await upload(await xlsx(rows), 'bad-rows.xlsx', { lang: 'en' });
  });

  it('does refuse each bad card with the row, the Chinese column and the reason, and store the good ones', async () => {
    expect(report).toMatchObject({ total: 11, accepted: 2, rejected: 9 });
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [4, '证件号码', 'id_number_invalid'],
      [6, '证件号码', 'code_stored_as_number'],
      [8, '体检日期', 'value_required'],
      [10, '第11行 体检日期', 'exam_card_value_differs'],
      [12, '记录ID', 'exam_card_rows_not_consecutive'],
      [16, '记录ID', 'exam_card_rows_not_consecutive'],
      [18, '第19行 结果', 'number_invalid'],
      [20, '体检类型', 'code_stored_as_number'],
      [22, '体检类型', 'code_name_mismatch'],
    ]);
    // In the uploader's language.
    expect(report.errors[1]!.message).toContain('Excel stored the code as a number');
    expect((await stored('S-')).map((c) => c.record_id)).toEqual(['S-GOOD-1', 'S-GOOD-2']);
  });

  it('does give the original rows of the rejected cards, each with its reasons, in the error workbook', async () => {
    expect(report.errorFileId).toBe(String(report.batchId));
    const rows = sheetRows(await download(`/api/v1/exam-reports/import/${report.batchId}/errors`));
    const head = rows[0]!;
    expect(head).toEqual(['行号 Row', ...HEADERS, '错误原因 Errors']);
    const byRow = new Map(rows.slice(1).map((r) => [Number(r[0]), r]));
    expect([...byRow.keys()]).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23]);
    const cell = (row: number, header: string) => byRow.get(row)![head.indexOf(header)];
    const reason = (row: number) => byRow.get(row)!.at(-1)!;
    // The original cells, row by row.
    expect(cell(4, '证件号码')).toBe('220102198503151238');
    expect(cell(5, '记录ID')).toBe('S-BADID');
    expect(cell(5, '证件号码')).toBe('');
    expect(cell(19, '结果')).toBe('abc');
    expect(cell(19, '检查项目代码')).toBe('3020100');
    expect(cell(11, '体检日期')).toBe('2026-06-11');
    // The reasons on the row they concern; a row refused for another row's sake says so.
    expect(reason(4)).toMatch(/^证件号码: .*GB 11643/);
    expect(reason(11)).toMatch(/^体检日期: differs from the value an earlier row/);
    expect(reason(19)).toMatch(/^结果: /);
    expect(reason(10)).toBe('Another row of this card has errors; the whole card was not imported');
    expect(reason(12)).toContain('record ID must be consecutive');
    // The pipeline's own workbook (the imports page's download) has one line per card.
    const compact = sheetRows(await download(`/api/v1/imports/${report.batchId}/errors`));
    expect(compact).toHaveLength(1 + 9);
    expect(compact[0]![1]).toBe('各行行号 Rows');
    expect(compact[1]![1]).toBe('4\n5');
  });

  it('does take the error workbook back once it is corrected (its own columns are ignored)', async () => {
    const ws = await download(`/api/v1/exam-reports/import/${report.batchId}/errors`);
    const rows = sheetRows(ws);
    const head = rows[0]!;
    const id = head.indexOf('证件号码');
    const date = head.indexOf('体检日期');
    const fixed = rows.slice(1).filter((r) => r[1] === 'S-BADID' || r[1] === 'S-DIFFERS');
    for (const r of fixed) {
      if (r[1] === 'S-BADID' && r[id]) r[id] = '220102198503151237';
      if (r[1] === 'S-DIFFERS' && r[date]) r[date] = '2026-06-10';
    }
    const again = await upload(await xlsx(fixed, head), 'corrected.xlsx');
    expect(again).toMatchObject({ total: 2, accepted: 2, rejected: 0 });
  });
});

/** GBK (GB18030 two-byte) bytes, from the decoder's own table. */
const encodeGbk = (text: string): Buffer => {
  const table = new Map<string, number[]>();
  const decoder = new TextDecoder('gb18030');
  for (let hi = 0x81; hi <= 0xfe; hi++)
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([hi, lo]));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [hi, lo]);
    }
  const bytes: number[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) bytes.push(cp);
    else if (table.has(ch)) bytes.push(...table.get(ch)!);
    else throw new Error(`not in GBK: ${ch}`);
  }
  return Buffer.from(bytes);
};

describe('csv, dry run and re-upload', () => {
  it('does read a GBK csv, and refuses a cell whose bytes do not decode with its row and column', async () => {
    const text = csvText([
      ...rowsOf(examCard('G-1')), // rows 2–3
      ...rowsOf(examCard('G-2'), [0, '姓名', '王晓红']), // 4–5
      ...rowsOf(examCard('G-3'), [1, '结果', '@@']), // 6–7
    ]);
    const [before, after] = text.split('@@') as [string, string];
    const bytes = Buffer.concat([encodeGbk(before), Buffer.from([0xff, 0xff]), encodeGbk(after)]);
    expect(bytes.toString('utf8')).not.toContain('姓名');
    const r = await upload(bytes, 'gbk.csv');
    expect(r).toMatchObject({ total: 3, accepted: 2, rejected: 1 });
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([[6, '第7行 结果', 'text_undecodable']]);
    const cards = await stored('G-');
    expect(cards.map((c) => c.record_id)).toEqual(['G-1', 'G-2']);
    expect((cards[1]!.card as ExamCardInput).employer.name).toBe('长春示例矿业有限公司');
  });

  it('does store nothing on a dry run, and never duplicates a card on a re-upload', async () => {
    const file = Buffer.from(`\uFEFF${csvText([...rowsOf(examCard('D-1')), ...rowsOf(examCard('D-2'))])}`);
    const dry = await upload(file, 'dry.csv', { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, total: 2, accepted: 2, rejected: 0 });
    expect(await stored('D-')).toEqual([]);

    const first = await upload(file, 'dry.csv');
    expect(first).toMatchObject({ dryRun: false, accepted: 2 });
    // The same file again: the first batch and its report.
    const again = await upload(file, 'dry-again.csv');
    expect(again.batchId).toBe(first.batchId);
    // Another file with the same cards, one of them changed: unchanged and updated, never a duplicate.
    const changed = Buffer.from(
      csvText([...rowsOf(examCard('D-1')), ...rowsOf(examCard('D-2'), [0, '备注', '复查后更正'])]),
    );
    const third = await upload(changed, 'changed.csv');
    expect(third).toMatchObject({ accepted: 0, unchanged: 1, updated: 1, rejected: 0 });
    expect((await stored('D-')).map((c) => [c.record_id, c.version])).toEqual([
      ['D-1', 1],
      ['D-2', 2],
    ]);
  });

  it('does refuse the cards of an uploader who is not an exam institution', async () => {
    const employer = await buildOrganisation(t.deps, { kind: 'employer' });
    const user = await buildUser(t.deps, { organisationId: employer, roleKeys: ['exam_staff'] });
    const c = await t.login(user.username);
    const r = await upload(await xlsx(rowsOf(examCard('F-1'))), 'forbidden.xlsx', { as: c });
    expect(r).toMatchObject({ accepted: 0, rejected: 1 });
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([[2, '记录ID', 'forbidden']]);
    expect(await stored('F-')).toEqual([]);
  });
});

describe('the CLI door', () => {
  it('does print the counts, write the error workbook and answer 1 when a card was rejected', async () => {
    const file = join(dir, 'cards.xlsx');
    writeFileSync(
      file,
      await xlsx([
        ...rowsOf(examCard('CLI-1')),
        ...rowsOf(examCard('CLI-2'), [0, '证件号码', Number('220102198503151237')]),
      ]),
    );
    const out: string[] = [];
    const errors = join(dir, 'cards.errors.xlsx');
    const run = (dryRun: boolean) =>
      runExamCardImport(
        t.deps,
        { file, dryRun, as: 'demo-exam', errors, lang: 'zh-CN' },
        { out: (l) => out.push(l), err: () => undefined },
      );
    try {
      expect(await run(true)).toBe(1);
      expect(out).toContain(
        'cards=2 accepted=1 updated=0 unchanged=0 rejected=1 warnings=0 (dry run: nothing written)',
      );
      expect(await stored('CLI-')).toEqual([]);
      out.length = 0;
      expect(await run(false)).toBe(1);
      expect(out[1]).toBe('cards=2 accepted=1 updated=0 unchanged=0 rejected=1 warnings=0');
      expect(out[2]).toMatch(/^error {3}row 4 {2}证件号码 {2}代码被 Excel 存成了数字/);
      expect((await stored('CLI-')).map((c) => [c.record_id, c.source])).toEqual([['CLI-1', 'cli']]);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(readFileSync(errors) as unknown as ArrayBuffer);
      expect(sheetRows(wb.worksheets[0]!).map((r) => r[0])).toEqual(['行号 Row', '4', '5']);
    } finally {
      // The CLI stops the runner it started; the test context's runner goes on.
      await t.deps.jobs.start();
    }
  });
});
