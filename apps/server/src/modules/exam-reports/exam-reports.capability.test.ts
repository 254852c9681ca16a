/**
 * The institution's capability (issue 15 item 3): every card door refuses a card whose examined factor
 * the institution has not filed for (once its filing is on the platform) or was found without capability
 * for at on-site verification, naming the factor's field; an institution without rows is not restricted.
 * The rows stand for what the institution module (issue 16) writes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examCard } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let exam: Client;
let institutionId: number;
beforeAll(async () => {
  t = await createTestContext();
  exam = await t.login('demo-exam');
  institutionId = (
    await t.deps.db
      .selectFrom('app_user')
      .select('organisation_id')
      .where('username', '=', 'demo-exam')
      .executeTakeFirstOrThrow()
  ).organisation_id;
});
afterAll(async () => t.close());

type Report = {
  accepted: number;
  rejected: number;
  errors: Array<{ row: number; column: string; reason: string; message: string }>;
};
let serial = 0;
const send = async (cards: unknown[]) => {
  const res = await exam.post(
    '/api/v1/exam-reports/batches',
    { cards },
    { 'idempotency-key': `capability-${++serial}` },
  );
  expect(res.status).toBe(200);
  return res.body as unknown as Report;
};
const set = async (rows: Array<{ code: string; status: 'filed' | 'blocked' }>) => {
  await t.deps.db.deleteFrom('institution_capability').where('institution_id', '=', institutionId).execute();
  if (rows.length)
    await t.deps.db
      .insertInto('institution_capability')
      .values(
        rows.map((r) => ({
          institution_id: institutionId,
          hazard_code: r.code,
          status: r.status,
          source: 'demo',
        })),
      )
      .execute();
};

// The example card examines two factors: 1038 (its suspected silicosis) and 3008 (noise).
describe('the capability an institution has filed', () => {
  it('does not restrict an institution whose filing is not on the platform', async () => {
    await set([]);
    expect(await send([examCard('CAP-1')])).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('does refuse a factor found without capability at verification, by its field, in both languages', async () => {
    await set([{ code: '1038', status: 'blocked' }]);
    const r = await send([examCard('CAP-2')]);
    expect(r).toMatchObject({ accepted: 0, rejected: 1 });
    expect(r.errors.map((e) => [e.row, e.column, e.reason])).toEqual([
      [1, 'conclusions.0.factorCodes.0', 'factor_capability_blocked'],
    ]);
    expect(r.errors[0]!.message).toContain('现场核查');
    const stored = await t.deps.db
      .selectFrom('exam_card')
      .select('record_id')
      .where('record_id', '=', 'CAP-2')
      .execute();
    expect(stored).toEqual([]);
  });

  it('does refuse a factor outside the filing once the filing is on the platform, and take one within it', async () => {
    await set([
      { code: '1001', status: 'filed' },
      { code: '3008', status: 'filed' },
    ]);
    const outside = await send([examCard('CAP-3')]);
    expect(outside.errors.map((e) => [e.column, e.reason])).toEqual([
      ['conclusions.0.factorCodes.0', 'factor_not_filed'],
    ]);
    await set([
      { code: '1001', status: 'filed' },
      { code: '1038', status: 'filed' },
      { code: '3008', status: 'filed' },
    ]);
    expect(await send([examCard('CAP-3')])).toMatchObject({ accepted: 1, rejected: 0 });
  });

  it('does apply to the national XML door too', async () => {
    await set([{ code: '1038', status: 'blocked' }]);
    const xml = (await import('node:fs')).readFileSync(
      new URL('./fixtures/national-exam-cards.xml', import.meta.url),
      'utf8',
    );
    const res = await exam.app.inject({
      method: 'POST',
      url: '/api/v1/exam-reports/national-xml',
      payload: Buffer.from(xml),
      headers: { 'content-type': 'application/xml', 'x-csrf-token': exam.csrfToken! },
      cookies: { ohp_sid: exam.sessionToken! },
    });
    const body = res.json<Report>();
    const refused = body.errors.filter((e) => e.reason === 'factor_capability_blocked');
    expect(refused.length).toBeGreaterThan(0);
    await set([]);
  });
});
