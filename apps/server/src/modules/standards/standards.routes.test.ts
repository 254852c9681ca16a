import { chemicalImportTemplate, defaultAmendments } from '@ohp/standards';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';

let t: TestContext;
let exam: Client;
let qc: Client;
beforeAll(async () => {
  t = await createTestContext();
  exam = await t.login('demo-exam');
  qc = await t.login('demo-qc');
});
afterAll(async () => t.close());

const benzene = (eventDate: string) => ({
  eventDate,
  substance: { nameZh: '苯' },
  exposure: { segments: [{ concentration: 4, hours: 8 }], shiftHours: 8 },
});

describe('standards calculators over HTTP', () => {
  it('lists every calculator with its input schema and example', async () => {
    const res = await exam.get('/api/v1/standards');
    const rows = res.body.data as Array<{
      id: string;
      standard: string;
      inputSchema: unknown;
      example: unknown;
    }>;
    expect(rows.map((r) => r.id)).toEqual(
      expect.arrayContaining([
        'air-twa',
        'noise-lex8h',
        'hearing-gbz49',
        'surveillance-cycle',
        'pneumoconiosis-stage',
      ]),
    );
    expect(rows.every((r) => r.inputSchema && r.example)).toBe(true);
  });

  it('computes C_TWA: (4 mg/m³ × 2 h + 1 mg/m³ × 4 h) / 8 h = 1.5 mg/m³', async () => {
    const res = await exam.post('/api/v1/standards/air-twa', {
      segments: [
        { concentration: 4, hours: 2 },
        { concentration: 1, hours: 4 },
      ],
      shiftHours: 8,
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain('1.5');
  });

  it('answers 400 with field details when the body does not match the calculator schema', async () => {
    const res = await exam.post(
      '/api/v1/standards/air-twa',
      { segments: 'many', shiftHours: -1 },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    const paths = (res.body.error as { details: Array<{ path: string }> }).details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['segments', 'shiftHours']));
  });

  it('refuses a benzene verdict until the amendment date is set, then applies the edition in force on the sampling date', async () => {
    const before = await exam.post('/api/v1/standards/air-judgement', benzene('2023-06-01'));
    expect(before.body).toMatchObject({ verdict: 'error', error: 'amendment_date_unset' });

    // Only holders of standards:manage (the provincial QC centre) may set it.
    const amendment = { id: defaultAmendments[0]!.id, effectiveFrom: '2022-12-01', confirmed: false };
    expect((await exam.put('/api/v1/standards/amendments', amendment)).status).toBe(403);
    expect((await qc.put('/api/v1/standards/amendments', amendment)).status).toBe(200);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'standards.amendment_set')
      .executeTakeFirst();
    expect(audit?.actor_username).toBe('demo-qc');

    // 4 mg/m³ over 8 h: above the amended PC-TWA 3 on 2023-06-01, below the original 6 on 2021-06-01.
    const after = await exam.post('/api/v1/standards/air-judgement', benzene('2023-06-01'));
    expect(after.body).toMatchObject({ verdict: 'exceeds', limitApplied: { rowId: 'T1-12' } });
    const earlier = await exam.post('/api/v1/standards/air-judgement', benzene('2021-06-01'));
    expect(earlier.body.verdict).not.toBe('exceeds');
    expect(JSON.stringify(earlier.body.reasons)).toContain('PC-TWA 6');
  });

  it('imports an administrator CSV, keeping valid rows and reporting the bad ones by row and column', async () => {
    const header = chemicalImportTemplate.join(',');
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/standards/imports?kind=oel_chemicals&dryRun=true',
      payload: `--b\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n${header}\r\nnot,enough\r\n--b--\r\n`,
      headers: { 'content-type': 'multipart/form-data; boundary=b', 'x-csrf-token': qc.csrfToken! },
      cookies: { ohp_sid: qc.sessionToken! },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json<{
      accepted: number;
      rejected: number;
      errors: Array<{ row: number; reason: string }>;
    }>();
    expect(report.accepted).toBe(0);
    expect(report.rejected).toBeGreaterThan(0);
    expect(report.errors[0]?.row).toBe(2);
    // A quoted field left open is reported, not a server error.
    const broken = await t.app.inject({
      method: 'POST',
      url: '/api/v1/standards/imports?kind=oel_dusts&dryRun=true',
      payload: `--b\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\nContent-Type: text/csv\r\n\r\n"open,quote\r\n--b--\r\n`,
      headers: { 'content-type': 'multipart/form-data; boundary=b', 'x-csrf-token': qc.csrfToken! },
      cookies: { ohp_sid: qc.sessionToken! },
    });
    expect(broken.statusCode).toBe(200);
    expect(broken.json<{ rejected: number }>().rejected).toBeGreaterThan(0);
    const template = await qc.get('/api/v1/standards/imports/template?kind=oel_chemicals');
    expect(template.raw.body).toContain(header);
  });
});
