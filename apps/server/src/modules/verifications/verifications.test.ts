/**
 * 现场核查 (issue 16 item 3, R45): the task opened when a filing is filed for the first time (its checklist,
 * filed factors and 3-month clock, the QC centre responsible, the province warned), scheduling, recording
 * with bad input refused by field, completing (a failed key item fails it; factors not capable become
 * blocked capability and the card door refuses them), the clock closed, scope (a sibling county's
 * verification invisible), who may act (the province only), audit, and the provisional checklist marked
 * uncertain.
 */
import type { VerificationDetail, VerificationSummary } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildVerification, examCard } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import { DEMO_FILING_IDS } from '../filings/index.js';
import { DEMO_VERIFICATION_IDS, verificationPassed } from './index.js';

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
    'demo-qc',
    'demo-employer',
  ])
    c[u] = await t.login(u);
}, 120_000);
afterAll(async () => t.close());

const orgOf = async (username: string) =>
  t.deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['o.organisation_id', 'o.region_code'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
const detail = async (who: string, id: number) => {
  const res = await c[who]!.get(`/api/v1/verifications/${id}`);
  expect(res.status).toBe(200);
  return res.body as unknown as VerificationDetail;
};
const list = async (who: string, q = '') => {
  const res = await c[who]!.get(`/api/v1/verifications?pageSize=200${q}`);
  expect(res.status).toBe(200);
  return res.body as unknown as { data: VerificationSummary[]; total: number };
};
const ofFiling = (filingId: number) =>
  t.deps.db.selectFrom('verification').selectAll().where('filing_id', '=', filingId).executeTakeFirst();
const clockOf = (id: number) =>
  t.deps.db
    .selectFrom('deadline')
    .selectAll()
    .where('kind', '=', 'onsite_verification')
    .where('subject_type', '=', 'verification')
    .where('subject_id', '=', id)
    .executeTakeFirst();
const capability = (institutionId: number) =>
  t.deps.db
    .selectFrom('institution_capability')
    .select(['hazard_code', 'status', 'source'])
    .where('institution_id', '=', institutionId)
    .orderBy('hazard_code')
    .execute();
const audits = (id: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action', 'actor_username'])
    .where('entity_type', '=', 'verification')
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute();
const reasons = (body: Record<string, unknown>) =>
  ((body.error as { details?: Array<{ path: string; reason?: string }> }).details ?? []).map((d) => [
    d.path,
    d.reason,
  ]);
/** Every item conforms, every factor capable, except what is given. */
const allResults = (
  d: VerificationDetail,
  items: Record<string, { result: string; note: string }> = {},
  incapable: Record<string, string> = {},
) => ({
  items: d.items.map((i) => ({
    code: i.code,
    result: items[i.code]?.result ?? 'conform',
    note: items[i.code]?.note,
  })),
  factors: d.factors.map((f) => ({
    hazardCode: f.hazardCode,
    capable: !incapable[f.hazardCode],
    note: incapable[f.hazardCode] ?? null,
  })),
});

describe('the checklist and the clock as data', () => {
  it('marks the provisional checklist uncertain and cites the Jilin notice for the 3-month clock', async () => {
    const tpl = await t.deps.db
      .selectFrom('verification_template')
      .selectAll()
      .where('code', '=', 'onsite')
      .where('active', '=', true)
      .executeTakeFirstOrThrow();
    expect(tpl.confidence).toBe('uncertain');
    expect(tpl.note).toContain('PROVISIONAL');
    const items = await t.deps.db
      .selectFrom('verification_template_item')
      .select(['item_code', 'key_item', 'basis'])
      .where('verification_template_id', '=', tpl.verification_template_id)
      .orderBy('sort')
      .execute();
    expect(items.length).toBeGreaterThanOrEqual(10);
    expect(items.filter((i) => i.key_item).map((i) => i.item_code)).toEqual(['P1', 'P2', 'E1', 'V1', 'V2']);
    expect(items.every((i) => /第五条|吉卫规/.test(i.basis))).toBe(true);
    const rule = await t.deps.db
      .selectFrom('deadline_rule')
      .selectAll()
      .where('kind', '=', 'onsite_verification')
      .executeTakeFirstOrThrow();
    expect(rule).toMatchObject({ days: 90, day_type: 'calendar' });
    expect(rule.legal_basis).toContain('吉卫规〔2024〕2号');
    expect(rule.legal_basis).not.toContain('../shared');
    const d = await detail('demo-qc', DEMO_VERIFICATION_IDS.scheduled);
    expect(d.template.confidence).toBe('uncertain');
  });
});

describe('the demo verifications', () => {
  it('every screen has data: passed, a blocked factor, scheduled, overdue (the province warned)', async () => {
    const all = await list('demo-qc');
    const byId = new Map(all.data.map((v) => [v.id, v]));
    const D = DEMO_VERIFICATION_IDS;
    expect(byId.get(D.passed)).toMatchObject({ status: 'completed', result: 'passed' });
    expect(byId.get(D.blocked)).toMatchObject({ status: 'completed', failedFactors: 1 });
    expect(byId.get(D.readyToComplete)?.status).toBe('scheduled');
    expect(byId.get(D.scheduled)?.status).toBe('scheduled');
    expect(byId.get(D.overdue)).toMatchObject({ status: 'pending' });
    expect(byId.get(D.overdue)!.overdueDays).toBeGreaterThan(0);
    expect((await list('demo-qc', '&overdue=true')).data.map((v) => v.id)).toContain(D.overdue);
    const blocked = await detail('demo-qc', D.blocked);
    expect(blocked.factors.filter((f) => f.capabilityStatus === 'blocked').map((f) => f.hazardCode)).toEqual([
      '5001',
    ]);
    // The demo exam institution's demo cards keep passing: nothing of it is blocked.
    const exam = await orgOf('demo-exam');
    expect((await capability(exam.organisation_id)).filter((r) => r.status === 'blocked')).toEqual([]);
    // The overdue clock warned the provincial commission (the demo sweep).
    const hc = await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'health_commission')
      .where('region_code', '=', '22')
      .executeTakeFirstOrThrow();
    const clock = (await clockOf(D.overdue))!;
    const warned = await t.deps.db
      .selectFrom('notification')
      .select(['organisation_id', 'kind'])
      .where('deadline_id', '=', clock.deadline_id)
      .execute();
    expect(warned).toContainEqual({ organisation_id: hc.organisation_id, kind: 'deadline_overdue_region' });
    // The diagnosis institution reads its own, read-only.
    const mine = await list('demo-diag');
    expect(mine.data.map((v) => v.id)).toEqual([D.passed]);
    expect(mine.data[0]!.abilities).toEqual({ schedule: false, record: false, complete: false });
  });
});

describe('a verification from filing to completion', () => {
  it('opens at filing with its clock, is refused bad input by field, fails on a key item and blocks a factor', async () => {
    const filingId = DEMO_FILING_IDS.submittedA;
    expect(await ofFiling(filingId)).toBeUndefined();
    const filed = await c['demo-province']!.post(`/api/v1/filings/${filingId}/file`, {});
    expect(filed.status).toBe(200);
    const v = (await ofFiling(filingId))!;
    expect(v).toBeDefined();
    const qcOrg = await orgOf('demo-qc');
    const clock = (await clockOf(v.verification_id))!;
    expect(clock).toMatchObject({
      responsible_organisation_id: qcOrg.organisation_id,
      regulator_region_code: '22',
      done_at: null,
    });
    const addDays = (d: string, n: number) =>
      new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
    expect(clock.due_on).toBe(addDays(String(v.filed_on).slice(0, 10), 90));
    const id = v.verification_id;
    let d = await detail('demo-qc', id);
    expect(d.status).toBe('pending');
    expect(d.factors.length).toBeGreaterThan(0);
    expect(d.abilities).toEqual({ schedule: true, record: true, complete: false });

    // Not scheduled yet: recording is refused.
    const early = await c['demo-qc']!.put(`/api/v1/verifications/${id}/results`, { items: [] });
    expect(early.status).toBe(409);
    // A date before the filing, no assessors.
    const before = await c['demo-qc']!.patch(`/api/v1/verifications/${id}`, {
      scheduledOn: '2000-01-01',
      assessors: ['张伟'],
    });
    expect(before.status).toBe(400);
    expect(reasons(before.body)).toEqual([['scheduledOn', 'verification_date_before_filing']]);
    const sched = await c['demo-qc']!.patch(`/api/v1/verifications/${id}`, {
      scheduledOn: addDays(String(v.filed_on).slice(0, 10), 30),
      assessors: ['张伟', '李娜'],
    });
    expect(sched.status).toBe(200);

    const bad = await c['demo-qc']!.put(`/api/v1/verifications/${id}/results`, {
      items: [
        { code: 'ZZ9', result: 'conform' },
        { code: 'P1', result: 'nonconform' },
      ],
      factors: [{ hazardCode: '9999', capable: true }],
    });
    expect(bad.status).toBe(400);
    expect(reasons(bad.body)).toEqual([
      ['items.0.code', 'verification_item_unknown'],
      ['items.1.note', 'verification_note_required'],
      ['factors.0.hazardCode', 'verification_factor_not_filed'],
    ]);
    const en = await c['demo-qc']!.request(
      'PUT',
      `/api/v1/verifications/${id}/results`,
      { items: [{ code: 'ZZ9', result: 'conform' }] },
      { 'accept-language': 'en' },
    );
    expect(JSON.stringify(en.body)).toContain('Not an item of this checklist');

    // Part of the results: completing is refused, naming what is missing.
    d = await detail('demo-qc', id);
    const part = await c['demo-qc']!.put(`/api/v1/verifications/${id}/results`, {
      items: [{ code: 'P1', result: 'conform' }],
    });
    expect(part.status).toBe(200);
    const incomplete = await c['demo-qc']!.post(`/api/v1/verifications/${id}/complete`, {});
    expect(incomplete.status).toBe(400);
    expect((incomplete.body.error as { reason: string }).reason).toBe('verification_incomplete');
    expect(reasons(incomplete.body).map((r) => r[0])).toContain('items.P2');

    const factor = d.factors[0]!.hazardCode;
    const all = await c['demo-qc']!.put(
      `/api/v1/verifications/${id}/results`,
      allResults(
        d,
        { P2: { result: 'nonconform', note: '无取得职业病诊断资格的执业医师' } },
        { [factor]: '无相应检测设备' },
      ),
    );
    expect(all.status).toBe(200);
    d = await detail('demo-qc', id);
    expect(d.preview).toMatchObject({ result: 'failed', failedKeyItems: ['P2'], failedFactors: [factor] });

    const done = await c['demo-qc']!.post(`/api/v1/verifications/${id}/complete`, {
      conclusion: '关键项不符合',
    });
    expect(done.status).toBe(200);
    expect(done.body).toMatchObject({ result: 'failed', blocked: [factor] });
    const institutionId = v.institution_id;
    expect(await capability(institutionId)).toContainEqual({
      hazard_code: factor,
      status: 'blocked',
      source: 'verification',
    });
    expect((await clockOf(id))!.done_at).not.toBeNull();
    expect(await verificationPassed(t.deps.db, institutionId)).toBe(false);

    const again = await c['demo-qc']!.put(`/api/v1/verifications/${id}/results`, { items: [] });
    expect(again.status).toBe(409);
    expect((again.body.error as { reason: string }).reason).toBe('verification_completed');
    expect((await audits(id)).map((a) => a.action)).toEqual([
      'verification.schedule',
      'verification.schedule',
      'verification.record',
      'verification.record',
      'verification.complete',
    ]);
  });

  it('blocks a factor the card door then refuses (factor_capability_blocked), and counts a pass for outbound exams', async () => {
    const filingId = DEMO_FILING_IDS.examReturned;
    expect((await c['demo-exam']!.post(`/api/v1/filings/${filingId}/submit`, {})).status).toBe(200);
    expect((await c['demo-province']!.post(`/api/v1/filings/${filingId}/file`, {})).status).toBe(200);
    const v = (await ofFiling(filingId))!;
    const id = v.verification_id;
    // The institution reads its own, read-only; it cannot act.
    const own = await detail('demo-exam', id);
    expect(own.abilities).toEqual({ schedule: false, record: false, complete: false });
    expect(
      (
        await c['demo-exam']!.patch(`/api/v1/verifications/${id}`, {
          scheduledOn: '2030-01-01',
          assessors: ['x'],
        })
      ).status,
    ).toBe(403);

    expect(
      (
        await c['demo-qc']!.patch(`/api/v1/verifications/${id}`, {
          scheduledOn: String(v.filed_on).slice(0, 10),
          assessors: ['张伟'],
        })
      ).status,
    ).toBe(200);
    const d = await detail('demo-qc', id);
    expect(d.factors.map((f) => f.hazardCode)).toContain('1038');
    const rec = await c['demo-qc']!.put(
      `/api/v1/verifications/${id}/results`,
      allResults(d, {}, { '1038': '未配备 DR，暂不具备粉尘类检查能力' }),
    );
    expect(rec.status).toBe(200);
    const done = await c['demo-qc']!.post(`/api/v1/verifications/${id}/complete`, {});
    expect(done.body).toMatchObject({ result: 'passed', blocked: ['1038'] });
    expect(await verificationPassed(t.deps.db, v.institution_id)).toBe(true);

    // The example card examines 1038 (silicosis): refused by the card door, by its field.
    const res = await c['demo-exam']!.post(
      '/api/v1/exam-reports/batches',
      { cards: [examCard('VERIFY-BLOCKED-1')] },
      { 'idempotency-key': 'verification-blocked-1' },
    );
    expect(res.status).toBe(200);
    const body = res.body as { accepted: number; errors: Array<{ column: string; reason: string }> };
    expect(body.accepted).toBe(0);
    expect(body.errors).toContainEqual(
      expect.objectContaining({ column: 'conclusions.0.factorCodes.0', reason: 'factor_capability_blocked' }),
    );
  });
});

describe('evidence per checklist item', () => {
  it('takes a PDF by content, refuses a renamed file, serves it in scope only, audited', async () => {
    const id = DEMO_VERIFICATION_IDS.scheduled;
    const upload = (buf: Buffer, name: string, item = 'E2') => {
      const { payload, contentType } = multipartFile(buf, name);
      return c['demo-qc']!.request('POST', `/api/v1/verifications/${id}/evidence?item=${item}`, payload, {
        'content-type': contentType,
      });
    };
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    const ok = await upload(pdf, '校准证书.pdf');
    expect(ok.status).toBe(201);
    const evidenceId = (ok.body as { id: number }).id;
    const exe = await upload(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 1)]), 'photo.pdf');
    expect(exe.status).toBe(400);
    expect(reasons(exe.body)).toEqual([['file', 'filing_attachment_type']]);
    const unknown = await upload(pdf, 'a.pdf', 'ZZ9');
    expect(reasons(unknown.body)).toEqual([['item', 'verification_item_unknown']]);
    const d = await detail('demo-qc', id);
    expect(d.items.find((i) => i.code === 'E2')!.evidence.map((e) => e.fileName)).toEqual(['校准证书.pdf']);
    const file = await c['demo-province']!.get(`/api/v1/verifications/${id}/evidence/${evidenceId}`);
    expect(file.status).toBe(200);
    expect((await c['demo-exam']!.get(`/api/v1/verifications/${id}/evidence/${evidenceId}`)).status).toBe(
      404,
    );
    expect((await audits(id)).map((a) => a.action)).toContain('verification.record');
  });
});

