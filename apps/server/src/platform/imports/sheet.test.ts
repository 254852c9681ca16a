/**
 * The sheet reader and writers without a database: linear work, limits, GB18030, CSV grammar, formula
 * neutralisation, and the worker that keeps the HTTP thread free.
 */
import { createRequire } from 'node:module';
import { parseCsv } from '@ohp/reference';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSheet, SheetError, streamParseSheet, type SheetLimits, type SheetRow } from './sheet-parse.js';
import { buildCsv, buildWorkbook, neutraliseCell } from './sheet-write.js';
import { INLINE_WRITE_ROWS, liveSheetWorkers, readSheet, streamSheet, writeWorkbook } from './sheet.js';

const LIMITS: SheetLimits = { maxRows: 1_000_000, maxCells: 100_000_000 };
const HEADERS = ['单位名称', '单位类型', '行政区划代码', '统一社会信用代码', '是否公立', '行业代码'];

const bigWorkbook = async (rows: number): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('单位');
  ws.addRow(HEADERS);
  for (let i = 0; i < rows; i++) ws.addRow([`测试单位${i}`, '用人单位', '220102', '', '否', 2614 + (i % 7)]);
  return Buffer.from(await wb.xlsx.writeBuffer());
};

/**
 * Counts, independently of the reader's own counter, how often exceljs is asked for a row's cell count
 * or a cell: `ws.columnCount` inside the cell loop (the old reader) asks every row of the sheet again
 * for every cell, which is what made 10,000 rows take 77 s.
 */
const exceljsRowCalls = () => {
  const Row = createRequire(import.meta.url)('exceljs/lib/doc/row.js') as { prototype: object };
  const proto = Row.prototype;
  const saved = ['cellCount', 'values', 'getCell'].map(
    (k) => [k, Object.getOwnPropertyDescriptor(proto, k)!] as const,
  );
  const counter = { calls: 0 };
  for (const [k, d] of saved) {
    // eslint-disable-next-line @typescript-eslint/unbound-method -- called with .call(this) below
    const get = d.get as ((this: unknown) => unknown) | undefined;
    if (get) {
      Object.defineProperty(proto, k, {
        ...d,
        get(this: unknown) {
          counter.calls++;
          return get.call(this);
        },
      });
    } else {
      const fn = d.value as (...a: unknown[]) => unknown;
      Object.defineProperty(proto, k, {
        ...d,
        value(this: unknown, ...a: unknown[]) {
          counter.calls++;
          return fn.apply(this, a);
        },
      });
    }
  }
  return {
    counter,
    restore: () => {
      for (const [k, d] of saved) Object.defineProperty(proto, k, d);
    },
  };
};

