/**
 * Reliability of the exam-card doors (issue 15 item 10), against a real database (PGlite, or
 * PostgreSQL with OHP_TEST_DB=postgresql):
 *  - a corpus of 500+ malformed cards (test/malformed-cards.ts: one defect each) through the JSON door →
 *    0 accepted, 0 partial writes, every card's row in the report with its field and a zh-CN reason;
 *    the same corpus interleaved with good cards → exactly the good ones stored;
 *  - the national XML door's traps: malformed XML, bad encoding bytes, entity expansion, external
 *    entities, BOM, GBK, Excel serial dates and full-width digits in a record;
 *  - the spreadsheet door's traps: IDs stored as numbers or cut to 15 digits, Excel serial dates, formula
 *    cells, BOM, GBK and undecodable bytes;
 *  - 50 concurrent JSON batches overlapping on natural keys → no duplicates, no 5xx, versions consistent,
 *    and one batch for an Idempotency-Key posted twice at once.
 */
import { chinaToday } from '@ohp/reference';
import { readFileSync } from 'node:fs';
import type { ExamCardInput, ImportBatch, ImportReport } from '@ohp/contracts';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildUser, examCard } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import {
  encodeGbk,
  fullWidth,
  goodCard,
  malformedCards,
  residentId,
  type MalformedCard,
} from '../../../test/malformed-cards.js';
import { JobRunner } from '../../platform/jobs/runner.js';
import { REPORT_MAX_ERRORS } from '../../platform/imports/pipeline.js';
import type { Deps } from '../../platform/http/types.js';
import { registerExamCardImport } from './exam-reports.import.js';
import { cardSheetRows, COLUMNS } from './exam-reports.sheet.js';

let t: TestContext;
let exam: Client;
beforeAll(async () => {
  t = await createTestContext();
  exam = await t.login('demo-exam');
});
afterAll(async () => t.close());

/** The day the server checks against (UTC, as exam-reports.import.ts `today`). */
/** China date, as the platform's (UTC+8). */
const today = chinaToday();
const corpus = malformedCards(today);

const CJK = /[\u4e00-\u9fff]/;
let keyNo = 0;
const freshKey = (what: string) => `rel-${what}-${process.pid}-${++keyNo}`;

