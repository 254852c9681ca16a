/**
 * 机构备案 (issue 16 item 2): the state machine (draft → submitted → returned ↔ resubmitted → filed,
 * changes, cancellation) with its illegal moves refused, who may decide (the provincial commission
 * only), the capability rows written and removed, the commission's clock opened and closed, the
 * receipt, attachment types checked by content, hazard codes checked against the national table, scope
 * and audit.
 */
import type { FilingDetail, FilingSummary } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { DEMO_FILING_IDS } from './index.js';
import { DEMO_PDF } from './filings.demo.js';
import { attachmentTypeOf, diffContent, missingForSubmit } from './filings.rules.js';

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of [
    'demo-province',
    'demo-city',
    'demo-county',
    'demo-exam',
    'demo-diag',
    'demo-service',
    'demo-qc',
    'demo-employer',
  ])
    c[u] = await t.login(u);
}, 120_000);
afterAll(async () => t.close());

const detail = async (who: string, id: number) => {
  const res = await c[who]!.get(`/api/v1/filings/${id}`);
  expect(res.status).toBe(200);
  return res.body as unknown as FilingDetail;
};
const list = async (who: string, q = '') => {
  const res = await c[who]!.get(`/api/v1/filings?pageSize=200${q}`);
  expect(res.status).toBe(200);
  return res.body as unknown as { data: FilingSummary[]; total: number };
};
const upload = (who: string, id: number, kind: string, buf: Buffer, name: string) => {
  const { payload, contentType } = multipartFile(buf, name);
  return c[who]!.request('POST', `/api/v1/filings/${id}/attachments?kind=${kind}`, payload, {
    'content-type': contentType,
  });
};
const capability = (institutionId: number) =>
  t.deps.db
    .selectFrom('institution_capability')
    .select(['hazard_code', 'status', 'source'])
    .where('institution_id', '=', institutionId)
    .orderBy('hazard_code')
    .execute();
const clocksOf = (reviewIds: number[]) =>
  t.deps.db
    .selectFrom('deadline')
    .selectAll()
    .where('kind', '=', 'filing_review')
    .where('subject_type', '=', 'filing_review')
    .where('subject_id', 'in', reviewIds)
    .execute();
const audits = (id: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_username'])
    .where('entity_type', '=', 'filing')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82]);
const JPG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]);
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);