describe('reading an xlsx upload', () => {
  let restore: (() => void) | null = null;
  afterEach(() => {
    restore?.();
    restore = null;
  });

  it('does work proportional to the rows: 20,000 rows cost twice what 10,000 cost', async () => {
    const spy = exceljsRowCalls();
    restore = spy.restore;
    const measure = async (rows: number) => {
      const buf = await bigWorkbook(rows);
      spy.counter.calls = 0;
      const sheet = await parseSheet(buf, 'big.xlsx', LIMITS);
      expect(sheet.rows).toHaveLength(rows);
      // Every Chinese character intact, also where one straddles two inflated chunks of the file.
      const wrong = sheet.rows.filter((r, i) => r.values['单位名称'] !== `测试单位${i}`);
      expect(wrong.map((r) => r.values['单位名称'])).toEqual([]);
      return { reader: sheet.stats.work, exceljs: spy.counter.calls };
    };
    const small = await measure(10_000);
    const large = await measure(20_000);
    for (const k of ['reader', 'exceljs'] as const) {
      const ratio = large[k] / small[k];
      expect(ratio, `${k}: ${small[k]} → ${large[k]}`).toBeGreaterThan(1.9);
      expect(ratio, `${k}: ${small[k]} → ${large[k]}`).toBeLessThan(2.1);
    }
    // A handful of operations per cell, not a rescan of the sheet per cell.
    expect(large.reader / (20_000 * HEADERS.length)).toBeLessThan(4);
    expect(large.exceljs / (20_000 * HEADERS.length)).toBeLessThan(4);
  });

  it('reads the first sheet with dates, numbers stored as numbers, rich text and empty rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('单位');
    ws.addRow(['单位\n名称*', '成立日期', '统一社会信用代码']);
    ws.addRow([
      { richText: [{ text: 'ＡＢＣ' }, { text: '  公司 ' }] },
      new Date('2020-03-07'),
      912201020100000000,
    ]);
    ws.addRow([]);
    ws.addRow(["'=1+2", '', '']);
    wb.addWorksheet('说明').addRow(['不读这一页']);
    const sheet = await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'a.xlsx', LIMITS);
    expect(sheet.headers).toEqual(['单位名称', '成立日期', '统一社会信用代码']);
    expect(sheet.rows.map((r) => r.rowNo)).toEqual([2, 4]);
    expect(sheet.rows[0]!.values).toMatchObject({ 单位名称: 'ABC 公司', 成立日期: '2020-03-07' });
    expect([...sheet.rows[0]!.numericColumns]).toEqual(['统一社会信用代码']);
    // The quote an export put before formula-like text is removed again.
    expect(sheet.rows[1]!.values['单位名称']).toBe('=1+2');
  });

  it('stops at the row and cell limits', async () => {
    const buf = await bigWorkbook(30);
    await expect(parseSheet(buf, 'a.xlsx', { maxRows: 29, maxCells: 1e6 })).rejects.toMatchObject({
      reason: 'import_too_many_rows',
    });
    await expect(parseSheet(buf, 'a.xlsx', { maxRows: 30, maxCells: 1e6 })).resolves.toBeDefined();
    await expect(parseSheet(buf, 'a.xlsx', { maxRows: 1e6, maxCells: 100 })).rejects.toMatchObject({
      reason: 'import_too_many_cells',
    });
    const csv = Buffer.from(`a,b\r\n${'1,2\r\n'.repeat(11)}`);
    await expect(parseSheet(csv, 'a.csv', { maxRows: 10, maxCells: 1e6 })).rejects.toMatchObject({
      reason: 'import_too_many_rows',
    });
    const wide = Buffer.from(`a\r\n${','.repeat(5000)}x\r\n`);
    await expect(parseSheet(wide, 'a.csv', { maxRows: 10, maxCells: 1000 })).rejects.toMatchObject({
      reason: 'import_too_many_cells',
    });
  });

  it('refuses files that are not xlsx or csv, and garbage named .xlsx', async () => {
    await expect(parseSheet(Buffer.from('x'), 'a.xls', LIMITS)).rejects.toMatchObject({
      reason: 'unsupported_file_type',
    });
    for (const junk of [
      Buffer.from('not a zip at all'),
      Buffer.from('PK\u0003\u0004garbage'),
      Buffer.alloc(0),
    ]) {
      const r = await parseSheet(junk, 'a.xlsx', LIMITS).then(
        (s) => ({ rows: s.rows.length }),
        (e: { reason?: string }) => ({ reason: e.reason }),
      );
      expect([{ rows: 0 }, { reason: 'unreadable_file' }]).toContainEqual(r);
    }
  });
});

