/**
 * 质控评估 (issue 16 item 5; R50, R21, R22): the provisional forms marked as such, versions frozen once
 * published (an assessment keeps its version), the grade rules (a failed key item ⇒ 不合格 whatever the
 * score), the per-hazard sheets by filed category, the two-year coverage, the risk ranking's inputs, the
 * filing-consistency findings, a major problem reported to the province at once, the findings raised as
 * rectification items, self-assessments, scope and who may act, bad input refused by field with nothing
 * written, and the audit of each write.
 */
import type {
  QcAssessmentDetail,
  QcAssessmentSummary,
  QcPlanDetail,
  QcTemplateDetail,
  QcTemplateSummary,
} from '@ohp/contracts';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFiling, buildOrganisation, buildQcAssessment } from '../../../test/factories.js';
import { createTestContext, multipartFile, type Client, type TestContext } from '../../../test/helpers.js';
import type { Actor } from '../../platform/authz/actor.js';
import { outboundEligibility } from '../outbound/index.js';
import { DEMO_QC_IDS, qcFailureCounts, qcKeyItemsPassed, qcQualifiedRows } from './index.js';
import { assessmentAbilities, templateAbilities } from './qc.policy.js';
import { consistencyFindings, coveragePercent, gradeOf, riskOf, type ScoredItem } from './qc.rules.js';

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of [
    'demo-province',
    'demo-city',
    'demo-county',
    'demo-qc',
    'demo-exam',
    'demo-diag',
    'demo-cdc',
    'demo-rehab',
    'demo-employer',
  ])
    c[u] = await t.login(u);
}, 300_000);
afterAll(async () => t.close());

const ok = async <T>(p: Promise<{ status: number; body: Record<string, unknown> }>, status = 200) => {
  const res = await p;
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body as unknown as T;
};
const detail = (who: string, id: number) =>
  ok<QcAssessmentDetail>(c[who]!.get(`/api/v1/qc/assessments/${id}`));
const reasons = (body: Record<string, unknown>) =>
  ((body.error as { details?: Array<{ path: string; reason?: string }> }).details ?? []).map((d) => [
    d.path,
    d.reason,
  ]);
const reasonOf = (body: Record<string, unknown>) => (body.error as { reason: string }).reason;
const audits = (entityType: string, id: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .select(['action'])
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(id))
    .orderBy('seq')
    .execute()
    .then((r) => r.map((x) => x.action));