describe('scope and who may act', () => {
  it('hides a sibling county’s verification, lets only the province act, refuses an employer', async () => {
    const county = await orgOf('demo-county');
    const code = county.region_code.slice(0, 6);
    const sibling = `${code.slice(0, 4)}${code.slice(4) === '03' ? '02' : '03'}`;
    const inside = await buildVerification(t.deps, {
      institutionId: await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: code }),
      scheduled: true,
    });
    const outside = await buildVerification(t.deps, {
      institutionId: await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: sibling }),
    });
    const seen = (await list('demo-county')).data.map((v) => v.id);
    expect(seen).toContain(inside.id);
    expect(seen).not.toContain(outside.id);
    expect((await c['demo-county']!.get(`/api/v1/verifications/${outside.id}`)).status).toBe(404);
    expect(
      (
        await c['demo-county']!.patch(`/api/v1/verifications/${outside.id}`, {
          scheduledOn: '2026-03-01',
          assessors: ['x'],
        })
      ).status,
    ).toBe(404);
    // A county commission holds verifications:manage but the province verifies (403 with the reason).
    const county403 = await c['demo-county']!.patch(`/api/v1/verifications/${inside.id}`, {
      scheduledOn: '2026-03-01',
      assessors: ['x'],
    });
    expect(county403.status).toBe(403);
    expect((county403.body.error as { reason: string }).reason).toBe('verification_province_only');
    expect((await detail('demo-county', inside.id)).abilities.record).toBe(false);
    expect((await detail('demo-province', inside.id)).abilities.record).toBe(true);
    // The provincial commission may act too.
    expect(
      (
        await c['demo-province']!.patch(`/api/v1/verifications/${inside.id}`, {
          scheduledOn: '2026-03-02',
          assessors: ['王强'],
        })
      ).status,
    ).toBe(200);
    expect((await c['demo-exam']!.get(`/api/v1/verifications/${inside.id}`)).status).toBe(404);
    expect((await c['demo-employer']!.get('/api/v1/verifications')).status).toBe(403);
  });
});