/** Rows of the tables a card writes (the card, its worker, its conclusions, its kept versions). */
const counts = async (d: Deps = t.deps) => {
  const n = async (table: 'exam_card' | 'worker' | 'exam_conclusion' | 'exam_card_version') =>
    Number(
      (
        await d.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return {
    cards: await n('exam_card'),
    workers: await n('worker'),
    conclusions: await n('exam_conclusion'),
    versions: await n('exam_card_version'),
  };
};

const storedCard = (recordId: string) =>
  t.deps.db
    .selectFrom('exam_card')
    .select(['record_id', 'card', 'source'])
    .where('record_id', '=', recordId)
    .executeTakeFirst();

const storedIds = async (prefix: string) =>
  (
    await t.deps.db
      .selectFrom('exam_card')
      .select('record_id')
      .where('record_id', 'like', `${prefix}%`)
      .orderBy('record_id')
      .execute()
  ).map((r) => r.record_id);

type Answer = { status: number; body: Record<string, unknown> };

/** The report of an upload: the 200's body, or the batch's report once a 202's batch is done. */
const settle = async (c: Client, res: Answer): Promise<ImportReport> => {
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBeLessThan(500);
  if (res.status === 200) return res.body as unknown as ImportReport;
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(202);
  const batchId = (res.body as unknown as ImportBatch).batchId;
  for (let i = 0; i < 1_200; i++) {
    const now = await c.get(`/api/v1/imports/${batchId}`);
    expect(now.status).toBe(200);
    const batch = now.body as unknown as ImportBatch;
    if (batch.status === 'done') return batch.report!;
    if (batch.status === 'failed') throw new Error(`batch ${batchId} failed: ${JSON.stringify(batch.error)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`batch ${batchId} did not finish`);
};

const postCards = (c: Client, cards: unknown[], key = freshKey('batch')) =>
  c.post('/api/v1/exam-reports/batches', { cards }, { 'idempotency-key': key });

/**
 * What the report says of each malformed card, by defect kind: 'refused as expected', or what went
 * wrong (accepted, its field not named, a message that is not zh-CN …).
 */
const verdicts = (report: ImportReport, placed: Array<{ row: number; card: MalformedCard }>) => {
  const errorsByRow = new Map<number, ImportReport['errors']>();
  for (const e of report.errors) errorsByRow.set(e.row, [...(errorsByRow.get(e.row) ?? []), e]);
  const outcome = new Map((report.results ?? []).map((r) => [r.row, r.outcome]));
  const byKind: Record<string, string> = {};
  for (const { row, card } of placed) {
    const problems: string[] = [];
    const errors = errorsByRow.get(row) ?? [];
    if (outcome.get(row) !== 'rejected') problems.push(`row ${row}: ${outcome.get(row) ?? 'no result'}`);
    if (!errors.length) problems.push(`row ${row}: no reason`);
    if (!errors.some((e) => e.column === card.expect.column && e.reason === card.expect.reason))
      problems.push(
        `row ${row}: expected ${card.expect.column} ${card.expect.reason}, got ${errors.map((e) => `${e.column} ${e.reason}`).join('; ')}`,
      );
    for (const e of errors)
      if (!e.reason || !CJK.test(e.message)) problems.push(`row ${row}: ${e.reason} message "${e.message}"`);
    const earlier = byKind[card.kind] === 'refused as expected' ? [] : [byKind[card.kind] ?? ''];
    byKind[card.kind] = problems.length
      ? [...earlier, ...problems].filter(Boolean).join(' | ')
      : (byKind[card.kind] ?? 'refused as expected');
  }
  return byKind;
};
const allRefused = (cards: MalformedCard[]) =>
  Object.fromEntries(cards.map((c) => [c.kind, 'refused as expected']));

// ---------------------------------------------------------------------------------------------------
// The corpus through the JSON door
// ---------------------------------------------------------------------------------------------------

describe('a corpus of malformed cards through the JSON door', () => {
  it('does hold 500+ distinct cards of 40+ defect kinds, each card a valid one with one defect', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(500);
    expect(new Set(corpus.map((c) => JSON.stringify(c.card))).size).toBe(corpus.length);
    expect(new Set(corpus.map((c) => c.kind)).size).toBeGreaterThanOrEqual(40);
  });

  it('does refuse every card with its row, its field and a zh-CN reason, and write nothing', async () => {
    const before = await counts();
    const report = await settle(
      exam,
      await postCards(
        exam,
        corpus.map((c) => c.card),
      ),
    );
    // The report lists the first REPORT_MAX_ERRORS issues: all of them here, or the check below is moot.
    expect(report.errors.length).toBeLessThan(REPORT_MAX_ERRORS);
    // First by defect kind, so that a failure names the kind that got through.
    expect(
      verdicts(
        report,
        corpus.map((card, i) => ({ row: i + 1, card })),
      ),
    ).toEqual(allRefused(corpus));
    expect(report).toMatchObject({ total: corpus.length, accepted: 0, updated: 0, unchanged: 0 });
    expect(report.rejected).toBe(corpus.length);
    expect(await counts()).toEqual(before);
  });

  it('does store exactly the good cards of a batch that interleaves them with the whole corpus', async () => {
    const before = await counts();
    const goods = Array.from({ length: 50 }, (_, i) => goodCard(`MIX-GOOD-${i + 1}`, i + 1));
    const cards: unknown[] = [];
    const placed: Array<{ row: number; card: MalformedCard }> = [];
    const goodRows: number[] = [];
    corpus.forEach((bad, i) => {
      cards.push(bad.card);
      placed.push({ row: cards.length, card: bad });
      if (i % 12 === 5 && goodRows.length < goods.length) {
        cards.push(goods[goodRows.length]);
        goodRows.push(cards.length);
      }
    });
    while (goodRows.length < goods.length) {
      cards.push(goods[goodRows.length]);
      goodRows.push(cards.length);
    }
    const report = await settle(exam, await postCards(exam, cards));
    expect(report.errors.length).toBeLessThan(REPORT_MAX_ERRORS);
    expect(verdicts(report, placed)).toEqual(allRefused(corpus));
    expect(report).toMatchObject({ total: cards.length, accepted: 50, updated: 0, unchanged: 0 });
    expect(report.rejected).toBe(corpus.length);
    const outcome = new Map((report.results ?? []).map((r) => [r.row, [r.key, r.outcome]]));
    expect(goodRows.map((row) => outcome.get(row))).toEqual(goods.map((g) => [g.recordId, 'accepted']));
    expect(report.errors.filter((e) => goodRows.includes(e.row))).toEqual([]);

    const stored = await t.deps.db
      .selectFrom('exam_card')
      .select('record_id')
      .where('import_batch_id', '=', report.batchId)
      .orderBy('record_id')
      .execute();
    expect(stored.map((s) => s.record_id)).toEqual(goods.map((g) => g.recordId).sort());
    const after = await counts();
    expect(after.cards - before.cards).toBe(50);
    expect(after.conclusions - before.conclusions).toBe(100);
    expect(after.workers - before.workers).toBe(50);
    expect(after.versions).toBe(before.versions);
  });
});

// ---------------------------------------------------------------------------------------------------
// The national XML door
// ---------------------------------------------------------------------------------------------------

const fixture = readFileSync(new URL('./fixtures/national-exam-cards.xml', import.meta.url), 'utf8');
/** The fixture as a new document: its record IDs `<tag>-123` / `<tag>-456`, its DocumentId the tag. */
const xmlDoc = (tag: string, edit: (xml: string) => string = (x) => x): string =>
  edit(
    fixture
      .replace(/ID="TJ2026-000(123|456)"/g, (_m, n: string) => `ID="${tag}-${n}"`)
      .replace(/<DocumentId>[^<]*<\/DocumentId>/, `<DocumentId>${tag}</DocumentId>`),
  );
/** Replaces exactly one occurrence (the edit must hit, or the test would test nothing). */
const once = (from: string, to: string) => (xml: string) => {
  expect(xml.split(from).length, from).toBe(2);
  return xml.replace(from, to);
};
/** Replaces the first occurrence (which must be there). */
const first = (from: string, to: string) => (xml: string) => {
  expect(xml, from).toContain(from);
  return xml.replace(from, to);
};

const postXml = async (body: Buffer | string, contentType = 'application/xml') => {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exam-reports/national-xml',
    payload: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
    headers: { 'content-type': contentType, 'x-csrf-token': exam.csrfToken! },
    cookies: { ohp_sid: exam.sessionToken! },
  });
  return { status: res.statusCode, body: res.body ? res.json<Record<string, unknown>>() : {} };
};
const reasonOf = (a: Answer) => (a.body.error as { reason?: string } | undefined)?.reason;
describe('the national XML door', () => {
  it('does refuse a malformed, hostile or wrongly encoded document whole, writing nothing of it', async () => {
    const good = xmlDoc('XR-BASE');
    const utf8 = Buffer.from(good, 'utf8');
    const cutInCharacter = (() => {
      const at = utf8.indexOf(Buffer.from('长春示例矿业', 'utf8'));
      return utf8.subarray(0, at + 1);
    })();
    const withBadBytes = (() => {
      const at = utf8.indexOf(Buffer.from('<ENTERPRISE_NAME>', 'utf8')) + '<ENTERPRISE_NAME>'.length;
      return Buffer.concat([utf8.subarray(0, at), Buffer.from([0xff, 0xfe, 0xc0, 0x80]), utf8.subarray(at)]);
    })();
    const nested = `${'<X>'.repeat(40)}${'</X>'.repeat(40)}`;
    const header = /<Header>[\s\S]*<\/Header>/.exec(good)![0];
    const manyRecords = `<?xml version="1.0" encoding="utf-8"?><DataExchange>${header.replace(
      '<OperateType>Add</OperateType>',
      '<OperateType>Delete</OperateType>',
    )}<EventBody><HEALTH_EXAM_RECORD_LIST>${Array.from(
      { length: 10_001 },
      (_, i) => `<HEALTH_EXAM_RECORD ID="XR-MANY-${i}"/>`,
    ).join('')}</HEALTH_EXAM_RECORD_LIST></EventBody></DataExchange>`;
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE DataExchange [
  <!ENTITY lol "lol">
  ${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n  ')}
]>
${good.replace('<?xml version="1.0" encoding="utf-8"?>', '').replace('长春示例矿业有限公司', '&lol9;')}`;
    const cases: Array<[string, Buffer | string, string]> = [
      [
        'unclosed tag',
        xmlDoc('XR-1', once('<EXAM_DATE>20260610</EXAM_DATE>', '<EXAM_DATE>20260610')),
        'malformed_xml',
      ],
      [
        'mismatched tag',
        xmlDoc('XR-2', once('<WORKER_NAME>李建国</WORKER_NAME>', '<WORKER_NAME>李建国</WORKER_NAM>')),
        'malformed_xml',
      ],
      ['truncated document', good.slice(0, Math.floor(good.length * 0.6)), 'malformed_xml'],
      ['two root elements', `${good}<DataExchange/>`, 'malformed_xml'],
      ['not XML at all', 'recordId,examDate\nTJ-1,2026-06-10\n', 'malformed_xml'],
      [
        'an undeclared entity',
        xmlDoc('XR-3', once('<WORKER_NAME>李建国', '<WORKER_NAME>&xxe;')),
        'malformed_xml',
      ],
      [
        'a character reference to NUL',
        xmlDoc('XR-4', once('<WORKER_NAME>李建国', '<WORKER_NAME>李&#0;建国')),
        'malformed_xml',
      ],
      [
        'a character reference beyond Unicode',
        xmlDoc('XR-5', once('<REMARK></REMARK>', '<REMARK>&#x110000;</REMARK>')),
        'malformed_xml',
      ],
      ['cut inside a UTF-8 character', cutInCharacter, 'xml_encoding_invalid'],
      ['bytes that are not UTF-8', withBadBytes, 'xml_encoding_invalid'],
      [
        'GBK bytes declared UTF-8',
        encodeGbk(xmlDoc('XR-6').replace(/<!--[\s\S]*?-->/g, '')),
        'xml_encoding_invalid',
      ],
      [
        'a BOM before a GBK declaration',
        Buffer.concat([
          Buffer.from([0xef, 0xbb, 0xbf]),
          encodeGbk(
            xmlDoc('XR-7', once('encoding="utf-8"', 'encoding="GBK"')).replace(/<!--[\s\S]*?-->/g, ''),
          ),
        ]),
        'xml_encoding_invalid',
      ],
      [
        'UTF-16',
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xmlDoc('XR-8'), 'utf16le')]),
        'xml_encoding_unsupported',
      ],
      [
        'an encoding other than UTF-8 or GBK',
        xmlDoc('XR-9', once('encoding="utf-8"', 'encoding="ISO-8859-1"')),
        'xml_encoding_unsupported',
      ],
      ['entity expansion (billion laughs)', laughs, 'xml_doctype_forbidden'],
      [
        'an external entity',
        `<?xml version="1.0"?><!DOCTYPE DataExchange [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${xmlDoc('XR-10', once('<WORKER_NAME>李建国', '<WORKER_NAME>&xxe;')).replace('<?xml version="1.0" encoding="utf-8"?>', '')}`,
        'xml_doctype_forbidden',
      ],
      [
        'an external DTD',
        `<?xml version="1.0"?><!DOCTYPE DataExchange SYSTEM "http://127.0.0.1:1/evil.dtd">${xmlDoc('XR-11').replace('<?xml version="1.0" encoding="utf-8"?>', '')}`,
        'xml_doctype_forbidden',
      ],
      [
        'a parameter entity',
        `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]>${xmlDoc('XR-12').replace('<?xml version="1.0" encoding="utf-8"?>', '')}`,
        'xml_doctype_forbidden',
      ],
      [
        'nesting 40 deep',
        xmlDoc('XR-13', once('<REMARK></REMARK>', `<REMARK>${nested}</REMARK>`)),
        'xml_too_deep',
      ],
      ['10,001 records', manyRecords, 'import_too_many_rows'],
    ];
    const before = await counts();
    const outcomes: Record<string, string> = {};
    for (const [name, body] of cases) {
      const res = await postXml(body);
      outcomes[name] = `${res.status} ${reasonOf(res) ?? JSON.stringify(res.body).slice(0, 200)}`;
      expect(JSON.stringify(res.body)).not.toContain('root:');
    }
    expect(outcomes).toEqual(Object.fromEntries(cases.map(([name, , reason]) => [name, `400 ${reason}`])));
    expect(await counts()).toEqual(before);
    const none = await t.deps.db
      .selectFrom('exam_card')
      .select('record_id')
      .where('record_id', 'like', 'XR-%')
      .execute();
    expect(none).toEqual([]);
  });

  it('does refuse an empty body, and a document posted as a binary or form type', async () => {
    const empty = await postXml(Buffer.alloc(0));
    expect([empty.status, reasonOf(empty)]).toEqual([400, 'malformed_xml']);
    for (const type of ['application/octet-stream', 'application/x-www-form-urlencoded']) {
      const res = await postXml(xmlDoc('XR-CT'), type);
      expect([res.status, reasonOf(res)]).toEqual([415, 'unsupported_media_type']);
    }
    expect(await storedCard('XR-CT-123')).toBeUndefined();
  });

  // text/plain is parsed by Fastify's default text parser into a string: the door refuses it (it once
  // handed the string on as the file: a 500 on PGlite, a bytea misreading on PostgreSQL).
  it('does refuse a document posted as text/plain with a 400 naming the content type, not a 500', async () => {
    const res = await postXml(xmlDoc('XR-TEXT'), 'text/plain');
    expect([res.status, reasonOf(res)]).toEqual([400, 'unsupported_media_type']);
  });

  it('does take a BOM-prefixed document and a GBK one, the Chinese text as it was written', async () => {
    const bom = await postXml(
      Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xmlDoc('XB'), 'utf8')]),
    );
    expect(bom.status, JSON.stringify(bom.body)).toBe(200);
    expect(bom.body).toMatchObject({ total: 2, accepted: 2, rejected: 0 });

    const gbkText = xmlDoc('XG', once('encoding="utf-8"', 'encoding="GBK"')).replace(/<!--[\s\S]*?-->/g, '');
    const gbk = encodeGbk(gbkText);
    expect(gbk.toString('utf8')).not.toContain('长春示例');
    const res = await postXml(gbk);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ total: 2, accepted: 2, rejected: 0 });
    const one = (await storedCard('XG-123'))!.card as ExamCardInput;
    const two = (await storedCard('XG-456'))!.card as ExamCardInput;
    expect(one.employer.name).toBe('长春示例矿业有限公司');
    expect(one.items[0]!.name).toBe('数字化摄影胸片（DR 胸片）');
    expect(two.employer.name).toBe('长春示例人力资源服务有限公司');
    expect(two.employingUnit.name).toBe('长春示例汽车零部件有限公司');
    expect(two.remark).toBe('派遣员工：岗前体检 <血常规> 复查 & 告知用工单位');
    expect(two.items[0]!.unit).toBe('×10^9/L');
  });

  it('does refuse a record with an Excel serial date, full-width digits or an ID cut to 15 digits by its field, and take the others', async () => {
    /** [record ID, the trap (an edit of record 1 or 2), which record, the field refused, the reason] */
    const cases: Array<[string, (xml: string) => string, 1 | 2, string, string]> = [
      [
        'XS-SERIAL',
        once('<EXAM_DATE>20260610</EXAM_DATE>', '<EXAM_DATE>46183</EXAM_DATE>'),
        1,
        'examDate',
        'invalid_date',
      ],
      [
        'XS-SERIAL-ISO',
        once('<EXAM_DATE>20260915</EXAM_DATE>', '<EXAM_DATE>2026-09-15</EXAM_DATE>'),
        2,
        'examDate',
        'invalid_date',
      ],
      [
        'XS-FW-DATE',
        once('<BIRTH_DATE>19980822</BIRTH_DATE>', `<BIRTH_DATE>${fullWidth('19980822')}</BIRTH_DATE>`),
        2,
        'worker.birthDate',
        'invalid_date',
      ],
      [
        'XS-FW-CODE',
        once('<EXAM_TYPE_CODE>02</EXAM_TYPE_CODE>', `<EXAM_TYPE_CODE>${fullWidth('02')}</EXAM_TYPE_CODE>`),
        1,
        'examTypeCode',
        'pattern',
      ],
      [
        'XS-FW-HAZARD',
        once(
          '<CONTACT_FACTOR_CODE>2013,3008</CONTACT_FACTOR_CODE>',
          `<CONTACT_FACTOR_CODE>2013,${fullWidth('3008')}</CONTACT_FACTOR_CODE>`,
        ),
        2,
        'contactFactorCodes.1',
        'pattern',
      ],
      [
        'XS-ID15',
        once('<ID_CARD>220102198503151237</ID_CARD>', '<ID_CARD>220102198503151000</ID_CARD>'),
        1,
        'worker.idNumber',
        'id_number_invalid',
      ],
      [
        'XS-NUMBER',
        first('<HARM_AGE_YEAR>14</HARM_AGE_YEAR>', '<HARM_AGE_YEAR>１４</HARM_AGE_YEAR>'),
        1,
        'conclusions.0.harmYears',
        'invalid_number',
      ],
      [
        'XS-XINCLUDE',
        once(
          '<WORKER_NAME>陈晓梅</WORKER_NAME>',
          '<WORKER_NAME>陈晓梅</WORKER_NAME><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file:///etc/passwd"/>',
        ),
        2,
        'WORKER_INFO/xi:include',
        'unknown_element',
      ],
    ];
    // One document: the two good records, then each trap in a copy of record 1 or 2.
    const records = [
      ...xmlDoc('XS').matchAll(/<HEALTH_EXAM_RECORD ID="[^"]*">[\s\S]*?<\/HEALTH_EXAM_RECORD>/g),
    ].map((m) => m[0]);
    expect(records).toHaveLength(2);
    const renamed = (which: number, id: string) => records[which - 1]!.replace(/ID="[^"]*"/, `ID="${id}"`);
    const body = [
      renamed(1, 'XS-GOOD-1'),
      renamed(2, 'XS-GOOD-2'),
      ...cases.map(([tag, edit, which]) => edit(renamed(which, tag))),
    ];
    const doc = xmlDoc('XS-DOC').replace(
      /<HEALTH_EXAM_RECORD_LIST>[\s\S]*<\/HEALTH_EXAM_RECORD_LIST>/,
      `<HEALTH_EXAM_RECORD_LIST>${body.join('\n')}</HEALTH_EXAM_RECORD_LIST>`,
    );
    const before = await counts();
    const res = await postXml(doc);
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    const report = res.body as unknown as ImportReport;
    expect(report).toMatchObject({ total: 2 + cases.length, accepted: 2, rejected: cases.length });
    expect(report.results!.map((r) => [r.key, r.outcome])).toEqual([
      ['XS-GOOD-1', 'accepted'],
      ['XS-GOOD-2', 'accepted'],
      ...cases.map(([tag]) => [tag, 'rejected']),
    ]);
    const byTag = Object.fromEntries(
      cases.map(([tag], i) => [
        tag,
        report.errors.filter((e) => e.row === i + 3).map((e) => [e.column, e.reason, CJK.test(e.message)]),
      ]),
    );
    expect(byTag).toEqual(
      Object.fromEntries(cases.map(([tag, , , column, reason]) => [tag, [[column, reason, true]]])),
    );
    expect(await storedIds('XS-')).toEqual(['XS-GOOD-1', 'XS-GOOD-2']);
    const after = await counts();
    expect([after.cards - before.cards, after.conclusions - before.conclusions]).toEqual([2, 4]);
  });
});