const orgOf = (username: string) =>
  t.deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['o.organisation_id', 'o.region_code'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();
const plan = () => ok<QcPlanDetail>(c['demo-qc']!.get(`/api/v1/qc/plans/${DEMO_QC_IDS.plan}`));

describe('grade rules (pure)', () => {
  const item = (code: string, o: Partial<ScoredItem> = {}): ScoredItem => ({
    code,
    points: 10,
    keyItem: false,
    result: 'passed',
    awarded: 10,
    ...o,
  });
  const th = { passPercent: 85, basicPercent: 70 };
  it('grades by the version’s thresholds, leaving 不适用 out of the points', () => {
    expect(gradeOf([item('A'), item('B')], th)).toMatchObject({ grade: 'qualified', percent: 100 });
    expect(gradeOf([item('A', { awarded: 7 }), item('B', { awarded: 9 })], th)).toMatchObject({
      grade: 'basic',
      percent: 80,
    });
    expect(gradeOf([item('A', { awarded: 5 }), item('B', { awarded: 8 })], th).grade).toBe('failed');
    expect(
      gradeOf([item('A', { awarded: 9 }), item('B', { result: 'not_applicable', awarded: null })], th),
    ).toMatchObject({ percent: 90, maxScore: 10, grade: 'qualified' });
    expect(gradeOf([item('A'), item('B', { result: null, awarded: null })], th)).toMatchObject({
      grade: null,
      missingItems: ['B'],
    });
  });
  it('fails a form with a failed key item whatever the score (issue 16 item 5)', () => {
    const items = [
      ...Array.from({ length: 19 }, (_, i) => item(`A${i}`)),
      item('K1', { keyItem: true, result: 'failed', awarded: 10 }),
    ];
    const g = gradeOf(items, th);
    expect(g.percent).toBe(100);
    expect(g).toMatchObject({ grade: 'failed', failedKeyItems: ['K1'] });
    // A key item that passed with a deduction does not fail the form.
    expect(gradeOf([item('K1', { keyItem: true, awarded: 9 })], th).grade).toBe('qualified');
  });
  it('computes the two-year coverage and the risk score from its parts', () => {
    expect(coveragePercent(3, 12)).toBe(25);
    expect(coveragePercent(0, 0)).toBe(100);
    expect(riskOf({ volume: 50, complaints: 2, pastFailures: 1, lateRectifications: 3 }, 100)).toEqual({
      volume: 50,
      complaints: 2,
      pastFailures: 1,
      lateRectifications: 3,
      volumePoints: 10,
      complaintPoints: 20,
      failurePoints: 20,
      latePoints: 30,
      score: 80,
    });
  });
  it('finds each difference between the filed version and what the assessors found', () => {
    const f = consistencyFindings(
      {
        staffCount: 3,
        equipment: [
          { name: 'DR', quantity: 1 },
          { name: '听力计', quantity: 2 },
        ],
        hazardCodes: ['1038', '3008'],
        venueAreaM2: 400,
      },
      {
        staffCount: 2,
        equipment: [
          { name: '听力计', quantity: 2 },
          { name: '肺功能仪', quantity: 1 },
        ],
        hazardCodes: ['1038', '2013'],
        venueAreaM2: 390,
      },
    );
    expect(f.map((x) => `${x.aspect}:${x.key}`)).toEqual([
      'staff:count',
      'equipment:DR',
      'equipment:肺功能仪',
      'hazards:3008',
      'hazards:2013',
    ]);
    // 390 of 400 m² is within the 5 % tolerance; 370 is not.
    expect(
      consistencyFindings(
        { staffCount: 0, equipment: [], hazardCodes: [], venueAreaM2: 400 },
        { staffCount: 0, equipment: [], hazardCodes: [], venueAreaM2: 370 },
      ).map((x) => x.aspect),
    ).toEqual(['venue_area']);
  });
});

describe('abilities (policy)', () => {
  const actor = (o: Partial<Actor>): Actor => ({
    userId: 1,
    username: 'x',
    displayName: 'x',
    organisationId: 5,
    organisationKind: 'qc_centre',
    regionCode: '22',
    roleKeys: [],
    permissions: new Set(['qc:read', 'qc:manage']),
    duties: new Set(['business']),
    ...o,
  });
  const a = {
    mode: 'assessment' as const,
    status: 'in_progress' as const,
    region_code: '220102',
    institution_id: 9,
    major_reported_at: null,
  };
  it('lets the QC centre of the province act, not another province’s, not a reader', () => {
    expect(assessmentAbilities(actor({}), a)).toMatchObject({
      score: true,
      complete: true,
      reportMajor: true,
    });
    expect(assessmentAbilities(actor({ regionCode: '21' }), a).score).toBe(false);
    expect(assessmentAbilities(actor({ permissions: new Set(['qc:read']) }), a).score).toBe(false);
    expect(assessmentAbilities(actor({}), { ...a, status: 'completed' })).toMatchObject({
      score: false,
      complete: false,
      reportMajor: true,
    });
    expect(templateAbilities(actor({}), { status: 'published' })).toEqual({
      edit: false,
      publish: false,
      retire: true,
      newVersion: true,
    });
    expect(templateAbilities(actor({ permissions: new Set(['qc:read']) }), { status: 'draft' }).edit).toBe(
      false,
    );
  });
  it('lets only the institution itself fill its draft self-assessment; the QC centre reviews it', () => {
    const own = actor({
      organisationKind: 'rehab_station',
      organisationId: 9,
      regionCode: '220102001',
      permissions: new Set(['qc:read', 'qc:self_assess']),
    });
    const s = { ...a, mode: 'self' as const, status: 'draft' as const };
    expect(assessmentAbilities(own, s)).toMatchObject({ score: true, submit: true, review: false });
    expect(assessmentAbilities({ ...own, organisationId: 10 }, s).score).toBe(false);
    expect(assessmentAbilities(own, { ...s, status: 'submitted' }).submit).toBe(false);
    expect(assessmentAbilities(actor({}), { ...s, status: 'submitted' }).review).toBe(true);
  });
});

describe('the shipped forms are provisional data', () => {
  it('marks every shipped version provisional with its sources; 九个一 items are not invented', async () => {
    const all = await ok<QcTemplateSummary[]>(c['demo-qc']!.get('/api/v1/qc/templates'));
    const v1 = all.filter((x) => x.version === 1);
    expect(v1.map((x) => x.code).sort()).toEqual(
      [
        'diagnosis',
        'exam',
        'rehab_nine',
        'support_diagnosis',
        'support_engineering',
        'support_monitoring',
      ].sort(),
    );
    expect(v1.every((x) => x.provisional)).toBe(true);
    const exam = await ok<QcTemplateDetail>(
      c['demo-qc']!.get(`/api/v1/qc/templates/${v1.find((x) => x.code === 'exam')!.id}`),
    );
    expect(exam.note).toContain('PROVISIONAL');
    expect(exam.source).toContain('吉卫规〔2024〕2号 五');
    // The key indicators of seed 004 五 are the key items.
    expect(exam.sections.flatMap((s) => s.items.filter((i) => i.keyItem).map((i) => i.code))).toEqual([
      'K1',
      'K2',
    ]);
    expect(exam.sections.filter((s) => s.hazardCategory).map((s) => s.hazardCategory)).toEqual([
      'dust',
      'chemical',
      'physical',
      'biological',
      'radiation',
    ]);
    const rehab = await ok<QcTemplateDetail>(
      c['demo-rehab']!.get(`/api/v1/qc/templates/${v1.find((x) => x.code === 'rehab_nine')!.id}`),
    );
    const items = rehab.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(4);
    expect(items.every((i) => i.textZh.includes('通用项'))).toBe(true);
    expect(rehab.note).toContain('NOT in the sources');
    // The institution sees only the forms for its kind as self-assessment choices.
    const mine = await ok<QcTemplateSummary[]>(c['demo-rehab']!.get('/api/v1/qc/templates?forSelf=true'));
    expect(mine.map((x) => x.code)).toEqual(['rehab_nine']);
  });
});

describe('versions', () => {
  it('edits a draft, publishes it (the old version retires), then refuses any change; assessments keep theirs', async () => {
    const draftId = DEMO_QC_IDS.draftTemplate;
    const before = await ok<QcTemplateDetail>(c['demo-qc']!.get(`/api/v1/qc/templates/${draftId}`));
    expect(before).toMatchObject({ code: 'diagnosis', version: 2, status: 'draft' });
    // Bad input, by field; nothing written.
    const bad = await c['demo-qc']!.put(`/api/v1/qc/templates/${draftId}`, {
      nameZh: '修订稿',
      source: 'x',
      provisional: true,
      passPercent: 70,
      basicPercent: 80,
      sections: [
        {
          code: 'Q',
          titleZh: '质量',
          hazardCategory: 'dust',
          items: [
            { code: 'Q1', textZh: 'a', points: 10, keyItem: false, evidenceRequired: false, basis: 'b' },
            { code: 'Q1', textZh: 'b', points: 10, keyItem: true, evidenceRequired: false, basis: 'b' },
          ],
        },
      ],
    });
    expect(bad.status).toBe(400);
    expect(reasons(bad.body)).toEqual([
      ['basicPercent', 'qc_threshold_order'],
      ['sections.0.hazardCategory', 'qc_hazard_sheet_exam_only'],
      ['sections.0.items.1.code', 'qc_duplicate'],
    ]);
    expect((await ok<QcTemplateDetail>(c['demo-qc']!.get(`/api/v1/qc/templates/${draftId}`))).nameZh).toBe(
      before.nameZh,
    );
    expect(await audits('qc_template', draftId)).toEqual(['qc_template.create']);
    // Only the QC centre edits.
    expect((await c['demo-province']!.post('/api/v1/qc/templates', { code: 'exam' })).status).toBe(403);

    const body = {
      nameZh: '职业病诊断机构质量控制评估表（修订）',
      source: '吉卫规〔2024〕2号 五',
      provisional: true,
      passPercent: 90,
      basicPercent: 75,
      sections: [
        {
          code: 'K',
          titleZh: '关键指标',
          items: [
            {
              code: 'K1',
              textZh: '诊断准确',
              points: 50,
              keyItem: true,
              evidenceRequired: false,
              basis: '五',
            },
            {
              code: 'K2',
              textZh: '报告及时',
              points: 50,
              keyItem: true,
              evidenceRequired: false,
              basis: '五',
            },
          ],
        },
      ],
    };
    await ok(c['demo-qc']!.put(`/api/v1/qc/templates/${draftId}`, body));
    const pub = await ok<{ retired: number[] }>(
      c['demo-qc']!.post(`/api/v1/qc/templates/${draftId}/publish`, {}),
    );
    const v1 = (await ok<QcTemplateSummary[]>(c['demo-qc']!.get('/api/v1/qc/templates?code=diagnosis'))).find(
      (x) => x.version === 1,
    )!;
    expect(pub.retired).toEqual([v1.id]);
    expect(v1.status).toBe('retired');
    const again = await c['demo-qc']!.put(`/api/v1/qc/templates/${draftId}`, body);
    expect(again.status).toBe(409);
    expect(reasonOf(again.body)).toBe('qc_template_published');
    // The database refuses it too (trigger), whoever writes.
    await expect(
      sql`update qc_template_item set points = 1 where qc_template_id = ${draftId}`.execute(t.deps.db),
    ).rejects.toThrow(/published/);
    await expect(
      sql`update qc_template set pass_percent = 10 where qc_template_id = ${v1.id}`.execute(t.deps.db),
    ).rejects.toThrow(/published/);
    // The demo diagnosis institution's completed assessment keeps version 1.
    const a = await detail('demo-qc', DEMO_QC_IDS.qualified);
    expect(a.template).toMatchObject({ code: 'diagnosis', version: 1, id: v1.id });
    expect(a.sections.flatMap((s) => s.items).length).toBe(6);
    expect(await audits('qc_template', draftId)).toEqual([
      'qc_template.create',
      'qc_template.update',
      'qc_template.publish',
    ]);
    // A new version copies the latest; a second draft is refused.
    const next = await ok<{ id: number; version: number }>(
      c['demo-qc']!.post('/api/v1/qc/templates', { code: 'diagnosis' }),
      201,
    );
    expect(next.version).toBe(3);
    const copied = await ok<QcTemplateDetail>(c['demo-qc']!.get(`/api/v1/qc/templates/${next.id}`));
    expect(copied.sections.flatMap((s) => s.items.map((i) => i.code))).toEqual(['K1', 'K2']);
    const dup = await c['demo-qc']!.post('/api/v1/qc/templates', { code: 'diagnosis' });
    expect(reasonOf(dup.body)).toBe('qc_template_draft_exists');
  });
});

describe('the demo plan, coverage and risk ranking', () => {
  it('lists every filed exam and diagnosis institution once and computes the two-year coverage', async () => {
    const p = await plan();
    const filed = await t.deps.db
      .selectFrom('filing')
      .select('institution_id')
      .where('status', '=', 'filed')
      .where('kind', 'in', ['exam', 'diagnosis'])
      .execute();
    const routine = p.entries.filter((e) => e.kind === 'routine');
    expect(routine.map((e) => e.institutionId).sort()).toEqual(filed.map((f) => f.institution_id).sort());
    expect(p.due).toBe(filed.length);
    const assessed = await t.deps.db
      .selectFrom('qc_assessment')
      .select('institution_id')
      .distinct()
      .where('mode', '=', 'assessment')
      .where('status', '=', 'completed')
      .where('year', 'in', [p.year - 1, p.year])
      .execute();
    expect(p.coveredInCycle).toBe(assessed.length);
    expect(p.coveragePercent).toBe(Math.round((assessed.length / filed.length) * 1000) / 10);
    expect(p.coverageTarget).toBe(100);
    // The demo: 合格, 基本合格, 不合格 (a failed key item), one in progress, one scheduled extra visit.
    const grades = p.entries.filter((e) => e.grade).map((e) => e.grade);
    expect(grades.sort()).toEqual(['basic', 'failed', 'qualified']);
    expect(p.entries.find((e) => e.kind === 'extra')).toMatchObject({ assessmentStatus: 'scheduled' });
    expect(p.entries.find((e) => e.id === DEMO_QC_IDS.unscheduledEntry)?.assessmentId).toBeNull();
  });

  it('ranks by stated inputs: card volume (one GROUP BY), complaints, past failures, late rectification', async () => {
    let p = await plan();
    const planAudits = await audits('qc_plan', p.id);
    expect(planAudits[0]).toBe('qc_plan.create');
    // The demo proposes an extra visit for the institution with complaints (score ≥ proposeAt).
    expect(p.entries.some((e) => e.proposeExtra && e.risk.complaints > 0)).toBe(true);
    const target = p.entries.find((e) => e.id === DEMO_QC_IDS.unscheduledEntry)!;
    const cards = await t.deps.db
      .selectFrom('exam_card')
      .select(sql<number>`count(*)::int`.as('n'))
      .where('institution_id', '=', target.institutionId)
      .where('exam_date', '>=', `${p.year - 1}-01-01`)
      .where('exam_date', '<=', `${p.year}-12-31`)
      .executeTakeFirstOrThrow();
    expect(target.risk.volume).toBe(Number(cards.n));
    const failedEntry = p.entries.find((e) => e.kind === 'routine' && e.grade === 'failed')!;
    expect(failedEntry.risk.pastFailures).toBe(1);
    expect(
      (await qcFailureCounts(t.deps.db, [failedEntry.institutionId])).get(failedEntry.institutionId),
    ).toBe(1);
    expect(failedEntry.risk.complaints).toBe(3);
    // Complaints: bad input refused by field; then recorded, audited, counted.
    const bad = await c['demo-qc']!.put(`/api/v1/qc/plans/${p.id}/complaints`, {
      entryId: 999999,
      complaints: 2,
    });
    expect(bad.status).toBe(400);
    expect(reasons(bad.body)).toEqual([['entryId', 'qc_plan_entry_unknown']]);
    await ok(
      c['demo-qc']!.put(`/api/v1/qc/plans/${p.id}/complaints`, {
        entryId: target.id,
        complaints: 4,
        note: '投诉',
      }),
    );
    // A rectification item past its due date counts as late.
    await t.deps.db.transaction().execute(async (trx) => {
      const { raiseFindings } = await import('../rectifications/index.js');
      await raiseFindings(
        trx,
        { userId: null, username: 'test', organisationId: null, ip: null, requestId: 'qc-test' },
        [
          {
            source: 'qc',
            sourceRef: `qc-test:late:${target.institutionId}`,
            institutionId: target.institutionId,
            title: '逾期整改项',
            severity: 'general',
            dueOn: '2020-01-01',
          },
        ],
      );
    });
    p = await plan();
    const after = p.entries.find((e) => e.id === target.id)!;
    expect(after.risk).toMatchObject({
      complaints: 4,
      complaintPoints: 40,
      lateRectifications: 1,
      latePoints: 10,
    });
    expect(after.risk.score).toBe(
      after.risk.volumePoints + after.risk.complaintPoints + after.risk.failurePoints + after.risk.latePoints,
    );
    expect(after.proposeExtra).toBe(true);
    // An extra visit takes the proposal; its risk parts are kept.
    await ok(
      c['demo-qc']!.post(`/api/v1/qc/plans/${p.id}/extra-visits`, { entryId: target.id, reason: '投诉多' }),
    );
    p = await plan();
    expect(p.entries.find((e) => e.id === target.id)!.proposeExtra).toBe(false);
    expect(
      p.entries.filter((e) => e.kind === 'extra' && e.institutionId === target.institutionId),
    ).toHaveLength(1);
    // The two writes above, audited (the refused one not).
    expect(await audits('qc_plan', p.id)).toEqual([...planAudits, 'qc_plan.update', 'qc_plan.update']);
    // A second plan of the same year is refused; a county regulator reads only its region's entries.
    expect(reasonOf((await c['demo-qc']!.post('/api/v1/qc/plans', { year: p.year })).body)).toBe(
      'qc_plan_exists',
    );
    const county = await orgOf('demo-county');
    const seen = await ok<QcPlanDetail>(c['demo-county']!.get(`/api/v1/qc/plans/${p.id}`));
    expect(seen.entries.every((e) => e.regionCode.startsWith(county.region_code.slice(0, 6)))).toBe(true);
    expect(seen.abilities.manage).toBe(false);
  });
});

describe('an assessment from schedule to result', () => {
  it('schedules, refuses bad scores by field (nothing written), checks the filing, completes 不合格 on a key item, raises rectification items', async () => {
    const institution = await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: '220102' });
    await buildFiling(t.deps, { institutionId: institution, status: 'filed' });
    const p0 = await plan();
    const refreshed = await ok<{ added: number }>(
      c['demo-qc']!.post(`/api/v1/qc/plans/${p0.id}/refresh`, {}),
    );
    expect(refreshed.added).toBe(1);
    const entry = (await plan()).entries.find((e) => e.institutionId === institution)!;
    expect(entry.kind).toBe('routine');

    const noAssessors = await c['demo-qc']!.post('/api/v1/qc/assessments', {
      planEntryId: entry.id,
      scheduledOn: '2026-09-01',
      assessors: [' '],
    });
    expect(reasons(noAssessors.body)).toEqual([['assessors', 'value_required']]);
    expect(
      (
        await c['demo-province']!.post('/api/v1/qc/assessments', {
          planEntryId: entry.id,
          scheduledOn: '2026-09-01',
          assessors: ['x'],
        })
      ).status,
    ).toBe(403);
    const { id } = await ok<{ id: number }>(
      c['demo-qc']!.post('/api/v1/qc/assessments', {
        planEntryId: entry.id,
        scheduledOn: '2026-09-01',
        assessors: ['张伟', '李娜'],
      }),
      201,
    );
    const twice = await c['demo-qc']!.post('/api/v1/qc/assessments', {
      planEntryId: entry.id,
      scheduledOn: '2026-09-01',
      assessors: ['张伟'],
    });
    expect(reasonOf(twice.body)).toBe('qc_entry_scheduled');
    let d = await detail('demo-qc', id);
    // The filing example files dust, chemical, physical and radiation: those sheets apply, biological not.
    expect(d.hazardCategories.sort()).toEqual(['chemical', 'dust', 'physical', 'radiation']);
    expect(d.skippedSections).toEqual(['HB']);
    expect(d.filing).toMatchObject({ staffCount: 3, venueAreaM2: 580 });

    const bad = await c['demo-qc']!.put(`/api/v1/qc/assessments/${id}/scores`, {
      items: [
        { code: 'HB1', result: 'passed' },
        { code: 'Q1', result: 'passed', points: 11 },
        { code: 'Q2', result: 'failed' },
        { code: 'E1', result: 'not_applicable', points: 3 },
        { code: 'R1', result: 'passed', points: 8 },
      ],
    });
    expect(bad.status).toBe(400);
    expect(reasons(bad.body)).toEqual([
      ['items.0.code', 'qc_item_unknown'],
      ['items.1.points', 'qc_points_over'],
      ['items.2.note', 'qc_note_required'],
      ['items.3.points', 'qc_points_not_applicable'],
      ['items.4.note', 'qc_note_required'],
    ]);
    const en = await c['demo-qc']!.request(
      'PUT',
      `/api/v1/qc/assessments/${id}/scores`,
      { items: [{ code: 'Q1', result: 'passed', points: 11 }] },
      { 'accept-language': 'en' },
    );
    expect(JSON.stringify(en.body)).toContain("cannot exceed the item's points");
    expect(
      await t.deps.db
        .selectFrom('qc_item_score')
        .select('qc_assessment_id')
        .where('qc_assessment_id', '=', id)
        .execute(),
    ).toEqual([]);
    expect(await audits('qc_assessment', id)).toEqual(['qc_assessment.create']);

    // Evidence by content: a renamed executable is refused.
    const upload = (buf: Buffer, name: string, item: string) => {
      const { payload, contentType } = multipartFile(buf, name);
      return c['demo-qc']!.request('POST', `/api/v1/qc/assessments/${id}/evidence?item=${item}`, payload, {
        'content-type': contentType,
      });
    };
    const exe = await upload(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(64, 1)]), 'scan.pdf', 'Q1');
    expect(reasons(exe.body)).toEqual([['file', 'filing_attachment_type']]);
    const pdf = Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1');
    for (const item of ['Q1', 'P1']) expect((await upload(pdf, `${item}.pdf`, item)).status).toBe(201);

    const items = d.sections.flatMap((s) => s.items);
    await ok(
      c['demo-qc']!.put(`/api/v1/qc/assessments/${id}/scores`, {
        items: items.map((i) =>
          i.code === 'K1'
            ? { code: 'K1', result: 'failed', note: '职业禁忌证未告知劳动者' }
            : i.code === 'E1'
              ? { code: 'E1', result: 'passed', points: 7, note: '1 台设备校准过期' }
              : { code: i.code, result: 'passed' },
        ),
      }),
    );
    // Missing the consistency check: completing is refused, naming it.
    const early = await c['demo-qc']!.post(`/api/v1/qc/assessments/${id}/complete`, {});
    expect(early.status).toBe(400);
    expect(reasons(early.body)).toEqual([
      ['evidence.HR1', 'qc_evidence_missing'],
      ['consistency', 'qc_consistency_missing'],
    ]);
    expect((await upload(pdf, '放射诊疗许可证.pdf', 'HR1')).status).toBe(201);

    const found = await ok<{ findings: Array<{ aspect: string; key: string }> }>(
      c['demo-qc']!.put(`/api/v1/qc/assessments/${id}/consistency`, {
        staffCount: 2,
        equipment: d.filing!.equipment,
        hazardCodes: d.filing!.hazardCodes.filter((h) => h !== '5001'),
        venueAreaM2: 580,
      }),
    );
    expect(found.findings.map((f) => `${f.aspect}:${f.key}`)).toEqual(['staff:count', 'hazards:5001']);
    d = await detail('demo-qc', id);
    expect(d.preview).toMatchObject({ grade: 'failed', failedKeyItems: ['K1'], missingItems: [] });
    expect(d.preview.percent!).toBeGreaterThan(85);

    const done = await ok<{ grade: string; rectificationItems: number[] }>(
      c['demo-qc']!.post(`/api/v1/qc/assessments/${id}/complete`, { conclusion: '关键项不符合' }),
    );
    expect(done.grade).toBe('failed');
    const raised = await t.deps.db
      .selectFrom('rectification_item')
      .select(['source', 'source_ref', 'severity', 'institution_id'])
      .where('source', '=', 'qc')
      .where('source_ref', 'like', `qc:${id}:%`)
      .orderBy('source_ref')
      .execute();
    const k1 = d.sections.flatMap((s) => s.items).find((i) => i.code === 'K1')!;
    const e1 = d.sections.flatMap((s) => s.items).find((i) => i.code === 'E1')!;
    expect(raised.map((r) => [r.source_ref, r.severity])).toEqual(
      [
        [`qc:${id}:${e1.id}`, 'general'],
        [`qc:${id}:${k1.id}`, 'major'],
        [`qc:${id}:consistency:hazards:5001`, 'general'],
        [`qc:${id}:consistency:staff:count`, 'general'],
      ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
    );
    expect(done.rectificationItems).toHaveLength(4);
    expect(await qcKeyItemsPassed(t.deps.db, institution)).toBe(false);
    const again = await c['demo-qc']!.put(`/api/v1/qc/assessments/${id}/scores`, { items: [] });
    expect(reasonOf(again.body)).toBe('qc_assessment_completed');
    expect(await audits('qc_assessment', id)).toEqual([
      'qc_assessment.create',
      'qc_assessment.score',
      'qc_assessment.score',
      'qc_assessment.score',
      'qc_assessment.score',
      'qc_assessment.score',
      'qc_assessment.complete',
    ]);
  });

  it('reports a major problem to the provincial commission and disease-control bureau at once', async () => {
    const id = DEMO_QC_IDS.scheduled;
    const bad = await c['demo-qc']!.post(`/api/v1/qc/assessments/${id}/report-major`, { note: '  ' });
    expect(reasons(bad.body)).toEqual([['note', 'value_required']]);
    const r = await ok<{ notified: number }>(
      c['demo-qc']!.post(`/api/v1/qc/assessments/${id}/report-major`, { note: '体检报告代签主检医师姓名' }),
    );
    const to = await t.deps.db
      .selectFrom('notification as n')
      .innerJoin('organisation as o', 'o.organisation_id', 'n.organisation_id')
      .select(['o.kind', 'o.region_code', 'n.link', 'n.params'])
      .where('n.kind', '=', 'qc_major_problem')
      .where('n.link', '=', `/qc/assessments/${id}`)
      .execute();
    expect(to.map((x) => [x.kind, x.region_code]).sort()).toEqual([
      ['disease_control_bureau', '22'],
      ['health_commission', '22'],
    ]);
    expect(r.notified).toBe(2);
    // The provincial commission sees it in its notification centre and can open the assessment.
    const inbox = await ok<{ data: Array<{ title: string; link: string }> }>(
      c['demo-province']!.get('/api/v1/notifications?pageSize=50'),
    );
    expect(inbox.data.find((n) => n.link === `/qc/assessments/${id}`)?.title).toContain('重大质量问题');
    expect((await detail('demo-province', id)).majorReportedAt).not.toBeNull();
    expect(
      reasonOf((await c['demo-qc']!.post(`/api/v1/qc/assessments/${id}/report-major`, { note: 'x' })).body),
    ).toBe('qc_major_reported');
    expect(await audits('qc_assessment', id)).toContain('qc_assessment.report_major');
    // The demo's failed assessment flagged its key item as major: reported when completed.
    expect((await detail('demo-qc', DEMO_QC_IDS.failed)).majorReportedAt).not.toBeNull();
  });
});