describe('reading a CSV upload', () => {
  /** GB18030 bytes: 中 is two bytes, 𠀀 (U+20000, outside the BMP) four. */
  const gb = (parts: Array<string | number[]>) =>
    Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));
  const ZHONG = [0xd6, 0xd0];
  const U20000 = [0x95, 0x32, 0x82, 0x36];

  it('decodes GB18030, four-byte characters included, and flags the cell holding undecodable bytes', async () => {
    const buf = gb([
      'name,code\r\n',
      ZHONG,
      U20000,
      ',1\r\n',
      'bad',
      [0xff],
      ',2\r\n',
      ZHONG,
      ',',
      [0x81],
      '\r\n',
    ]);
    const sheet = await parseSheet(buf, 'a.csv', LIMITS);
    expect(sheet.rows.map((r) => r.values)).toEqual([
      { name: '中𠀀', code: '1' },
      { name: 'bad\uFFFD', code: '2' },
      { name: '中', code: '\uFFFD' },
    ]);
    expect(sheet.rows.map((r) => [...r.undecodableColumns])).toEqual([[], ['name'], ['code']]);
  });

  it('reads UTF-8 with or without a BOM, and a CSV whose quoted field never closes is unreadable', async () => {
    for (const bom of ['', '\uFEFF']) {
      const sheet = await parseSheet(Buffer.from(`${bom}名称,代码\n"甲,乙",1\r\n`), 'a.csv', LIMITS);
      expect(sheet.headers).toEqual(['名称', '代码']);
      expect(sheet.rows[0]!.values).toEqual({ 名称: '甲,乙', 代码: '1' });
    }
    await expect(parseSheet(Buffer.from('a\r\n"open\r\n'), 'a.csv', LIMITS)).rejects.toMatchObject({
      reason: 'unreadable_file',
    });
  });

  it('follows the grammar of @ohp/reference parseCsv wherever the chunks split the file', async () => {
    const text = fc.array(fc.constantFrom('a', '中', ',', '"', '""', '\r', '\n', '\r\n', ' ', 'x'), {
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(text, fc.integer({ min: 1, max: 9 }), async (parts, chunk) => {
        const s = `h1,h2,h3\n${parts.join('')}`;
        const buf = Buffer.from(s);
        let reference: string[][] | null;
        try {
          reference = parseCsv(s);
        } catch {
          reference = null;
        }
        const whole = await parseSheet(buf, 'a.csv', LIMITS).catch(() => null);
        const split = await parseSheet(buf, 'a.csv', LIMITS, { csvChunkBytes: chunk }).catch(() => null);
        expect(whole === null).toBe(reference === null);
        expect(split).toEqual(whole);
        if (reference && whole) {
          const clean = (t: string) => t.replace(/\s+/g, ' ').trim();
          const expected = reference
            .map((cells, i) => ({ rowNo: i + 1, cells: cells.map(clean) }))
            .filter((r) => r.cells.some((c) => c !== ''))
            .slice(1)
            .map((r) => ({
              rowNo: r.rowNo,
              h1: r.cells[0] ?? '',
              h2: r.cells[1] ?? '',
              h3: r.cells[2] ?? '',
            }));
          expect(whole.rows.map((r) => ({ rowNo: r.rowNo, ...r.values }))).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('writing exports (OWASP CSV injection)', () => {
  const risky = ['=HYPERLINK("http://x","y")', '+86 431 8888', '-1+2', '@SUM(A1)', '\tTAB', '\rCR'];

  it('prefixes a single quote to text a spreadsheet would run, and leaves other values alone', () => {
    expect(risky.map(neutraliseCell)).toEqual(risky.map((v) => `'${v}`));
    expect(['安全', 'a=b', "'=x", '', null, -5, 12].map(neutraliseCell)).toEqual([
      '安全',
      'a=b',
      "'=x",
      '',
      null,
      -5,
      12,
    ]);
  });

  it('writes such text as quoted string cells in xlsx and csv, and reading them back gives the values as typed', async () => {
    const xlsx = await buildWorkbook('t', ['名称', '数'], [...risky.map((v) => [v, -5])]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    for (let i = 0; i < risky.length; i++) {
      const cell = ws.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      // (XML turns a bare CR into a line feed: an xlsx cannot hold CR as typed.)
      expect(cell.value).toBe(`'${risky[i]!.replace('\r', '\n')}`);
      expect(ws.getRow(i + 2).getCell(2).value).toBe(-5);
    }
    const csv = buildCsv(
      ['名称'],
      risky.map((v) => [v]),
    );
    const lines = parseCsv(csv.toString('utf8').replace(/^\uFEFF/, ''));
    expect(lines.slice(1).map((l) => l[0])).toEqual(risky.map((v) => `'${v}`));
    // Back through the import reader: the quote is dropped (white space is normalised as for any cell).
    const back = await parseSheet(xlsx, 'a.xlsx', LIMITS);
    expect(back.rows.map((r) => r.values['名称'])).toEqual(risky.map((v) => v.replace(/\s+/g, ' ').trim()));
  });
});

describe('the sheet worker', () => {
  it('reads in a worker thread, so the HTTP thread keeps running while a big file is parsed', async () => {
    const buf = await bigWorkbook(20_000);
    let ticks = 0;
    let last = performance.now();
    let maxGap = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      ticks++;
    }, 10);
    try {
      const sheet = await readSheet(buf, 'big.xlsx', { ...LIMITS, parseTimeoutSeconds: 120 });
      expect(sheet.rows).toHaveLength(20_000);
      expect(sheet.rows[0]!.numericColumns).toBeInstanceOf(Set);
    } finally {
      clearInterval(timer);
    }
    // The main thread was never blocked for long (parsing 20,000 rows in this thread blocks it for
    // seconds; the old reader blocked it for minutes).
    expect(ticks).toBeGreaterThan(5);
    expect(maxGap).toBeLessThan(1_000);
  });

  it('refuses a file over the limits from the worker, and writes workbooks there too', async () => {
    const buf = await bigWorkbook(30);
    await expect(
      readSheet(buf, 'a.xlsx', { maxRows: 10, maxCells: 1e6, parseTimeoutSeconds: 60 }),
    ).rejects.toMatchObject({ reason: 'import_too_many_rows' });
    // A small workbook is written here, a bigger one in the worker: the same cells either way.
    for (const n of [2, INLINE_WRITE_ROWS + 1]) {
      const rows: Array<Array<string | number>> = [['=1'], ...Array.from({ length: n - 1 }, (_, i) => [i])];
      const out = await writeWorkbook('t', ['a'], rows);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(out as unknown as ArrayBuffer);
      expect(wb.worksheets[0]!.getRow(2).getCell(1).value).toBe("'=1");
      expect(wb.worksheets[0]!.rowCount).toBe(n + 1);
      expect(wb.worksheets[0]!.getRow(n + 1).getCell(1).value).toBe(n - 2);
    }
  });
});

describe('streaming an upload in batches', () => {
  /** GB18030 bytes: 中 is two bytes; 0xff decodes to nothing (U+FFFD). */
  const ZHONG = [0xd6, 0xd0];
  /**
   * A GB18030 CSV with `rows` data rows: quoted fields with line breaks, an undecodable byte every
   * tenth row, and an empty record every seventh (so row numbers skip).
   */
  const gbCsv = (rows: number): Buffer => {
    const parts: Buffer[] = [Buffer.from('name,code,note\r\n')];
    for (let i = 0; i < rows; i++) {
      if (i % 7 === 3) parts.push(Buffer.from(',,\r\n'));
      parts.push(Buffer.from(ZHONG), Buffer.from(`${i}`, 'latin1'));
      if (i % 10 === 4) parts.push(Buffer.from([0xff]));
      parts.push(Buffer.from(`,${1000 + i},"a\r\nb${i}"\r\n`, 'latin1'));
    }
    return Buffer.concat(parts);
  };
  const READ = { ...LIMITS, parseTimeoutSeconds: 60 };
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  /** A sink that keeps what it was handed. */
  const collect = () => {
    const batches: Array<{ headers: string[]; rows: SheetRow[] }> = [];
    const sink = async (headers: string[], rows: SheetRow[]): Promise<void> => {
      batches.push({ headers, rows });
      await Promise.resolve();
    };
    return { batches, sink, rows: () => batches.flatMap((b) => b.rows) };
  };

  it('does hand over the rows readSheet returns, batchRows at a time, for xlsx and GB18030 csv', async () => {
    for (const [buf, name] of [
      [await bigWorkbook(50), 'a.xlsx'],
      [gbCsv(50), 'a.csv'],
    ] as const) {
      const whole = await readSheet(buf, name, READ);
      expect(whole.rows).toHaveLength(50);
      const got = collect();
      const result = await streamSheet(buf, name, READ, got.sink, { batchRows: 7 });
      expect(result).toMatchObject({ headers: whole.headers, total: 50, stats: whole.stats });
      expect(
        got.batches.map((b) => b.rows.length),
        name,
      ).toEqual([7, 7, 7, 7, 7, 7, 7, 1]);
      for (const b of got.batches) expect(b.headers).toEqual(whole.headers);
      // Row numbers, values, numeric and undecodable columns (Sets after the structured clone).
      expect(got.rows()).toEqual(whole.rows);
      expect(got.rows()[0]!.numericColumns).toBeInstanceOf(Set);
    }
    // What the files hold, so that the comparison above compares something.
    const csv = await readSheet(gbCsv(50), 'a.csv', READ);
    expect(csv.rows.filter((r) => r.undecodableColumns.has('name'))).toHaveLength(5);
    expect(csv.rows.at(-1)).toMatchObject({ values: { name: '中49', code: '1049', note: 'a b49' } });
    expect(csv.rows.at(-1)!.rowNo).toBeGreaterThan(51);
    const xlsx = await readSheet(await bigWorkbook(50), 'a.xlsx', READ);
    expect([...xlsx.rows[0]!.numericColumns]).toEqual(['行业代码']);
  });

  it('does hand over batches of batchRows wherever the csv chunks split the file, short rows in one big chunk too', async () => {
    const text = fc.array(fc.constantFrom('a', '中', ',', '"', '""', '\r', '\n', '\r\n', ' ', 'x'), {
      maxLength: 60,
    });
    const chunks = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constant(1 << 20));
    await fc.assert(
      fc.asyncProperty(text, chunks, fc.integer({ min: 1, max: 4 }), async (parts, chunk, batchRows) => {
        const buf = Buffer.from(`h1,h2,h3\n${parts.join('')}`);
        const whole = await parseSheet(buf, 'a.csv', LIMITS).catch((e: SheetError) => e.reason);
        const got = collect();
        const streamed = await streamParseSheet(buf, 'a.csv', LIMITS, got.sink, {
          csvChunkBytes: chunk,
          batchRows,
        }).catch((e: SheetError) => e.reason);
        if (typeof whole === 'string') {
          expect(streamed).toBe(whole);
          return;
        }
        expect(streamed).toEqual({ headers: whole.headers, total: whole.rows.length, stats: whole.stats });
        expect(got.rows()).toEqual(whole.rows);
        const sizes = got.batches.map((b) => b.rows.length);
        expect(sizes.slice(0, -1).every((n) => n === batchRows)).toBe(true);
        expect(sizes.every((n) => n >= 1 && n <= batchRows)).toBe(true);
      }),
      { numRuns: 300 },
    );
    // 5,000 short records decoded as one chunk still arrive 100 at a time.
    const got = collect();
    const short = Buffer.from(`a,b\n${'1,2\n'.repeat(5_000)}`);
    await streamParseSheet(short, 'a.csv', LIMITS, got.sink, { batchRows: 100 });
    expect(got.batches.map((b) => b.rows.length)).toEqual(new Array(50).fill(100));
  });

  it('does not read on while a batch is being dealt with', async () => {
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let first!: () => void;
    const firstCall = new Promise<void>((r) => (first = r));
    const done = streamSheet(
      gbCsv(2_000),
      'a.csv',
      READ,
      async () => {
        calls += 1;
        if (calls === 1) {
          first();
          await gate;
        }
      },
      { batchRows: 100 },
    );
    await firstCall;
    // Time enough for the worker to parse the whole file, were it not waiting.
    await sleep(500);
    expect(calls).toBe(1);
    release();
    await expect(done).resolves.toMatchObject({ total: 2_000 });
    expect(calls).toBe(20);
  });

  it('does not count the time spent in onBatch against the parse deadline', async () => {
    // Four batches of 1.5 s each: past the worker's 1 s deadline and past the 6 s backstop.
    let calls = 0;
    const result = await streamSheet(
      gbCsv(28),
      'a.csv',
      { ...LIMITS, parseTimeoutSeconds: 1 },
      async () => {
        calls += 1;
        await sleep(1_500);
      },
      { batchRows: 7 },
    );
    expect(result.total).toBe(28);
    expect(calls).toBe(4);
  });

  it('does refuse a file over the row limit after delivering the batches before the refusal', async () => {
    const buf = await bigWorkbook(30);
    const whole = await readSheet(buf, 'a.xlsx', READ);
    const got = collect();
    const refused = await streamSheet(
      buf,
      'a.xlsx',
      { maxRows: 20, maxCells: 1e6, parseTimeoutSeconds: 60 },
      got.sink,
      { batchRows: 7 },
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SheetError);
    expect(refused).toMatchObject({ reason: 'import_too_many_rows' });
    expect(got.batches.map((b) => b.rows.length)).toEqual([7, 7]);
    expect(got.rows()).toEqual(whole.rows.slice(0, 14));
    // A csv too, and a refusal before any batch.
    const csv = collect();
    await expect(
      streamSheet(gbCsv(30), 'a.csv', { maxRows: 25, maxCells: 1e6, parseTimeoutSeconds: 60 }, csv.sink, {
        batchRows: 10,
      }),
    ).rejects.toMatchObject({ reason: 'import_too_many_rows' });
    expect(csv.batches.map((b) => b.rows.length)).toEqual([10, 10]);
    await expect(streamSheet(Buffer.from('x'), 'a.xls', READ, csv.sink)).rejects.toMatchObject({
      reason: 'unsupported_file_type',
    });
    expect(liveSheetWorkers()).toBe(0);
  });

  it('does reject with the error onBatch threw, and ends the worker', async () => {
    const boom = new Error('staging failed');
    for (const [buf, name] of [
      [gbCsv(50), 'a.csv'],
      [await bigWorkbook(50), 'a.xlsx'],
    ] as const) {
      let calls = 0;
      const failing = async () => {
        calls += 1;
        await Promise.resolve();
        if (calls === 2) throw boom;
      };
      await expect(streamSheet(buf, name, READ, failing, { batchRows: 7 })).rejects.toBe(boom);
      expect(calls).toBe(2);
      expect(liveSheetWorkers()).toBe(0);
      // Also in this thread: the sink's error as it is, not an unreadable file.
      calls = 0;
      await expect(streamParseSheet(buf, name, LIMITS, failing, { batchRows: 7 })).rejects.toBe(boom);
      expect(calls).toBe(2);
    }
    // A sink that throws before it returns a promise.
    const sync = (): Promise<void> => {
      throw boom;
    };
    await expect(streamSheet(gbCsv(10), 'a.csv', READ, sync)).rejects.toBe(boom);
    expect(liveSheetWorkers()).toBe(0);
    // The worker slots are free again.
    await expect(streamSheet(gbCsv(10), 'a.csv', READ, collect().sink)).resolves.toMatchObject({ total: 10 });
  });
});

describe('reading the zip by its directory (exceljs 4.4 walks it with an iterator that loses parts)', () => {
  type Zip = {
    files: Record<string, unknown>;
    file(name: string): { async(t: 'string'): Promise<string> } | null;
    file(name: string, data: string): void;
    remove(name: string): void;
    generateAsync(o: { type: 'nodebuffer' }): Promise<Buffer>;
  };
  const JSZip = createRequire(createRequire(import.meta.url).resolve('exceljs'))('jszip') as {
    loadAsync(b: Buffer): Promise<Zip>;
  };
  const names = (s: { rows: SheetRow[] }) => s.rows.map((r) => r.values['名称']);

  it('reads every time a zip whose workbook part comes last (exceljs lost it or the shared strings on a third of such reads)', async () => {
    // exceljs's own writer puts xl/workbook.xml last; JSZip (as other tools) keeps folder entries and
    // stores without compression — the layout on which exceljs's reader failed most.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('t');
    ws.addRow(['名称', '数']);
    for (const n of ['甲', '乙', '丙']) ws.addRow([n, 1]);
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(Object.keys(zip.files).at(-1)).toBe('xl/workbook.xml');
    const buf = await zip.generateAsync({ type: 'nodebuffer' });
    for (let i = 0; i < 200; i++)
      expect(names(await parseSheet(buf, 'a.xlsx', LIMITS))).toEqual(['甲', '乙', '丙']);
  });

  it("takes the workbook's first sheet whatever the order of the sheet parts in the zip", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('一').addRows([['名称'], ['第一']]);
    wb.addWorksheet('二').addRows([['名称'], ['第二']]);
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    // Swap the sheets in the workbook part: 二 (sheet2.xml) is now the first sheet the user sees.
    const xml = await zip.file('xl/workbook.xml')!.async('string');
    const tags = xml.match(/<sheet [^>]*\/>/g)!;
    expect(tags).toHaveLength(2);
    zip.file(
      'xl/workbook.xml',
      xml.replace(tags[0], '\u0000').replace(tags[1]!, tags[0]).replace('\u0000', tags[1]!),
    );
    expect(
      names(await parseSheet(await zip.generateAsync({ type: 'nodebuffer' }), 'a.xlsx', LIMITS)),
    ).toEqual(['第二']);
    expect(names(await parseSheet(Buffer.from(await wb.xlsx.writeBuffer()), 'a.xlsx', LIMITS))).toEqual([
      '第一',
    ]);
  });

  it('reads a zip without a shared-strings or styles part, and reads one without any sheet part as empty', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('t').addRows([['名称'], ['甲']]);
    const zip = await JSZip.loadAsync(Buffer.from(await wb.xlsx.writeBuffer()));
    // Inline strings instead of shared ones.
    const sheet = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    const inline = sheet.replace(
      /<c r="(A\d)"([^>]*?) t="s"><v>(\d+)<\/v><\/c>/g,
      (_m, r: string, a: string, i: string) =>
        `<c r="${r}"${a} t="inlineStr"><is><t>${['名称', '甲'][Number(i)]}</t></is></c>`,
    );
    expect(inline).not.toBe(sheet);
    zip.file('xl/worksheets/sheet1.xml', inline);
    zip.remove('xl/sharedStrings.xml');
    zip.remove('xl/styles.xml');
    expect(
      names(await parseSheet(await zip.generateAsync({ type: 'nodebuffer' }), 'a.xlsx', LIMITS)),
    ).toEqual(['甲']);
    zip.remove('xl/worksheets/sheet1.xml');
    const none = await parseSheet(await zip.generateAsync({ type: 'nodebuffer' }), 'a.xlsx', LIMITS);
    expect(none.headers).toEqual([]);
    expect(none.rows).toEqual([]);
  });
});