// ---------------------------------------------------------------------------------------------------
// The spreadsheet door
// ---------------------------------------------------------------------------------------------------

const HEADERS = COLUMNS.map((c) => c.header);
type SheetCell = ExcelJS.CellValue;
/** A card's rows (bare codes), with cells changed by header: `[rowIndex, header, value]`. */
const rowsOf = (card: ExamCardInput, ...changes: Array<[number, string, SheetCell]>): SheetCell[][] => {
  const rows: SheetCell[][] = cardSheetRows(card);
  for (const [i, header, value] of changes) {
    const at = HEADERS.indexOf(header);
    expect(at, header).toBeGreaterThanOrEqual(0);
    rows[i]![at] = value;
  }
  return rows;
};
const xlsx = async (rows: SheetCell[][]): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('个案卡');
  ws.addRow(HEADERS);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
/** A csv cell as typed (csv has no formulas: other values are not written). */
const cellText = (v: SheetCell): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const csvText = (rows: SheetCell[][]): string =>
  [HEADERS, ...rows].map((r) => r.map((v) => `"${cellText(v).replace(/"/g, '""')}"`).join(',')).join('\r\n') +
  '\r\n';
const upload = async (buf: Buffer, name: string): Promise<ImportReport> => {
  const { payload, contentType } = multipartFile(buf, name);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/exam-reports/import',
    payload,
    headers: { 'content-type': contentType, 'x-csrf-token': exam.csrfToken! },
    cookies: { ohp_sid: exam.sessionToken! },
  });
  return settle(exam, { status: res.statusCode, body: res.json() });
};
describe('the spreadsheet door', () => {
  it('does refuse IDs stored as numbers or cut to 15 digits, Excel serial dates and empty formula cells by row and column, and fold full-width digits', async () => {
    const before = await counts();
    const rows = [
      ...rowsOf(examCard('SX-GOOD-1')), // rows 2–3
      ...rowsOf(examCard('SX-IDNUM'), [0, '证件号码', Number('220102198503151237')]), // 4–5: Excel keeps 15 digits
      ...rowsOf(examCard('SX-IDCUT'), [0, '证件号码', '220102198503151000']), // 6–7
      ...rowsOf(examCard('SX-IDCUTNUM'), [0, '证件号码', Number('220102198503151000')]), // 8–9
      ...rowsOf(examCard('SX-SERIAL'), [0, '体检日期', 46183]), // 10–11
      ...rowsOf(examCard('SX-SERIALTEXT'), [0, '出生日期', '31121']), // 12–13
      ...rowsOf(examCard('SX-CREDITNUM'), [0, '用人单位统一社会信用代码', Number('912201020000123430')]), // 14–15
      ...rowsOf(examCard('SX-FEB30'), [1, '开始接害日期', '2012-02-30']), // 16–17
      // A formula whose value was never calculated (a file written by a program): nothing to read.
      ...rowsOf(examCard('SX-FORMULA'), [0, '证件号码', { formula: 'A1&B1' }]), // 18–19
      // Full-width digits (a Chinese input method's) are folded to ASCII, never stored as typed.
      ...rowsOf(
        examCard('SX-WIDE'),
        [0, '体检类型', fullWidth('02')],
        [0, '体检日期', fullWidth('2026-06-10')],
        [0, '证件号码', fullWidth('220102198503151237')],
      ), // 20–21
      ...rowsOf(examCard('SX-GOOD-2')), // 22–23
    ];
    const report = await upload(await xlsx(rows), 'reliability-traps.xlsx');
    expect(report).toMatchObject({ total: 11, accepted: 3, rejected: 8 });
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [4, '证件号码', 'code_stored_as_number'],
      [6, '证件号码', 'id_number_invalid'],
      [8, '证件号码', 'code_stored_as_number'],
      [10, '体检日期', 'date_format'],
      [12, '出生日期', 'date_format'],
      [14, '用人单位统一社会信用代码', 'code_stored_as_number'],
      [16, '第17行 开始接害日期', 'date_format'],
      [18, '证件号码', 'value_required'],
    ]);
    expect(report.errors.every((e) => CJK.test(e.message))).toBe(true);
    expect(await storedIds('SX-')).toEqual(['SX-GOOD-1', 'SX-GOOD-2', 'SX-WIDE']);
    const wide = (await storedCard('SX-WIDE'))!.card as ExamCardInput;
    expect([wide.examTypeCode, wide.examDate]).toEqual(['02', '2026-06-10']);
    const after = await counts();
    expect([after.cards - before.cards, after.conclusions - before.conclusions]).toEqual([3, 6]);
  });

  // A formula cell is refused with its column (formula_cell), never imported as its cached result.
  it('does refuse a card whose cells are formulas, naming each cell', async () => {
    const rows = [
      ...rowsOf(examCard('SF-NAME'), [
        0,
        '姓名',
        { formula: 'HYPERLINK("http://evil.example/","李建国")', result: '李建国' },
      ]),
      ...rowsOf(examCard('SF-DATE'), [
        0,
        '体检日期',
        { formula: 'DATE(2026,6,10)', result: new Date(Date.UTC(2026, 5, 10)) },
      ]),
      ...rowsOf(examCard('SF-ID'), [
        0,
        '证件号码',
        { formula: 'CONCATENATE("220102","198503151237")', result: '220102198503151237' },
      ]),
    ];
    const report = await upload(await xlsx(rows), 'reliability-formulas.xlsx');
    expect(report).toMatchObject({ total: 3, accepted: 0, rejected: 3 });
    expect(report.errors.filter((e) => e.reason === 'formula_cell').map((e) => e.column)).toEqual([
      '姓名',
      '体检日期',
      '证件号码',
    ]);
    expect(await storedIds('SF-')).toEqual([]);
  });

  it('does read a BOM-prefixed UTF-8 csv and a GBK csv, refusing their bad cards and undecodable bytes, keeping the Chinese text', async () => {
    const bom = Buffer.from(
      `\uFEFF${csvText([...rowsOf(examCard('SB-GOOD')), ...rowsOf(examCard('SB-SERIAL'), [0, '报告日期', '46191'])])}`,
      'utf8',
    );
    const r1 = await upload(bom, 'reliability-bom.csv');
    expect(r1).toMatchObject({ total: 2, accepted: 1, rejected: 1 });
    expect(r1.errors.map((e) => [e.row, e.column, e.reason])).toEqual([[4, '报告日期', 'date_format']]);

    const gbk = encodeGbk(
      csvText([
        ...rowsOf(examCard('SG-GOOD'), [0, '用人单位名称', '吉林省示例铸造有限公司']),
        ...rowsOf(examCard('SG-BADID'), [0, '证件号码', '220102198503151238']),
        ...rowsOf(examCard('SG-BYTES'), [0, '姓名', 'ZZ']),
      ]),
    );
    expect(gbk.toString('utf8')).not.toContain('铸造');
    // 0xFF is no lead byte in GB18030 (nor in UTF-8): the cell is refused, never stored as U+FFFD.
    const at = gbk.indexOf(Buffer.from('"ZZ"')) + 1;
    const bytes = Buffer.concat([gbk.subarray(0, at), Buffer.from([0xff, 0xff]), gbk.subarray(at + 2)]);
    const before = await counts();
    const r2 = await upload(bytes, 'reliability-gbk.csv');
    expect(r2).toMatchObject({ total: 3, accepted: 1, rejected: 2 });
    expect(r2.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [4, '证件号码', 'id_number_invalid'],
      [6, '姓名', 'text_undecodable'],
    ]);
    const card = (await storedCard('SG-GOOD'))!.card as ExamCardInput;
    expect(card.employer.name).toBe('吉林省示例铸造有限公司');
    expect(await storedIds('SB-')).toEqual(['SB-GOOD']);
    expect(await storedIds('SG-')).toEqual(['SG-GOOD']);
    expect((await counts()).cards - before.cards).toBe(1);
  });
});

