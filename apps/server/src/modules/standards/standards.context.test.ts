/**
 * Issue 14 item 4: the calculators' administrator data is read once and kept until it changes — an
 * import or an amendment date clears it when committed, so the next calculation uses the change.
 */
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { CONTEXT_MAX_AGE_MS, invalidateContext, loadContext } from './standards.service.js';

let t: TestContext;
let exam: Client;
let qc: Client;
beforeAll(async () => {
  t = await createTestContext();
  exam = await t.login('demo-exam');
  qc = await t.login('demo-qc');
});
afterAll(async () => t.close());

const coalDust = {
  eventDate: '2024-06-01',
  substance: { rowId: 'T2-23' },
  dustFraction: 'total',
  cTwa: 3,
  maxConcentration: 5,
};

const importDusts = (csv: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/standards/imports?kind=oel_dusts',
    payload: `--b\r\nContent-Disposition: form-data; name="file"; filename="dusts.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n--b--\r\n`,
    headers: { 'content-type': 'multipart/form-data; boundary=b', 'x-csrf-token': qc.csrfToken! },
    cookies: { ohp_sid: qc.sessionToken! },
  });

describe('the calculator context cache', () => {
  it('reads the administrator data once for many calculations, concurrent ones included', async () => {
    let queries = 0;
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = t.deps.db.withPlugin(plugin);
    const now = Date.now();
    const all = await Promise.all([loadContext(db, now), loadContext(db, now), loadContext(db, now)]);
    // One read = the amendment settings and the active imports (two queries), shared by all three.
    expect(queries).toBe(2);
    expect(all[1]).toBe(all[0]);
    await loadContext(db, now + 1_000);
    expect(queries).toBe(2);
    // Cleared: read again.
    invalidateContext(db);
    await loadContext(db, now + 2_000);
    expect(queries).toBe(4);
    // Too old (a change made by another process): read again.
    await loadContext(db, now + 2_000 + CONTEXT_MAX_AGE_MS);
    expect(queries).toBe(6);
  });

  it('does not keep a read that began before a clear', async () => {
    let queries = 0;
    const plugin: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = t.deps.db.withPlugin(plugin);
    const reading = loadContext(db);
    invalidateContext(db);
    await reading;
    await loadContext(db);
    expect(queries).toBe(4);
  });

  it('uses imported rows from the next calculation on', async () => {
    const before = await exam.post('/api/v1/standards/air-judgement', coalDust);
    expect(before.status).toBe(200);
    expect(before.body.verdict).toBe('limit_not_loaded');
    const imported = await importDusts(
      'seq,name_zh,name_en,cas,pc_twa_total,pc_twa_respirable,critical_effect,notes\r\n23,煤尘（游离SiO2含量＜10%）,Coal dust,,4,2.5,煤工尘肺,',
    );
    expect(imported.statusCode).toBe(200);
    expect(imported.json<{ accepted: number }>().accepted).toBe(1);
    const after = await exam.post('/api/v1/standards/air-judgement', coalDust);
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ verdict: 'compliant', limitApplied: { rowId: 'T2-23' } });
    // The same file again by the same administrator is the same import (its first report, nothing
    // written) and the calculation still uses it.
    const again = await importDusts(
      'seq,name_zh,name_en,cas,pc_twa_total,pc_twa_respirable,critical_effect,notes\r\n23,煤尘（游离SiO2含量＜10%）,Coal dust,,4,2.5,煤工尘肺,',
    );
    expect(again.json<{ batchId: number }>().batchId).toBe(imported.json<{ batchId: number }>().batchId);
    // The same rows in another file (here with a BOM) are a new upload that changes nothing.
    const withBom = await importDusts(
      '\uFEFFseq,name_zh,name_en,cas,pc_twa_total,pc_twa_respirable,critical_effect,notes\r\n23,煤尘（游离SiO2含量＜10%）,Coal dust,,4,2.5,煤工尘肺,',
    );
    expect(withBom.statusCode).toBe(200);
    expect(withBom.json<{ batchId: number; unchanged: boolean }>()).toMatchObject({ unchanged: true });
    expect(withBom.json<{ batchId: number }>().batchId).not.toBe(
      imported.json<{ batchId: number }>().batchId,
    );
    expect((await exam.post('/api/v1/standards/air-judgement', coalDust)).body.verdict).toBe('compliant');
  });
});
