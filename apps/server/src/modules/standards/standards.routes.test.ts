import { calculators, chemicalImportTemplate, defaultAmendments, numericFields } from '@ohp/standards';
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

  type Detail = { path: string; reason: string; message: string };
  const details = (body: unknown) => (body as { error: { details: Detail[] } }).error.details;

  it.each([
    [
      'air-judgement',
      {
        eventDate: '2024-06-01',
        substance: { nameZh: '甲苯' },
        exposure: { segments: [{ concentration: 1, hours: 8 }], shiftHours: 8 },
        cTwa: 500,
      },
      'cTwa contradictory',
    ],
    [
      'air-judgement',
      { eventDate: '2024-06-01', substance: { nameZh: '甲苯' }, exposure: { segments: [], shiftHours: 8 } },
      'exposure.segments minItems',
    ],
    [
      'noise-lex8h',
      { exposure: { kind: 'segments', segments: [{ laeq: -500, hours: 8 }] } },
      'exposure.segments.0.laeq minimum',
    ],
    ['noise-grade', { eventDate: '2024-06-01', level: -10 }, 'level minimum'],
    ['workplace-testing-interval', { eventDate: '2024-02-30', industryCodes: ['ZZZZ'] }, 'eventDate format'],
    [
      'air-judgement',
      { eventDate: '2024-06-01', substance: { cas: '630-08-0' }, cTwa: 1 },
      'substance.cas ambiguous_substance',
    ],
  ])(
    'answers %s with 400 validation_failed naming the field, in zh-CN and en',
    async (id, body, expected) => {
      const zh = await exam.post(`/api/v1/standards/${id}`, body);
      expect(zh.status).toBe(400);
      expect(zh.body.error).toMatchObject({ code: 'validation_failed' });
      const d = details(zh.body);
      expect(d.map((x) => `${x.path} ${x.reason}`)).toContain(expected);
      expect(d.every((x) => /[\u4e00-\u9fff]/u.test(x.message))).toBe(true);
      const en = await exam.post(`/api/v1/standards/${id}`, body, { 'accept-language': 'en' });
      expect(en.status).toBe(400);
      // The same fields, the messages in English (substance names stay as printed).
      expect(details(en.body).map((x) => x.path)).toEqual(d.map((x) => x.path));
      expect(
        details(en.body).every((x, i) => /[A-Za-z]{3,}/.test(x.message) && x.message !== d[i]?.message),
      ).toBe(true);
    },
  );

  it('reports only the field that is wrong when the schema has alternatives', async () => {
    const res = await exam.post(
      '/api/v1/standards/noise-judgement',
      { eventDate: '2024-06-01', exposure: { kind: 'laeq', laeqTe: 92, teHours: 30 } },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(details(res.body)).toEqual([
      {
        path: 'exposure.teHours',
        reason: 'maximum',
        message: 'out of range: must be within (0, 24] h (a day has 24 h); got 30',
      },
    ]);
  });

  it('answers out-of-range numbers of every calculator with 400, never with a verdict', async () => {
    const failures: string[] = [];
    for (const c of calculators) {
      for (const input of [c.example, ...(c.moreExamples ?? [])]) {
        for (const f of numericFields(c.inputSchema, input)) {
          const lo = (f.schema.minimum ?? f.schema.exclusiveMinimum) as number;
          const hi = (f.schema.maximum ?? f.schema.exclusiveMaximum) as number;
          for (const value of [lo - 1, hi + 1]) {
            const body = structuredClone(input) as Record<string | number, unknown>;
            let node = body;
            for (const k of f.path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
            node[f.path[f.path.length - 1]!] = value;
            const res = await exam.post(`/api/v1/standards/${c.id}`, body);
            const path = f.path.join('.');
            if (res.status !== 400 || !details(res.body).some((d) => d.path === path))
              failures.push(`${c.id} ${path}=${value} → ${res.status}`);
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('renders the reasons in the caller’s language and keeps their codes and provenance fields', async () => {
    const body = {
      eventDate: '2024-06-01',
      substance: { nameZh: '甲苯' },
      cTwa: 30,
      cSte: 60,
    };
    const zh = await exam.post('/api/v1/standards/air-judgement', body);
    expect(zh.status).toBe(200);
    const reasons = zh.body.reasons as { code: string; text: string }[];
    expect(reasons.map((r) => r.text)).toContain(
      '甲苯 C_TWA 30 mg/m³ ≤ PC-TWA 50 mg/m³（GBZ 2.1—2019 表1 第136行）',
    );
    expect(JSON.stringify(reasons)).not.toMatch(/datasets\/|\.csv/);
    expect(zh.body.limitApplied).toMatchObject({
      provenance: { kind: 'table', file: 'datasets/source/oel-chemicals-gbz2.1-2019.csv', confidence: 'V3' },
      citation: { code: 'cite.row', text: 'GBZ 2.1—2019 表1 第136行' },
    });
    const en = await exam.post('/api/v1/standards/air-judgement', body, {
      'accept-language': 'en-GB,en;q=0.9',
    });
    expect((en.body.reasons as { text: string }[]).map((r) => r.text)).toContain(
      'Toluene C_TWA 30 mg/m³ ≤ PC-TWA 50 mg/m³ (GBZ 2.1—2019 Table 1, row 136)',
    );
  });

  it('keeps 200 for real outcomes: limit not loaded, amendment date unset, not covered', async () => {
    const notLoaded = await exam.post('/api/v1/standards/air-judgement', {
      eventDate: '2024-06-01',
      substance: { nameZh: '煤尘' },
      dustFraction: 'total',
      cTwa: 1,
    });
    expect(notLoaded.status).toBe(200);
    expect(notLoaded.body.verdict).toBe('limit_not_loaded');
    expect((notLoaded.body.reasons as { text: string }[])[0]?.text).toContain('表2 第23行 煤尘');
    const impulse = await exam.post('/api/v1/standards/noise-impulse', {
      eventDate: '2024-06-01',
      impulsesPerShift: 20000,
    });
    expect(impulse.status).toBe(200);
    expect(impulse.body.verdict).toBe('not_covered');
  });

  it('refuses a benzene verdict until the amendment date is set, then applies the edition in force on the sampling date', async () => {
    const before = await exam.post('/api/v1/standards/air-judgement', benzene('2023-06-01'));
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ verdict: 'error', error: 'amendment_date_unset' });
    expect((before.body.reasons as { text: string }[])[0]?.text).toContain('“GBZ 2.1 修改单生效日期”面板');

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
    // An amended limit cites the amendment as its origin.
    expect((after.body.limitApplied as { origin: string }).origin).toMatch(/^GBZ 2\.1—2019 第1号修改单/);
    expect((after.body.reasons as { text: string }[]).map((r) => r.text)).toContain(
      '苯 C_TWA 4 mg/m³ > PC-TWA 3 mg/m³（GBZ 2.1—2019 第1号修改单，修改 GBZ 2.1—2019 表1 第12行）',
    );
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

  it('searches the GBZ 2.1 rows by name, CAS, row id and pinyin initials; a base name brings its sub-rows', async () => {
    type Hit = {
      rowId: string;
      group: string;
      variant: string | null;
      loaded: boolean;
      citation: string;
      note: string | null;
    };
    const search = async (q: string, extra = '') => {
      const res = await exam.get(`/api/v1/standards/limit-rows?q=${encodeURIComponent(q)}${extra}`);
      expect(res.status).toBe(200);
      return res.body.data as Hit[];
    };
    // Pinyin initials of the name without its qualifiers: yyht → 一氧化碳, its three sub-rows in order.
    const co = await search('yyht');
    expect(co.slice(0, 3).map((h) => h.rowId)).toEqual(['T1-313-1', 'T1-313-2', 'T1-313-3']);
    expect(co[0]).toMatchObject({
      group: '一氧化碳',
      variant: '非高原',
      citation: 'GBZ 2.1—2019 表1 第313行',
    });
    // The base name of a dust offers the rows it is printed with.
    expect((await search('矽尘')).map((h) => h.rowId)).toEqual(['T2-40-1', 'T2-40-2', 'T2-40-3']);
    expect((await search('jb'))[0]?.rowId).toBe('T1-136');
    expect((await search('108-88-3'))[0]?.rowId).toBe('T1-136');
    expect((await search('T1-136'))[0]?.rowId).toBe('T1-136');
    expect((await search('toluene'))[0]?.rowId).toBe('T1-136');
    // A numbered row that is not loaded is found, saying why.
    const coal = await search('煤尘');
    expect(coal[0]).toMatchObject({ rowId: 'T2-23', loaded: false });
    expect(coal[0]?.note).toBeTruthy();
    const en = await exam.get('/api/v1/standards/limit-rows?q=jb', { 'accept-language': 'en' });
    expect((en.body.data as Hit[])[0]?.citation).toBe('GBZ 2.1—2019 Table 1, row 136');
    expect((await search('', '&limit=5')).length).toBe(5);
    expect((await exam.get('/api/v1/standards/limit-rows?limit=500')).status).toBe(400);
  });
});