// ---------------------------------------------------------------------------------------------------
// Cards that stop the import job instead of being refused (known bugs, reported)
// ---------------------------------------------------------------------------------------------------

/** The batch as it ended: the 200's report, or the followed 202's batch (done or failed). */
const ending = async (
  c: Client,
  res: Answer,
): Promise<{ status: number; batch: ImportBatch | ImportReport }> => {
  if (res.status !== 202) return { status: res.status, batch: res.body as unknown as ImportReport };
  const batchId = (res.body as unknown as ImportBatch).batchId;
  for (;;) {
    const now = (await c.get(`/api/v1/imports/${batchId}`)).body as unknown as ImportBatch;
    if (now.status === 'done' || now.status === 'failed') return { status: res.status, batch: now };
    await new Promise((r) => setTimeout(r, 100));
  }
};
const reportOf = (e: { batch: ImportBatch | ImportReport }): ImportReport => {
  if ('status' in e.batch) {
    expect(e.batch.status, JSON.stringify(e.batch.error)).toBe('done');
    return e.batch.report!;
  }
  return e.batch;
};

describe('cards the import job cannot stage or check', () => {
  const answers: Record<string, { status: number; batch: ImportBatch | ImportReport }> = {};
  let before: Awaited<ReturnType<typeof counts>>;
  beforeAll(async () => {
    before = await counts();
    // Posted at once: a job that fails is retried after 1 s and 4 s, and the others run meanwhile.
    const csv = Buffer.from(
      csvText([
        ...rowsOf(examCard('KN-CSV-GOOD')),
        ...rowsOf(examCard('KN-CSV-NUL'), [0, '姓名', '李\u0000建国']),
      ]),
      'utf8',
    );
    const { payload, contentType } = multipartFile(csv, 'reliability-nul.csv');
    const posts: Record<string, Promise<Answer>> = {
      nul: postCards(exam, [
        examCard('KN-NUL-GOOD'),
        examCard('KN-NUL', (c) => (c.worker.name = '李\u0000建国')),
      ]),
      surrogate: postCards(exam, [
        examCard('KN-SUR-GOOD'),
        examCard('KN-SUR', (c) => (c.remark = '备注\ud800')),
      ]),
      // Exam date before the worker's birth (1985-03-15), conclusion 03 疑似职业病 as in the example card.
      old: postCards(exam, [examCard('KN-OLD-GOOD'), examCard('KN-OLD', (c) => (c.examDate = '1984-12-31'))]),
      csv: t.app
        .inject({
          method: 'POST',
          url: '/api/v1/exam-reports/import',
          payload,
          headers: { 'content-type': contentType, 'x-csrf-token': exam.csrfToken! },
          cookies: { ohp_sid: exam.sessionToken! },
        })
        .then((res) => ({ status: res.statusCode, body: res.json<Record<string, unknown>>() })),
    };
    await Promise.all(
      Object.entries(posts).map(async ([name, post]) => (answers[name] = await ending(exam, await post))),
    );
  });

  it('does answer no 5xx and half-write nothing, whatever became of the batch', async () => {
    expect(Object.values(answers).filter((a) => a.status >= 500)).toEqual([]);
    expect(await storedIds('KN-NUL')).not.toContain('KN-NUL');
    expect(await storedIds('KN-SUR')).not.toContain('KN-SUR');
    expect(await storedIds('KN-OLD')).not.toContain('KN-OLD');
    expect(await storedIds('KN-CSV')).not.toContain('KN-CSV-NUL');
    const after = await counts();
    expect(after.conclusions - before.conclusions).toBe(2 * (after.cards - before.cards));
  });

  // Cards are staged as jsonb before they are checked, and jsonb cannot hold U+0000 or a lone
  // surrogate: staging puts U+FFFD in their place and the card is refused as undecodable text
  // (stageRows), instead of the whole batch failing as it once did.
  it('does refuse a card with a NUL or a lone surrogate by its row, and take the others', () => {
    for (const name of ['nul', 'surrogate']) {
      const report = reportOf(answers[name]!);
      expect(report).toMatchObject({ accepted: 1, rejected: 1 });
      expect(report.errors.map((e) => e.row)).toEqual([2]);
    }
  });

  // No occupational-disease catalogue is shipped before 2013-12-23: a suspected disease of an earlier
  // exam is refused with its reason (it once threw and failed the whole batch).
  it('does refuse a suspected-disease card dated before the 2013 catalogue by its field, and take the others', () => {
    const report = reportOf(answers.old!);
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.errors.filter((e) => e.row === 2).map((e) => [e.column, e.reason])).toContainEqual([
      'examDate',
      'before_birth',
    ]);
  });

  // A cell holding U+0000 is flagged undecodable by the reader and staged with U+FFFD in its place.
  it('does refuse a csv card with a NUL byte by its cell, and take the others', () => {
    const report = reportOf(answers.csv!);
    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.errors.map((e) => [e.row, e.column, e.reason])).toEqual([[4, '姓名', 'text_undecodable']]);
  });
});

