/**
 * The streaming writers (streamCsv, streamWorkbook) without a database: the same file as the Buffer
 * writers (CSV byte for byte, xlsx cell for cell), page reads that follow the reader (a paused reader
 * stops them, a reader that leaves ends them), and a failing page that ends the stream with its error.
 * No timings are asserted: only what was read, in which order.
 */
import type { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseSheet } from './sheet-parse.js';
import {
  buildCsv,
  buildWorkbook,
  streamCsv,
  streamWorkbook,
  type CellOut,
  type RowPages,
  type SheetOut,
} from './sheet-write.js';

const HEADERS = ['名称', '代码', '数', '地址'];

/** Rows with every kind of cell a writer must treat specially. */
const tricky: CellOut[][] = [
  ['普通单位', '91220101MA0000001X', 12, '长春市南关区示例路1号'],
  ['=HYPERLINK("http://evil.example","点我")', '+86', -5, '@SUM(A1)'],
  ['引号"和,逗号', null, 0, '换行\r\n第二行'],
  ['\t制表符开头', '-2+3', 3.25, ''],
  ["'=已有引号", '0012', null, '𠀀生僻字'],
];

const pagesOf = (rows: CellOut[][], size: number): CellOut[][][] => {
  const out: CellOut[][][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
};

/** A page source that records how many pages were taken and whether the writer ended it. */
const counted = (pages: CellOut[][][]) => {
  const seen = { pulled: 0, ended: false };
  let release!: () => void;
  const ended = new Promise<void>((r) => (release = r));
  async function* gen(): AsyncGenerator<CellOut[][]> {
    try {
      for (const p of pages) {
        seen.pulled++;
        yield p;
      }
    } finally {
      seen.ended = true;
      release();
    }
  }
  return { pages: gen() as RowPages, seen, ended };
};

type ReadSheet = {
  name: string;
  widths: Array<number | undefined>;
  formats: Array<string | undefined>;
  rows: Array<Array<{ type: number; value: unknown }>>;
  headBold: boolean | undefined;
};

const readXlsx = async (body: Buffer): Promise<ReadSheet[]> => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const rows: ReadSheet['rows'] = [];
    const columns = ws.columnCount; // (a getter that walks every row)
    ws.eachRow({ includeEmpty: true }, (row) => {
      const cells: ReadSheet['rows'][number] = [];
      for (let c = 1; c <= columns; c++) {
        const cell = row.getCell(c);
        cells.push({ type: cell.type, value: cell.value });
      }
      rows.push(cells);
    });
    return {
      name: ws.name,
      widths: ws.columns.map((c) => c.width),
      formats: ws.columns.map((c) => c.numFmt),
      rows,
      headBold: ws.getRow(1).font?.bold,
    };
  });
};

/** Lets the writer run until it takes no further page (it waits for its reader, or is done). */
const settle = async (seen: { pulled: number }): Promise<void> => {
  let quiet = 0;
  let last = -1;
  for (let i = 0; i < 5_000 && quiet < 50; i++) {
    await new Promise((r) => setTimeout(r, i % 10 === 0 ? 1 : 0));
    quiet = seen.pulled === last ? quiet + 1 : 0;
    last = seen.pulled;
  }
};

/** Rows that do not compress away (an xlsx is a zip): distinct text in every cell. */
const bulky = (pages: number, perPage: number): CellOut[][][] =>
  Array.from({ length: pages }, (_, p) =>
    Array.from({ length: perPage }, (_, i) => {
      const n = p * perPage + i;
      const noise = (n * 2_654_435_761).toString(36) + (n * 40_503).toString(16);
      return [`单位${n}-${noise}`, noise.repeat(3), n, `地址${noise}${n}`.repeat(4)];
    }),
  );

describe('streamCsv', () => {
  it('writes the bytes buildCsv writes, however the rows are paged', async () => {
    const expected = buildCsv(HEADERS, tricky);
    for (const size of [1, 2, 5, 100]) {
      const got = await buffer(streamCsv(HEADERS, counted(pagesOf(tricky, size)).pages));
      expect(got.equals(expected), `pages of ${size}`).toBe(true);
    }
    // Empty pages and no rows at all.
    const empty = await buffer(streamCsv(HEADERS, counted([[], []]).pages));
    expect(empty.equals(buildCsv(HEADERS, []))).toBe(true);
  });

  it('stops reading pages while its reader does not read, and reads the rest once it does', async () => {
    const pages = bulky(200, 200);
    const src = counted(pages);
    const stream = streamCsv(HEADERS, src.pages);
    stream.pause();
    await settle(src.seen);
    expect(src.seen.pulled).toBeGreaterThan(0);
    expect(src.seen.pulled).toBeLessThan(pages.length);
    const got = await buffer(stream);
    expect(src.seen.pulled).toBe(pages.length);
    expect(got.equals(buildCsv(HEADERS, pages.flat()))).toBe(true);
  });

  it('ends the page reads when its reader leaves', async () => {
    const src = counted(bulky(200, 200));
    const stream = streamCsv(HEADERS, src.pages);
    await new Promise<void>((r) => stream.once('data', () => r()));
    stream.destroy();
    await src.ended;
    expect(src.seen.pulled).toBeLessThan(200);
  });

  it('ends the stream with the error of a page that cannot be read', async () => {
    async function* failing(): AsyncGenerator<CellOut[][]> {
      yield [['第一页', null, 1, null]];
      throw new Error('page 2 failed');
    }
    await expect(buffer(streamCsv(HEADERS, failing()))).rejects.toThrow('page 2 failed');
  });
});