describe('the demo filings', () => {
  it('every screen has data: filed, returned with its opinion, two awaiting the province', async () => {
    const all = await list('demo-province');
    expect(all.total).toBeGreaterThanOrEqual(DEMO_FILING_IDS.seeded);
    const queue = await list('demo-province', '&awaitingReview=true');
    expect(queue.data.map((f) => f.id).sort()).toEqual([
      DEMO_FILING_IDS.submittedA,
      DEMO_FILING_IDS.submittedB,
    ]);
    for (const f of queue.data) {
      expect(f.abilities.review).toBe(true);
      expect(f.dueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
    const mine = await list('demo-exam');
    expect(mine.data.map((f) => f.id)).toEqual([DEMO_FILING_IDS.examReturned]);
    const d = await detail('demo-exam', DEMO_FILING_IDS.examReturned);
    expect(d.status).toBe('returned');
    expect(d.lastOpinion).toContain('培训合格证书');
    expect(d.abilities).toMatchObject({ edit: true, submit: true, review: false });
    const diag = await detail('demo-diag', DEMO_FILING_IDS.diagFiled);
    expect(diag.status).toBe('filed');
    expect(diag.filingNo).toMatch(/^22-ZD-\d{4}-\d{4}$/);
    expect(diag.receipts.length).toBe(1);
  });

  it('scope: an institution sees only its own, a county only its region, an employer has no permission', async () => {
    const county = await t.deps.db
      .selectFrom('app_user as u')
      .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
      .select('o.region_code')
      .where('u.username', '=', 'demo-county')
      .executeTakeFirstOrThrow();
    const inCounty = await list('demo-county');
    expect(inCounty.data.every((f) => f.regionCode.startsWith(county.region_code))).toBe(true);
    expect(inCounty.data.every((f) => !f.abilities.review)).toBe(true);
    expect((await c['demo-exam']!.get(`/api/v1/filings/${DEMO_FILING_IDS.diagFiled}`)).status).toBe(404);
    expect((await c['demo-employer']!.get('/api/v1/filings')).status).toBe(403);
    expect((await list('demo-qc')).total).toBe((await list('demo-province')).total);
  });
});

describe('the state machine', () => {
  it('returned → resubmitted → filed: number, receipt, capability (blocked rows kept), clock closed, audited', async () => {
    const id = DEMO_FILING_IDS.examReturned;
    const before = await detail('demo-exam', id);
    const institutionId = before.institutionId;
    // A factor found 不具备能力 by another process stays blocked whatever the filing says.
    await t.deps.db
      .insertInto('institution_capability')
      .values({
        institution_id: institutionId,
        hazard_code: '1038',
        status: 'blocked',
        source: 'verification',
      })
      .execute();
    // Editing the returned filing is allowed; a code of the wrong category is refused with its field.
    const wrong = await c['demo-exam']!.put(`/api/v1/filings/${id}/content`, {
      categories: [{ category: 'dust', hazardCodes: ['3008'] }],
    });
    expect(wrong.status).toBe(400);
    expect(
      (wrong.body as { error: { details: Array<{ path: string; reason: string; message: string }> } }).error
        .details[0],
    ).toMatchObject({
      path: 'categories.0.hazardCodes.0',
      reason: 'filing_hazard_wrong_category',
    });
    const unknown = await c['demo-exam']!.put(`/api/v1/filings/${id}/content`, {
      categories: [{ category: 'dust', hazardCodes: ['1999'] }],
    });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body)).toContain('filing_hazard_unknown');

    const resubmit = await c['demo-exam']!.post(`/api/v1/filings/${id}/submit`, { note: '已补充' });
    expect(resubmit.status).toBe(200);
    expect(resubmit.body).toMatchObject({ status: 'submitted' });
    const reviewId = (resubmit.body as { reviewId: number }).reviewId;
    const [clock] = await clocksOf([reviewId]);
    expect(clock).toBeDefined();
    expect(clock!.done_at).toBeNull();
    expect(clock!.regulator_region_code).toBe('22');
    // Submitted: no editing, no second submission.
    expect((await c['demo-exam']!.put(`/api/v1/filings/${id}/content`, { vehicles: [] })).status).toBe(409);
    const again = await c['demo-exam']!.post(`/api/v1/filings/${id}/submit`, {});
    expect(again.status).toBe(409);
    expect((again.body as { error: { reason: string } }).error.reason).toBe('filing_not_submittable');
    // The institution may not decide; the city commission may not either (the province files).
    expect((await c['demo-exam']!.post(`/api/v1/filings/${id}/file`, {})).status).toBe(403);
    const city = await c['demo-city']!.post(`/api/v1/filings/${id}/file`, {});
    expect([403, 404]).toContain(city.status);
    if (city.status === 403)
      expect((city.body as { error: { reason: string } }).error.reason).toBe('filing_authority_province');

    const filed = await c['demo-province']!.post(`/api/v1/filings/${id}/file`, { opinion: '予以备案' });
    expect(filed.status).toBe(200);
    const fb = filed.body as { filingNo: string; receipt: { documentId: number; code: string } };
    expect(fb.filingNo).toMatch(/^22-ZJ-\d{4}-\d{4}$/);
    const after = await detail('demo-exam', id);
    expect(after.status).toBe('filed');
    expect(after.working).toBeNull();
    const codes = after.filed!.content.categories!.flatMap((x) => x.hazardCodes).sort();
    const cap = await capability(institutionId);
    expect(cap.find((r) => r.hazard_code === '1038')).toMatchObject({
      status: 'blocked',
      source: 'verification',
    });
    expect(cap.filter((r) => r.status === 'filed').map((r) => r.hazard_code)).toEqual(
      codes.filter((x) => x !== '1038'),
    );
    expect((await clocksOf([reviewId]))[0]!.done_at).not.toBeNull();
    const receipt = await c['demo-exam']!.get(`/api/v1/filings/${id}/receipt`);
    expect(receipt.status).toBe(200);
    expect(receipt.body).toMatchObject({ documentId: fb.receipt.documentId, code: fb.receipt.code });
    const doc = await t.deps.db
      .selectFrom('issued_document')
      .selectAll()
      .where('document_id', '=', fb.receipt.documentId)
      .executeTakeFirstOrThrow();
    expect(doc.number).toBe(fb.filingNo);
    // Filed: deciding again, or editing, is a conflict.
    expect(
      (await c['demo-province']!.post(`/api/v1/filings/${id}/return`, { opinion: '再退回' })).status,
    ).toBe(409);
    expect((await c['demo-exam']!.put(`/api/v1/filings/${id}/content`, { vehicles: [] })).status).toBe(409);
    const actions = (await audits(id)).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'filing.create',
        'filing.update',
        'filing.submit',
        'filing.return',
        'filing.file',
      ]),
    );
  });

  it('a change drops a factor: reviewed, the diff shown, the number kept, the factor removed from capability', async () => {
    const id = DEMO_FILING_IDS.examReturned;
    const d0 = await detail('demo-exam', id);
    expect((await c['demo-exam']!.post(`/api/v1/filings/${id}/change`, { reason: '' })).status).toBe(400);
    const start = await c['demo-exam']!.post(`/api/v1/filings/${id}/change`, {
      reason: '不再开展物理因素类高温项目',
    });
    expect(start.status).toBe(200);
    expect((await c['demo-exam']!.post(`/api/v1/filings/${id}/change`, { reason: '再次' })).status).toBe(409);
    const cats = d0.filed!.content.categories!.map((x) => ({
      ...x,
      hazardCodes: x.hazardCodes.filter((code) => code !== '3008'),
    }));
    expect((await c['demo-exam']!.put(`/api/v1/filings/${id}/content`, { categories: cats })).status).toBe(
      200,
    );
    expect((await c['demo-exam']!.post(`/api/v1/filings/${id}/submit`, {})).status).toBe(200);
    const review = await detail('demo-province', id);
    expect(review.status).toBe('filed');
    expect(review.changeStatus).toBe('submitted');
    expect(review.abilities.review).toBe(true);
    expect(review.diff).toContainEqual(
      expect.objectContaining({
        step: 'categories',
        after: null,
        before: expect.stringContaining('3008') as unknown,
      }),
    );
    // Still filed with the old factors while the change is reviewed.
    expect((await capability(d0.institutionId)).some((r) => r.hazard_code === '3008')).toBe(true);
    const filed = await c['demo-province']!.post(`/api/v1/filings/${id}/file`, {});
    expect(filed.status).toBe(200);
    expect((filed.body as { filingNo: string }).filingNo).toBe(d0.filingNo);
    expect((await capability(d0.institutionId)).some((r) => r.hazard_code === '3008')).toBe(false);
    const d1 = await detail('demo-exam', id);
    expect(d1.versions.map((v) => v.status)).toEqual(['filed', 'superseded']);
    expect(d1.receipts.length).toBe(2);
    // The earlier receipt is revoked: the public page no longer confirms the superseded content.
    expect(d1.receipts.filter((r) => r.revoked).length).toBe(1);
    const old = d1.receipts.find((r) => r.revoked)!;
    const pub = await c['demo-employer']!.get(`/api/v1/public/documents/${old.code}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ status: 'revoked' });
    expect((await audits(id)).map((a) => a.action)).toContain('filing.change');
  });

  it('cancellation removes every filed factor, keeps blocked ones, and a new filing may start', async () => {
    const id = DEMO_FILING_IDS.examReturned;
    const d = await detail('demo-exam', id);
    const res = await c['demo-exam']!.post(`/api/v1/filings/${id}/cancel`, {
      reason: '停止开展职业健康检查',
    });
    expect(res.status).toBe(200);
    const cap = await capability(d.institutionId);
    expect(cap.filter((r) => r.status === 'filed')).toEqual([]);
    expect(cap.map((r) => r.status)).toEqual(['blocked']);
    expect((await c['demo-exam']!.post(`/api/v1/filings/${id}/cancel`, { reason: '再次' })).status).toBe(409);
    expect((await c['demo-exam']!.post(`/api/v1/filings/${id}/change`, { reason: '变更' })).status).toBe(409);
    expect((await audits(id)).map((a) => a.action)).toContain('filing.cancel');
    // No receipt of a cancelled filing still confirms it.
    const after = await detail('demo-exam', id);
    expect(after.receipts.length).toBeGreaterThan(0);
    expect(after.receipts.every((r) => r.revoked)).toBe(true);
    const again = await c['demo-exam']!.post('/api/v1/filings', {});
    expect(again.status).toBe(201);
  });

  it('the province returns with an opinion (required), closing the clock; a returned filing cannot be decided', async () => {
    const id = DEMO_FILING_IDS.submittedB;
    const d = await detail('demo-province', id);
    expect((await c['demo-province']!.post(`/api/v1/filings/${id}/return`, { opinion: ' ' })).status).toBe(
      400,
    );
    const res = await c['demo-province']!.post(`/api/v1/filings/${id}/return`, {
      opinion: '请补充场所平面图',
    });
    expect(res.status).toBe(200);
    const after = await detail('demo-province', id);
    expect(after.status).toBe('returned');
    expect(after.lastOpinion).toBe('请补充场所平面图');
    expect(after.clocks.every((k) => k.done)).toBe(true);
    expect(after.clocks[0]!.confidence).toBe('uncertain');
    expect((await c['demo-province']!.post(`/api/v1/filings/${id}/file`, {})).status).toBe(409);
    expect(d.reviews.length).toBe(1);
  });
});

describe('历史备案导入 (earlier city filings)', () => {
  const importCsv = (who: string, csv: string, dryRun = false) => {
    const { payload, contentType } = multipartFile(Buffer.from(csv, 'utf8'), 'earlier-filings.csv');
    return c[who]!.request('POST', `/api/v1/filings/import${dryRun ? '?dryRun=true' : ''}`, payload, {
      'content-type': contentType,
    });
  };
  type Report = {
    batchId: number;
    accepted: number;
    unchanged: number;
    rejected: number;
    errors: Array<{ row: number; column: string; reason: string; message: string }>;
  };
  const HEAD = '机构统一社会信用代码,机构名称,备案类型,原备案编号,备案日期,原备案机关,备案危害因素编码,备注';
  /** Institutions of the demo province without a live filing, by kind (registered, never filed). */
  const unfiled = async (kind: 'exam_institution' | 'diagnosis_institution') =>
    t.deps.db
      .selectFrom('organisation as o')
      .select(['o.organisation_id', 'o.name', 'o.credit_code', 'o.region_code'])
      .where('o.kind', '=', kind)
      .where('o.credit_code', 'is not', null)
      .where('o.region_code', 'like', '22%')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('filing as f')
              .select('f.filing_id')
              .whereRef('f.institution_id', '=', 'o.organisation_id')
              .where('f.status', '<>', 'cancelled'),
          ),
        ),
      )
      .orderBy('o.organisation_id')
      .execute();

  it('imports filings as filed (capability from the factors, no verification task), reports bad rows, a retry changes nothing', async () => {
    const exams = await unfiled('exam_institution');
    const diags = await unfiled('diagnosis_institution');
    expect(exams.length).toBeGreaterThanOrEqual(2);
    expect(diags.length).toBeGreaterThanOrEqual(1);
    const [e1, e2] = exams;
    const d1 = diags[0]!;
    const filedOne = (await list('demo-province', '&status=filed&kind=exam')).data[0]!;
    const csv = [
      HEAD,
      `${e1!.credit_code},${e1!.name},职业健康检查,长卫职检备〔2020〕3号,2020-06-18,长春市卫生健康委员会,1038;2013；3008,`,
      `${d1.credit_code},${d1.name},职业病诊断,吉市卫职诊备〔2019〕1号,2019/11/2,吉林市卫生健康委员会,,`,
      // Unknown institution; future date; unknown factor; exam without factors; wrong type; repeated number.
      `91220000MA00000000,不存在的机构,职业健康检查,X-1,2020-01-01,,1038,`,
      `${e2!.credit_code},${e2!.name},职业健康检查,X-2,2999-01-01,,1038,`,
      `${e2!.credit_code},${e2!.name},职业健康检查,X-3,2020-01-01,,9999,`,
      `${e2!.credit_code},${e2!.name},职业健康检查,X-4,2020-01-01,,,`,
      `${e2!.credit_code},${e2!.name},职业病诊断,X-5,2020-01-01,,,`,
      `${e2!.credit_code},${e2!.name},体检单位,X-6,2020-01-01,,1038,`,
      // An institution already filed on the platform.
      `${(await t.deps.db.selectFrom('organisation').select('credit_code').where('organisation_id', '=', filedOne.institutionId).executeTakeFirstOrThrow()).credit_code},某机构,职业健康检查,X-7,2020-01-01,,1038,`,
    ].join('\n');

    // A county cannot import; the province's dry run writes nothing.
    expect((await importCsv('demo-county', csv)).status).toBe(403);
    const dry = await importCsv('demo-province', csv, true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body).toMatchObject({ accepted: 2, rejected: 7 });
    expect(await capability(e1!.organisation_id)).toEqual([]);

    const res = await importCsv('demo-province', csv);
    expect(res.status).toBe(200);
    const report = res.body as unknown as Report;
    expect(report).toMatchObject({ accepted: 2, rejected: 7 });
    const byRow = Object.fromEntries(report.errors.map((e) => [e.row, `${e.column}:${e.reason}`]));
    expect(byRow).toEqual({
      4: '机构统一社会信用代码:filing_import_institution_unknown',
      5: '备案日期:filing_import_date_future',
      6: '备案危害因素编码:filing_hazard_unknown',
      7: '备案危害因素编码:filing_import_hazards_required',
      8: '备案类型:filing_import_kind_mismatch',
      9: '备案类型:filing_import_kind_unknown',
      10: '机构统一社会信用代码:filing_import_live_filing',
    });
    expect(report.errors.every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);

    // Counted as filed, marked imported, the city's number kept; the factors are the capability.
    const mine = (await list('demo-province', '&status=filed')).data.filter((f) =>
      [e1!.organisation_id, d1.organisation_id].includes(f.institutionId),
    );
    expect(mine.map((f) => f.filingNo).sort()).toEqual(['吉市卫职诊备〔2019〕1号', '长卫职检备〔2020〕3号']);
    expect(await capability(e1!.organisation_id)).toEqual([
      { hazard_code: '1038', status: 'filed', source: 'import' },
      { hazard_code: '2013', status: 'filed', source: 'import' },
      { hazard_code: '3008', status: 'filed', source: 'import' },
    ]);
    const examFiling = mine.find((f) => f.institutionId === e1!.organisation_id)!;
    const d = await detail('demo-province', examFiling.id);
    expect(d.filedOn).toBe('2020-06-18');
    expect(d.filed!.content.categories!.map((x) => x.category).sort()).toEqual([
      'chemical',
      'dust',
      'physical',
    ]);
    // Earlier filings get no on-site verification task (R45 is for new filings).
    const tasks = await t.deps.db
      .selectFrom('verification')
      .select('verification_id')
      .where('institution_id', '=', e1!.organisation_id)
      .execute();
    expect(tasks).toEqual([]);
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username'])
      .where('action', '=', 'filing.import')
      .execute();
    expect(audit).toEqual([{ action: 'filing.import', actor_username: 'demo-province' }]);
    const errors = await c['demo-province']!.get(`/api/v1/filings/import/${report.batchId}/errors`);
    expect(errors.status).toBe(200);

    // The same file again is the same batch (the pipeline knows the file); the good rows again in a
    // new file find their filings: nothing is duplicated.
    const same = (await importCsv('demo-province', csv)).body as unknown as Report;
    expect(same.batchId).toBe(report.batchId);
    const again = (await importCsv('demo-province', csv.split('\n').slice(0, 3).join('\n')))
      .body as unknown as Report;
    expect(again.batchId).not.toBe(report.batchId);
    expect(again).toMatchObject({ accepted: 0, unchanged: 2, rejected: 0 });
    const count = await t.deps.db
      .selectFrom('filing')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('institution_id', 'in', [e1!.organisation_id, d1.organisation_id])
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('the template downloads; a city commission may not import (the province keeps the filings)', async () => {
    const tpl = await c['demo-province']!.get('/api/v1/filings/import/template');
    expect(tpl.status).toBe(200);
    expect(tpl.raw.headers['content-type']).toContain('spreadsheetml');
    const [e] = (await unfiled('exam_institution')).slice(-1);
    const res = await importCsv(
      'demo-city',
      [HEAD, `${e!.credit_code},${e!.name},职业健康检查,C-1,2021-01-01,,1038,`].join('\n'),
    );
    expect(res.status).toBe(403);
    expect((res.body.error as { reason: string }).reason).toBe('filing_import_province_only');
  });
});

describe('drafts and attachments', () => {
  it('an incomplete filing is refused with every missing field; attachments are checked by content', async () => {
    const created = await c['demo-service']!.post('/api/v1/filings', {});
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    expect((await c['demo-service']!.post('/api/v1/filings', {})).status).toBe(409);
    const sub = await c['demo-service']!.post(`/api/v1/filings/${id}/submit`, {});
    expect(sub.status).toBe(400);
    const paths = (
      sub.body as { error: { reason: string; details: Array<{ path: string; message: string }> } }
    ).error;
    expect(paths.reason).toBe('filing_incomplete');
    expect(paths.details.map((x) => x.path)).toEqual(
      expect.arrayContaining([
        'personnel',
        'categories',
        'attachments.practice_licence',
        'institution.legalRepresentative',
      ]),
    );
    expect(paths.details.every((x) => x.message.length > 0)).toBe(true);

    // A PNG renamed .pdf, an EXE renamed .pdf, an empty file: refused. A real PDF, PNG and JPEG: taken.
    for (const [buf, name] of [
      [PNG, '执业许可证.pdf'],
      [EXE, 'licence.pdf'],
      [EXE, 'setup.exe'],
      [DEMO_PDF, 'licence.png'],
    ] as const) {
      const r = await upload('demo-service', id, 'practice_licence', buf, name);
      expect(r.status, name).toBe(400);
      expect(JSON.stringify(r.body)).toContain('filing_attachment_type');
    }
    const big = await upload(
      'demo-service',
      id,
      'other',
      Buffer.concat([DEMO_PDF, Buffer.alloc(10 * 1024 * 1024)]),
      'big.pdf',
    );
    expect(big.status).toBe(400);
    expect(JSON.stringify(big.body)).toContain('filing_attachment_too_large');
    expect((await upload('demo-service', id, 'practice_licence', DEMO_PDF, '资质证书.PDF')).status).toBe(201);
    expect((await upload('demo-service', id, 'floor_plan', PNG, 'plan.png')).status).toBe(201);
    const jpg = await upload('demo-service', id, 'other', JPG, 'photo.jpeg');
    expect(jpg.status).toBe(201);
    const d = await detail('demo-service', id);
    expect(d.attachments.map((a) => a.mediaType)).toEqual(['application/pdf', 'image/png', 'image/jpeg']);
    const file = await c['demo-service']!.get(`/api/v1/filings/${id}/attachments/${d.attachments[1]!.id}`);
    expect(file.status).toBe(200);
    expect(file.raw.headers['content-type']).toContain('image/png');
    expect(Buffer.from(file.raw.rawPayload).equals(PNG)).toBe(true);
    // Another institution does not see it; the province does.
    expect(
      (await c['demo-exam']!.get(`/api/v1/filings/${id}/attachments/${d.attachments[1]!.id}`)).status,
    ).toBe(404);
    expect(
      (await c['demo-province']!.get(`/api/v1/filings/${id}/attachments/${d.attachments[1]!.id}`)).status,
    ).toBe(200);
    const del = await c['demo-service']!.delete(
      `/api/v1/filings/${id}/attachments/${(jpg.body as { id: number }).id}`,
    );
    expect(del.status).toBe(200);
    expect((await detail('demo-service', id)).attachments.length).toBe(2);
    // Withdrawing the draft (cancel) is allowed; it is then no longer editable.
    expect(
      (await c['demo-service']!.post(`/api/v1/filings/${id}/cancel`, { reason: '重新填报' })).status,
    ).toBe(200);
    expect((await upload('demo-service', id, 'other', PNG, 'x.png')).status).toBe(409);
  });

  it('only institutions file', async () => {
    const r = await c['demo-province']!.post('/api/v1/filings', {});
    expect(r.status).toBe(403);
  });
});

describe('rules (pure)', () => {
  it('types by magic bytes and extension', () => {
    expect(attachmentTypeOf('a.pdf', DEMO_PDF)?.mediaType).toBe('application/pdf');
    expect(attachmentTypeOf('a.JPG', JPG)?.mediaType).toBe('image/jpeg');
    expect(attachmentTypeOf('a.pdf', PNG)).toBeNull();
    expect(attachmentTypeOf('a', PNG)).toBeNull();
    expect(attachmentTypeOf('a.pdf', EXE)).toBeNull();
  });

  it('an exam filing needs 400 m², a chief examiner with qualification, and the radiation licence for radiation items', () => {
    const m = missingForSubmit(
      'exam',
      {
        institution: {
          name: 'x',
          creditCode: 'c',
          legalRepresentative: 'l',
          address: 'a',
          contactPhone: 'p',
          practiceLicenceNo: 'n',
        },
        personnel: [{ name: 'a', role: 'chief_examiner' }],
        equipment: [{ name: 'DR', quantity: 1 }],
        venues: [{ name: 'v', areaM2: 399 }],
        categories: [{ category: 'radiation', hazardCodes: ['5001'] }],
      },
      new Set(['practice_licence']),
    ).map((x) => x.reason);
    expect(m).toEqual(
      expect.arrayContaining([
        'filing_qualification_required',
        'filing_area_too_small',
        'filing_radiation_licence_required',
        'filing_attachment_required',
      ]),
    );
  });

  it('the diff names added and removed rows and changed fields', () => {
    const diff = diffContent(
      {
        institution: { name: 'A' },
        personnel: [{ name: '甲', role: 'physician' }],
        categories: [{ category: 'dust', hazardCodes: ['1038'] }],
      },
      {
        institution: { name: 'B' },
        personnel: [],
        categories: [{ category: 'dust', hazardCodes: ['1038', '1021'] }],
      },
    );
    expect(diff).toEqual(
      expect.arrayContaining([
        { step: 'institution', path: 'institution.name', before: 'A', after: 'B' },
        { step: 'personnel', path: 'personnel', before: '甲 / physician', after: null },
        expect.objectContaining({ step: 'categories', before: null }),
      ]),
    );
  });
});