describe('results for the institution and other modules', () => {
  it('shows the institution its own results only, read-only; the public list takes 合格 and 基本合格', async () => {
    const mine = await ok<{ data: QcAssessmentSummary[] }>(c['demo-diag']!.get('/api/v1/qc/assessments'));
    const diag = await orgOf('demo-diag');
    expect(mine.data.length).toBeGreaterThan(0);
    expect(mine.data.every((a) => a.institutionId === diag.organisation_id)).toBe(true);
    const a = await detail('demo-diag', DEMO_QC_IDS.qualified);
    expect(a).toMatchObject({ grade: 'qualified', status: 'completed' });
    expect(Object.values(a.abilities).every((x) => !x)).toBe(true);
    expect((await c['demo-diag']!.get(`/api/v1/qc/assessments/${DEMO_QC_IDS.failed}`)).status).toBe(404);
    expect((await c['demo-employer']!.get('/api/v1/qc/assessments')).status).toBe(403);
    const rows = await qcQualifiedRows(t.deps.db, '22');
    const failed = await detail('demo-qc', DEMO_QC_IDS.failed);
    expect(rows.map((r) => r.institutionId)).toContain(diag.organisation_id);
    expect(rows.map((r) => r.institutionId)).not.toContain(failed.institutionId);
    expect(rows.find((r) => r.institutionId === diag.organisation_id)).toMatchObject({ reference: '合格' });
    expect(await qcKeyItemsPassed(t.deps.db, diag.organisation_id)).toBe(true);
    expect(await qcKeyItemsPassed(t.deps.db, failed.institutionId)).toBe(false);
  });

  it('refuses outbound exams to an imported filing whose latest QC assessment failed a key item', async () => {
    const failed = await detail('demo-qc', DEMO_QC_IDS.failed);
    await t.deps.db
      .updateTable('filing')
      .set({ imported: true })
      .where('institution_id', '=', failed.institutionId)
      .where('status', '=', 'filed')
      .execute();
    expect((await outboundEligibility(t.deps.db, failed.institutionId)).reason).toBe(
      'outbound_qc_key_items_not_passed',
    );
    const ok2 = await detail('demo-qc', DEMO_QC_IDS.basic);
    await t.deps.db
      .updateTable('filing')
      .set({ imported: true })
      .where('institution_id', '=', ok2.institutionId)
      .where('status', '=', 'filed')
      .execute();
    expect((await outboundEligibility(t.deps.db, ok2.institutionId)).eligible).toBe(true);
  });
});