// ---------------------------------------------------------------------------------------------------
// Concurrency
// ---------------------------------------------------------------------------------------------------

describe('50 concurrent batches overlapping on natural keys', () => {
  let c: TestContext;
  let client: Client;
  let extra: JobRunner;
  beforeAll(async () => {
    // A short wait (202 after 2 s, then the batch is followed), and more runners: the batches' chunks
    // commit side by side, as on a server with several job slots or processes.
    // (No demo province: an exam institution and its user are all this needs.)
    c = await createTestContext({ seed: false, env: { OHP_IMPORT_WAIT_SECONDS: '2' } });
    extra = new JobRunner(c.deps.db, { pollMs: 20, concurrency: 3 });
    registerExamCardImport({ ...c.deps, jobs: extra });
    await extra.start();
    const institution = await buildOrganisation(c.deps, {
      kind: 'exam_institution',
      name: '并发测试体检机构',
    });
    const user = await buildUser(c.deps, { organisationId: institution, roleKeys: ['exam_staff'] });
    client = await c.login(user.username);
  });
  afterAll(async () => {
    await extra.stop();
    await c.close();
  });

  it('does store each record once, keep every replaced version, and answer no 5xx', async () => {
    const POOL = 100;
    const recordIds = Array.from({ length: POOL }, (_, i) => `CC-${String(i).padStart(3, '0')}`);
    // 30 workers shared by the records (their rows are upserted by many batches at once).
    const workers = Array.from({ length: 30 }, (_, i) =>
      residentId('220102', `19${70 + (i % 25)}-0${1 + (i % 9)}-1${i % 10}`, 100 + i),
    );
    // Three versions of every record; a batch sends 40 records, each in the version the batch picks.
    const version = (rid: string, i: number, v: number) =>
      examCard(rid, (card) => {
        const id = workers[i % workers.length]!;
        card.worker.idNumber = id;
        card.worker.birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
        card.worker.genderCode = Number(id[16]) % 2 ? '1' : '2';
        card.remark = v === 0 ? null : `第 ${v} 次更正`;
      });
    let seed = 20261205;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const batches = Array.from({ length: 50 }, (_, b) => {
      const picked = new Set<number>();
      while (picked.size < 40) picked.add(Math.floor(random() * POOL));
      return [...picked].map((i) => version(recordIds[i]!, i, b % 5 === 0 ? 0 : (b + i) % 3));
    });
    const before = await counts(c.deps);
    const answers = await Promise.all(batches.map((cards) => postCards(client, cards, freshKey('cc'))));
    expect(answers.map((a) => a.status).filter((s) => s !== 200 && s !== 202)).toEqual([]);
    const reports = await Promise.all(answers.map((a) => settle(client, a)));

    // Every batch done, every card of it taken (accepted, updated or unchanged), none refused.
    expect(reports.map((r) => [r.total, r.rejected, r.accepted + r.updated + r.unchanged])).toEqual(
      batches.map(() => [40, 0, 40]),
    );
    const cards = await c.deps.db
      .selectFrom('exam_card')
      .select(['exam_card_id', 'record_id', 'version', 'content_hash'])
      .where('record_id', 'like', 'CC-%')
      .execute();
    const touched = new Set(batches.flat().map((x) => x.recordId));
    expect(cards.map((x) => x.record_id).sort()).toEqual([...touched].sort());
    // Each record inserted exactly once across all batches; every update kept the version it replaced.
    const accepted = reports.reduce((s, r) => s + r.accepted, 0);
    const updated = reports.reduce((s, r) => s + r.updated, 0);
    expect(accepted).toBe(touched.size);
    const versions = await c.deps.db
      .selectFrom('exam_card_version')
      .select([
        'exam_card_id',
        (eb) => eb.fn.countAll<string>().as('n'),
        sql<number>`max(version)`.as('last'),
      ])
      .where(
        'exam_card_id',
        'in',
        cards.map((x) => x.exam_card_id),
      )
      .groupBy('exam_card_id')
      .execute();
    const kept = new Map(versions.map((v) => [Number(v.exam_card_id), Number(v.n)]));
    expect(versions.reduce((s, v) => s + Number(v.n), 0)).toBe(updated);
    const inconsistent = cards.filter((x) => x.version !== 1 + (kept.get(Number(x.exam_card_id)) ?? 0));
    expect(inconsistent).toEqual([]);
    // Versions are numbered without gaps (1 … version − 1).
    expect(versions.filter((v) => Number(v.last) !== Number(v.n))).toEqual([]);
    const after = await counts(c.deps);
    expect(after.cards - before.cards).toBe(touched.size);
    // Every job finished. (Whether two ran at the same moment depends on the machine's timing — on
    // PGlite they share one connection — so it is not asserted: the runners take up to five at once.)
    const jobs = await c.deps.db
      .selectFrom('job')
      .select(['status'])
      .where('kind', '=', 'import.exam_card')
      .execute();
    expect(jobs.length).toBeGreaterThanOrEqual(50);
    expect(jobs.filter((j) => j.status !== 'done')).toEqual([]);
    expect(after.conclusions - before.conclusions).toBe(2 * touched.size);
    expect(after.workers - before.workers).toBe(new Set(batches.flat().map((x) => x.worker.idNumber)).size);
  });

  it('does make one batch of the same Idempotency-Key posted twice at once', async () => {
    for (let round = 0; round < 4; round++) {
      const key = freshKey('twice');
      const cards = [examCard(`CI-${round}-1`), examCard(`CI-${round}-2`)];
      const [a, b] = await Promise.all([postCards(client, cards, key), postCards(client, cards, key)]);
      const statuses = [a.status, b.status].sort();
      const ids = [a, b]
        .filter((x) => x.status === 200 || x.status === 202)
        .map((x) => (x.body as { batchId: number }).batchId);
      expect(
        statuses.every((s) => s === 200 || s === 202 || s === 409),
        String(statuses),
      ).toBe(true);
      expect(new Set(ids).size).toBe(1);
      for (const x of [a, b].filter((y) => y.status === 409))
        expect((x.body.error as { reason: string }).reason).toBe('idempotency_in_progress');
      const first = [a, b].find((x) => x.status !== 409)!;
      const report = await settle(client, first);
      expect(report).toMatchObject({ total: 2, accepted: 2 });
      const batches = await c.deps.db
        .selectFrom('import_batch')
        .select('import_batch_id')
        .where('idempotency_key', '=', `idem:${key}`)
        .execute();
      expect(batches).toHaveLength(1);
      const stored = await c.deps.db
        .selectFrom('exam_card')
        .select('record_id')
        .where('record_id', 'like', `CI-${round}-%`)
        .execute();
      expect(stored).toHaveLength(2);
    }
  });
});