describe('streamWorkbook', () => {
  const filter: SheetOut = {
    name: '筛选条件',
    headers: ['项目', '值'],
    rows: [
      ['关键词', '=cmd'],
      ['导出记录数', 5],
    ],
    widths: [24, 80],
  };

  it('holds what buildWorkbook holds: sheets, widths, text format, bold header, neutralised cells', async () => {
    const widths = [30, 22, 10, 50];
    const expected = await readXlsx(
      await buildWorkbook('单位', HEADERS, tricky, { widths, extra: [filter] }),
    );
    // The one difference: an empty text is an empty cell (no shared string to point at).
    for (const s of expected)
      for (const r of s.rows)
        for (const c of r)
          if (c.value === '') Object.assign(c, { type: ExcelJS.ValueType.Null, value: null });
    for (const size of [1, 3, 100]) {
      const got = await readXlsx(
        await buffer(
          streamWorkbook(
            { name: '单位', headers: HEADERS, widths },
            counted(pagesOf(tricky, size)).pages,
            () => [filter],
          ),
        ),
      );
      expect(got, `pages of ${size}`).toEqual(expected);
    }
    // The cells are strings as typed (with the quote), never formulas.
    expect(expected[0]!.rows[2]![0]).toEqual({ type: ExcelJS.ValueType.String, value: `'${tricky[1]![0]}` });
    const none = await readXlsx(
      await buffer(streamWorkbook({ name: '单位', headers: HEADERS }, counted([]).pages)),
    );
    expect(none).toEqual(await readXlsx(await buildWorkbook('单位', HEADERS, [])));
  });

  it('writes the later sheets after the data, with what the data pages said', async () => {
    let rows = 0;
    async function* pages(): AsyncGenerator<CellOut[][]> {
      for (const p of pagesOf(tricky, 2)) {
        rows += p.length;
        yield p;
      }
    }
    const got = await readXlsx(
      await buffer(
        streamWorkbook({ name: 'd', headers: HEADERS }, pages(), () => [
          { name: 'f', headers: ['n'], rows: [[rows]] },
        ]),
      ),
    );
    expect(got.map((s) => s.name)).toEqual(['d', 'f']);
    expect(got[1]!.rows[1]![0]!.value).toBe(tricky.length);
  });

  it('imports back through the import reader (the first sheet, quotes dropped)', async () => {
    const body = await buffer(
      streamWorkbook({ name: '单位', headers: HEADERS }, counted([tricky]).pages, () => [filter]),
    );
    const back = await parseSheet(body, 'a.xlsx', { maxRows: 100, maxCells: 10_000 });
    expect(back.headers).toEqual(HEADERS);
    expect(back.rows[1]!.values['名称']).toBe(String(tricky[1]![0]));
    expect(back.rows[1]!.values['地址']).toBe('@SUM(A1)');
  });

  it('stops reading pages while its reader does not read, and reads the rest once it does', async () => {
    const pages = bulky(150, 200);
    const src = counted(pages);
    const stream: Readable = streamWorkbook({ name: 'd', headers: HEADERS }, src.pages);
    stream.pause();
    await settle(src.seen);
    expect(src.seen.pulled).toBeGreaterThan(0);
    expect(src.seen.pulled).toBeLessThan(pages.length);
    const got = await readXlsx(await buffer(stream));
    expect(src.seen.pulled).toBe(pages.length);
    expect(got[0]!.rows.length).toBe(1 + 150 * 200);
    expect(got[0]!.rows.at(-1)![0]!.value).toBe(pages.at(-1)!.at(-1)![0]);
  });

  it('ends the page reads when its reader leaves', async () => {
    const src = counted(bulky(150, 200));
    const stream = streamWorkbook({ name: 'd', headers: HEADERS }, src.pages);
    await new Promise<void>((r) => stream.once('data', () => r()));
    stream.destroy();
    await src.ended;
    expect(src.seen.pulled).toBeLessThan(150);
  });

  it('ends the stream with the error of a page that cannot be read', async () => {
    async function* failing(): AsyncGenerator<CellOut[][]> {
      yield bulky(1, 50)[0]!;
      throw new Error('page 2 failed');
    }
    await expect(buffer(streamWorkbook({ name: 'd', headers: HEADERS }, failing()))).rejects.toThrow(
      'page 2 failed',
    );
  });
});