describe('self-assessments', () => {
  it('lets the station fill and submit its own, refuses others, and the QC centre reviews', async () => {
    const id = DEMO_QC_IDS.selfDraft;
    // The support institution (region scope) sees the station's, but it is not its own.
    const other = await c['demo-cdc']!.put(`/api/v1/qc/self-assessments/${id}/scores`, {
      items: [{ code: 'G3', result: 'passed' }],
    });
    expect(other.status).toBe(403);
    expect(reasonOf(other.body)).toBe('qc_self_own_only');
    const early = await c['demo-rehab']!.post(`/api/v1/qc/self-assessments/${id}/submit`, {});
    expect(early.status).toBe(400);
    expect(reasons(early.body)).toEqual([
      ['items.G3', 'qc_incomplete'],
      ['items.G4', 'qc_incomplete'],
    ]);
    await ok(
      c['demo-rehab']!.put(`/api/v1/qc/self-assessments/${id}/scores`, {
        items: [
          { code: 'G3', result: 'passed', points: 5, note: '缺少康复训练设备' },
          { code: 'G4', result: 'passed' },
        ],
      }),
    );
    const sub = await ok<{ status: string; percent: number }>(
      c['demo-rehab']!.post(`/api/v1/qc/self-assessments/${id}/submit`, {}),
    );
    expect(sub).toMatchObject({ status: 'submitted', percent: 80 });
    expect(
      (await c['demo-rehab']!.put(`/api/v1/qc/self-assessments/${id}/scores`, { items: [] })).status,
    ).toBe(409);
    // Forms for another kind are refused.
    const wrong = await c['demo-rehab']!.post('/api/v1/qc/self-assessments', {
      templateCode: 'exam',
      year: 2026,
    });
    expect(reasons(wrong.body)).toEqual([['templateCode', 'qc_template_not_for_you']]);
    const rev = await c['demo-qc']!.post(`/api/v1/qc/self-assessments/${id}/review`, { note: '已审阅' });
    expect(rev.status).toBe(200);
    expect((await detail('demo-rehab', id)).reviewNote).toBe('已审阅');
    expect(await audits('qc_assessment', id)).toEqual([
      'qc_assessment.create',
      'qc_assessment.score',
      'qc_assessment.score',
      'qc_assessment.submit',
      'qc_assessment.complete',
    ]);
  });
});

