/**
 * The national exchange XML door and export (issue 15 items 4 and 5): the specification's document
 * (built from its structure: fixtures/national-exam-cards.xml) posted as is, reviewed county → city →
 * province, exported as the national XML — the same records come back; Update / Delete; refusals.
 */
import { readFileSync } from 'node:fs';
import type { ExamCardInput, ImportReport } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildUser } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { parseExamCardXml, toNationalCard } from './exam-reports.xml.js';

const fixture = readFileSync(new URL('./fixtures/national-exam-cards.xml', import.meta.url));

let t: TestContext;
const c: Record<string, Client> = {};
/** Reviewers of the counties the fixture's employers are in (the demo county is 220102). */
const reviewerOf: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext();
  for (const u of ['demo-exam', 'demo-county', 'demo-city', 'demo-province', 'demo-qc'])
    c[u] = await t.login(u);
  const org = await buildOrganisation(t.deps, {
    kind: 'health_commission',
    regionCode: '220104',
    name: '朝阳区卫健局（测试）',
  });
  const u = await buildUser(t.deps, { organisationId: org, roleKeys: ['regulator'] });
  reviewerOf['220102'] = c['demo-county']!;
  reviewerOf['220104'] = await t.login(u.username);
});
afterAll(async () => t.close());

const postXml = (who: string, body: Buffer | string) =>
  c[who]!.app.inject({
    method: 'POST',
    url: '/api/v1/exam-reports/national-xml',
    payload: typeof body === 'string' ? Buffer.from(body) : body,
    headers: { 'content-type': 'application/xml', 'x-csrf-token': c[who]!.csrfToken! },
    cookies: { ohp_sid: c[who]!.sessionToken! },
  });
const report = (res: { json: () => unknown }) => res.json() as ImportReport;
const cardIds = async (recordIds: string[]) =>
  await t.deps.db
    .selectFrom('exam_card')
    .select(['exam_card_id', 'region_code', 'record_id'])
    .where('record_id', 'in', recordIds)
    .orderBy('record_id')
    .execute();
const review = async (who: Client, ids: number[]) => {
  const res = await who.post('/api/v1/exam-cards/reviews', {
    cardIds: ids,
    decision: 'approved',
    opinion: '同意',
  });
  expect(res.status).toBe(200);
};
const exportXml = (who: string, q: string) =>
  c[who]!.app.inject({
    method: 'GET',
    url: `/api/v1/exam-cards/national-xml?${q}`,
    cookies: { ohp_sid: c[who]!.sessionToken! },
  });

const parsed = parseExamCardXml(fixture);
if (!parsed.ok) throw new Error('fixture does not parse');
const fixtureCards = parsed.records.map((r) => r.card as ExamCardInput);