describe('scope', () => {
  it('hides a sibling county’s assessment from the county, shows the region’s, lets only the QC centre act', async () => {
    const county = await orgOf('demo-county');
    const code = county.region_code.slice(0, 6);
    const sibling = `${code.slice(0, 4)}${code.slice(4) === '03' ? '02' : '03'}`;
    const inside = await buildQcAssessment(t.deps, {
      institutionId: await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: code }),
      state: 'scheduled',
    });
    const outside = await buildQcAssessment(t.deps, {
      institutionId: await buildOrganisation(t.deps, { kind: 'exam_institution', regionCode: sibling }),
      state: 'scheduled',
    });
    const seen = (
      await ok<{ data: QcAssessmentSummary[] }>(c['demo-county']!.get('/api/v1/qc/assessments?pageSize=200'))
    ).data.map((a) => a.id);
    expect(seen).toContain(inside.id);
    expect(seen).not.toContain(outside.id);
    expect((await c['demo-county']!.get(`/api/v1/qc/assessments/${outside.id}`)).status).toBe(404);
    expect(
      (await c['demo-county']!.get(`/api/v1/qc/assessments/${outside.id}/evidence/${outside.evidenceId}`))
        .status,
    ).toBe(404);
    expect(
      (await c['demo-county']!.get(`/api/v1/qc/assessments/${inside.id}/evidence/${inside.evidenceId}`))
        .status,
    ).toBe(200);
    expect((await detail('demo-county', inside.id)).abilities.score).toBe(false);
    expect((await detail('demo-qc', inside.id)).abilities.score).toBe(true);
    expect(
      (await c['demo-county']!.put(`/api/v1/qc/assessments/${inside.id}/scores`, { items: [] })).status,
    ).toBe(403);
  });
});