describe('the national XML door', () => {
  it('takes the specification’s document as is and answers every record’s outcome by its ID', async () => {
    const res = await postXml('demo-exam', fixture);
    expect(res.statusCode, res.body).toBe(200);
    const r = report(res);
    expect(r).toMatchObject({ total: 2, accepted: 2, rejected: 0 });
    expect(r.results).toEqual([
      { row: 1, key: 'TJ2026-000123', outcome: 'accepted' },
      { row: 2, key: 'TJ2026-000456', outcome: 'accepted' },
    ]);
    const stored = await t.deps.db
      .selectFrom('exam_card')
      .select(['source', 'audit_status'])
      .where('record_id', '=', 'TJ2026-000123')
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ source: 'xml', audit_status: '02' });
    // The same document again: the first result, nothing written twice.
    const again = await postXml('demo-exam', fixture);
    expect(report(again).results).toEqual(r.results);
    expect(await cardIds(['TJ2026-000123', 'TJ2026-000456'])).toHaveLength(2);
  });

  it('round-trips: reviewed county → city → province, exported as the national XML, the same records come back', async () => {
    const cards = await cardIds(['TJ2026-000123', 'TJ2026-000456']);
    for (const card of cards) await review(reviewerOf[card.region_code]!, [card.exam_card_id]);
    await review(
      c['demo-city']!,
      cards.map((x) => x.exam_card_id),
    );
    // Nothing to export before the province has approved.
    const early = await exportXml('demo-province', 'from=2026-01-01&to=2026-12-31');
    expect(early.statusCode).toBe(404);
    await review(
      c['demo-province']!,
      cards.map((x) => x.exam_card_id),
    );
    const audits = async () =>
      Number(
        (
          await t.deps.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '=', 'exam_card.export')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await audits();
    const res = await exportXml('demo-province', 'from=2026-01-01&to=2026-12-31');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/xml');
    expect(res.headers['x-record-count']).toBe('2');
    expect(await audits()).toBe(before + 1);
    const back = parseExamCardXml(res.rawPayload);
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.records.every((r) => r.issues.length === 0 && r.operateType === 'Add')).toBe(true);
    const byId = (xs: ExamCardInput[]) => [...xs].sort((a, b) => a.recordId.localeCompare(b.recordId));
    expect(byId(back.records.map((r) => r.card as ExamCardInput))).toEqual(
      byId(fixtureCards.map(toNationalCard)),
    );
    // The personal data is in full (the national system needs it), with the province's approval.
    const xml = res.rawPayload.toString('utf8');
    expect(xml).toContain('220102198503151237');
    expect(xml).toContain('<AUDITSTATUS>07</AUDITSTATUS>');
  });

  it('exports only for holders of the permission, only in scope, refusing an inverted period', async () => {
    expect((await exportXml('demo-county', 'from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
    expect((await exportXml('demo-qc', 'from=2026-01-01&to=2026-12-31')).statusCode).toBe(403);
    const inverted = await exportXml('demo-province', 'from=2026-12-31&to=2026-01-01');
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json<{ error: { details: Array<{ path: string }> } }>().error.details[0]!.path).toBe(
      'to',
    );
  });

  it('updates on Update (the old version kept), deletes on Delete unless approved, names unknown records', async () => {
    const update = fixture
      .toString('utf8')
      .replace('<OperateType>Add</OperateType>', '<OperateType>Update</OperateType>')
      .replace('ID="TJ2026-000123"', 'ID="TJ2026-000789"');
    const u = report(await postXml('demo-exam', update));
    expect(u.results).toEqual([
      { row: 1, key: 'TJ2026-000789', outcome: 'accepted' },
      { row: 2, key: 'TJ2026-000456', outcome: 'unchanged' },
    ]);
    const del = (ids: string[]) =>
      `<?xml version="1.0" encoding="utf-8"?><DataExchange>${fixture
        .toString('utf8')
        .match(/<Header>[\s\S]*<\/Header>/)![0]
        .replace(/<OperateType>\w+<\/OperateType>/, '<OperateType>Delete</OperateType>')
        .replace(
          /<DocumentId>[^<]*<\/DocumentId>/,
          `<DocumentId>del-${ids.join('-')}</DocumentId>`,
        )}<EventBody><HEALTH_EXAM_RECORD_LIST>${ids.map((id) => `<HEALTH_EXAM_RECORD ID="${id}"/>`).join('')}</HEALTH_EXAM_RECORD_LIST></EventBody></DataExchange>`;
    const d = report(await postXml('demo-exam', del(['TJ2026-000789', 'TJ2026-000123', 'NO-SUCH'])));
    expect(d.results).toEqual([
      { row: 1, key: 'TJ2026-000789', outcome: 'deleted' },
      { row: 2, key: 'TJ2026-000123', outcome: 'rejected' },
      { row: 3, key: 'NO-SUCH', outcome: 'rejected' },
    ]);
    expect(d.deleted).toBe(1);
    expect(d.errors.map((e) => [e.row, e.reason])).toEqual([
      [2, 'card_approved_locked'],
      [3, 'not_found'],
    ]);
    expect(await cardIds(['TJ2026-000789'])).toEqual([]);
    expect(await cardIds(['TJ2026-000123'])).toHaveLength(1);
  });

  it('refuses a record with bad values by its field while taking the others, and a hostile document whole', async () => {
    const bad = fixture
      .toString('utf8')
      .replace('<EXAM_DATE>20260610</EXAM_DATE>', '<EXAM_DATE>20261310</EXAM_DATE>')
      .replace(/<DocumentId>[^<]*<\/DocumentId>/, '<DocumentId>bad-date</DocumentId>');
    const r = report(await postXml('demo-exam', bad));
    expect(r.results!.map((x) => x.outcome)).toEqual(['rejected', 'unchanged']);
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'examDate', reason: 'invalid_date' });
    const bomb = `<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><DataExchange>&b;</DataExchange>`;
    const refused = await postXml('demo-exam', bomb);
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: { reason: string } }>().error.reason).toBe('xml_doctype_forbidden');
    const broken = await postXml('demo-exam', '<DataExchange><Header>');
    expect(broken.statusCode).toBe(400);
    expect(broken.json<{ error: { reason: string } }>().error.reason).toBe('malformed_xml');
    // Only exam institutions report cards.
    expect((await postXml('demo-county', fixture)).statusCode).toBe(403);
  });
});
