/**
 * 外出体检告知 (issue 16 item 4; R44, R47): the notice period on the real working calendar (国庆 2026 with
 * its make-up workdays), refusals with the earliest allowed start date, eligibility, routing to the
 * county or the delegated city, acknowledgement by the receiving department only, the printable notice,
 * content drawn from the filing, and audit.
 */
import type {
  OutboundDelegation,
  OutboundNoticeDetail,
  OutboundOptions,
  OutboundSetting,
  OutboundTiming,
} from '@ohp/contracts';
import { createCalendar } from '@ohp/reference';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUser } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import { AppError } from '../../platform/errors.js';
import { workingCalendar } from '../calendar/index.js';
import { userIdByUsername } from '../users/index.js';
import { DEMO_OUTBOUND_IDS, DEMO_OUTBOUND_USER, outboundEligibility } from './index.js';
import { noticeTiming } from './outbound.rules.js';
import { createOutboundDelegation, submitNotice, updateOutboundSetting } from './outbound.service.js';

let t: TestContext;
const c: Record<string, Client> = {};
beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of [
    DEMO_OUTBOUND_USER,
    'demo-province',
    'demo-city',
    'demo-county',
    'demo-exam',
    'demo-qc',
    'demo-employer',
  ])
    c[u] = await t.login(u);
}, 180_000);
afterAll(async () => t.close());

const actor = async (username: string): Promise<Actor> =>
  (await loadActor(t.deps.db, (await userIdByUsername(t.deps.db, username))!))!.actor;
const ctxOf = (a: Actor): AuditContext => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'outbound-test',
});
const detail = async (who: string, id: number) => {
  const res = await c[who]!.get(`/api/v1/outbound-notices/${id}`);
  expect(res.status).toBe(200);
  return res.body as unknown as OutboundNoticeDetail;
};
const options = async () => {
  const res = await c[DEMO_OUTBOUND_USER]!.get('/api/v1/outbound-notices/options');
  expect(res.status).toBe(200);
  return res.body as unknown as OutboundOptions;
};
const draftBody = async (startDate: string, endDate = startDate) => {
  const o = await options();
  return {
    employerName: '南关区测试机械厂',
    employerRegionCode: '220102',
    siteAddress: '长春市南关区测试路 1 号',
    startDate,
    endDate,
    hazardCodes: [o.hazards[0]!.code],
    staff: [{ name: o.staff[0]!.name }],
    vehicles: o.vehicles.slice(0, 1).map((v) => ({ plateNo: v.plateNo })),
    equipment: [{ name: o.equipment[0]!.name, quantity: 1 }],
    expectedCount: 50,
  };
};
const refusal = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected a refusal');
};

describe('the notice period on the working calendar (R47: 5 working days, clear_days)', () => {
  // 国庆 2026 (shipped data): 10-01…10-07 holidays, 09-20 (Sun) and 10-10 (Sat) make-up workdays; 中秋 09-25.
  // Given Tue 2026-09-29, the working days after it are 09-30, 10-08, 10-09, 10-10 (Sat, make-up), 10-12.
  const cal = createCalendar();

  it('refuses a start 4 working days ahead across 国庆 and names 10-13 as the earliest start', () => {
    const r = noticeTiming(cal, 5, 'clear_days', '2026-09-29', '2026-10-12');
    expect(r).toMatchObject({ workingDaysCounted: 4, allowed: false, earliestStartDate: '2026-10-13' });
  });

  it('accepts a start 5 working days ahead across the holiday (the make-up Saturday counted)', () => {
    const r = noticeTiming(cal, 5, 'clear_days', '2026-09-29', '2026-10-13');
    expect(r).toMatchObject({ workingDaysCounted: 5, allowed: true, provisional: false });
    // The latest day a notice for 10-13 could be given: the 6th working day back (5 clear between).
    expect(r.latestNoticeDate).toBe('2026-09-29');
  });

  it('the other convention (the notice day counts) allows earlier starts — the reason the convention is named', () => {
    const r = noticeTiming(cal, 5, 'notice_day_counts', '2026-09-29', '2026-10-12');
    expect(r).toMatchObject({ workingDaysCounted: 5, allowed: true, earliestStartDate: '2026-10-11' });
  });

  it('a notice given on a holiday counts from the next working day', () => {
    // 10-03 is a holiday: 10-08, 10-09, 10-10, 10-12, 10-13 are the five; the earliest start 10-14.
    expect(noticeTiming(cal, 5, 'clear_days', '2026-10-03').earliestStartDate).toBe('2026-10-14');
  });

  it('the database calendar gives the same answer, and the Jilin setting is 5, clear_days, uncertain', async () => {
    const r = noticeTiming(await workingCalendar(t.deps.db), 5, 'clear_days', '2026-09-29', '2026-10-12');
    expect(r.earliestStartDate).toBe('2026-10-13');
    const s = await t.deps.db
      .selectFrom('outbound_setting')
      .selectAll()
      .where('province_code', '=', '22')
      .executeTakeFirstOrThrow();
    expect(s).toMatchObject({ notice_working_days: 5, convention: 'clear_days', confidence: 'uncertain' });
  });

  it('the timing route computes the earliest date for the picker', async () => {
    const res = await c[DEMO_OUTBOUND_USER]!.get(
      '/api/v1/outbound-notices/timing?noticeDate=2026-09-29&startDate=2026-10-12',
    );
    expect(res.status).toBe(200);
    expect(res.body as unknown as OutboundTiming).toMatchObject({
      noticeWorkingDays: 5,
      convention: 'clear_days',
      earliestStartDate: '2026-10-13',
      workingDaysCounted: 4,
      allowed: false,
    });
  });
});

describe('submitting', () => {
  it('refuses 4 working days ahead with the earliest allowed start date, accepts 5 across 国庆', async () => {
    const a = await actor(DEMO_OUTBOUND_USER);
    const created = await c[DEMO_OUTBOUND_USER]!.post(
      '/api/v1/outbound-notices',
      await draftBody('2026-10-12', '2026-10-14'),
    );
    expect(created.status).toBe(201);
    const id = (created.body as { id: number }).id;
    const e = await refusal(() => submitNotice(t.deps.db, ctxOf(a), a, id, 'zh-CN', '2026-09-29'));
    expect(e).toBeInstanceOf(AppError);
    expect(e.code).toBe('unprocessable');
    expect(e.reason).toBe('outbound_too_late');
    const earliest = e.details!.find((d) => d.path === 'earliestStartDate')!;
    expect(earliest.message).toContain('2026-10-13');
    expect((await detail(DEMO_OUTBOUND_USER, id)).status).toBe('draft');

    expect(
      (await c[DEMO_OUTBOUND_USER]!.put(`/api/v1/outbound-notices/${id}`, { startDate: '2026-10-13' }))
        .status,
    ).toBe(200);
    const ok = await submitNotice(t.deps.db, ctxOf(a), a, id, 'zh-CN', '2026-09-29');
    expect(ok.status).toBe('submitted');
    const d = await detail(DEMO_OUTBOUND_USER, id);
    expect(d).toMatchObject({
      status: 'submitted',
      noticeWorkingDays: 5,
      convention: 'clear_days',
      delegated: false,
    });
    expect(d.receivingRegionCode).toBe('220102');
    expect(d.document?.code).toMatch(/^[0-9A-Z]{12}$/);
    // The printable notice says what the notice says.
    const doc = await c[DEMO_OUTBOUND_USER]!.get(`/api/v1/documents/${d.document!.documentId}`);
    expect(doc.status).toBe(200);
    expect(JSON.stringify(doc.body)).toContain('南关区测试机械厂');
    expect(JSON.stringify(doc.body)).toContain('2026-10-13 至 2026-10-14');
  });

  it('over HTTP a late notice is 422 with the reason and the earliest date, in English too', async () => {
    const timing = (await c[DEMO_OUTBOUND_USER]!.get('/api/v1/outbound-notices/timing'))
      .body as unknown as OutboundTiming;
    const late = await c[DEMO_OUTBOUND_USER]!.post(
      '/api/v1/outbound-notices',
      await draftBody(timing.noticeDate),
    );
    const id = (late.body as { id: number }).id;
    const res = await c[DEMO_OUTBOUND_USER]!.post(
      `/api/v1/outbound-notices/${id}/submit`,
      {},
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(422);
    const err = res.body.error as {
      reason: string;
      message: string;
      details: Array<{ path: string; message: string }>;
    };
    expect(err.reason).toBe('outbound_too_late');
    expect(err.message).toMatch(/working days/);
    expect(err.details.find((x) => x.path === 'earliestStartDate')!.message).toContain(
      timing.earliestStartDate,
    );
    // At the earliest allowed date it goes through.
    expect(
      (
        await c[DEMO_OUTBOUND_USER]!.put(`/api/v1/outbound-notices/${id}`, {
          startDate: timing.earliestStartDate,
          endDate: timing.earliestStartDate,
        })
      ).status,
    ).toBe(200);
    const ok = await c[DEMO_OUTBOUND_USER]!.post(`/api/v1/outbound-notices/${id}/submit`, {});
    expect(ok.status).toBe(200);
  });

  it('refuses an institution that is not filed, and one whose on-site verification has not passed', async () => {
    const res = await c['demo-exam']!.post('/api/v1/outbound-notices', await draftBody('2027-03-15'));
    expect(res.status).toBe(422);
    expect((res.body.error as { reason: string }).reason).toBe('outbound_not_filed');
    const o = await c['demo-exam']!.get('/api/v1/outbound-notices/options');
    expect(o.body).toMatchObject({ eligible: false, reason: 'outbound_not_filed' });
    // Filed institutions whose verification is pending or scheduled (demo filings 6–8).
    const filed = await t.deps.db
      .selectFrom('filing')
      .select(['institution_id', 'imported'])
      .where('kind', '=', 'exam')
      .where('status', '=', 'filed')
      .orderBy('filing_id')
      .execute();
    const results = await Promise.all(filed.map((f) => outboundEligibility(t.deps.db, f.institution_id)));
    expect(results.some((r) => r.eligible)).toBe(true);
    expect(results.filter((r) => !r.eligible).map((r) => r.reason)).toContain(
      'outbound_verification_not_passed',
    );
    // A submitted (not yet filed) filing is not filed.
    const submitted = await t.deps.db
      .selectFrom('filing')
      .select('institution_id')
      .where('status', '=', 'submitted')
      .executeTakeFirstOrThrow();
    expect((await outboundEligibility(t.deps.db, submitted.institution_id)).reason).toBe(
      'outbound_not_filed',
    );
  });

  it('takes factors only from the filed, not blocked capability, and staff, vehicles, equipment from the filing', async () => {
    const o = await options();
    const body = await draftBody('2027-03-15');
    const bad = await c[DEMO_OUTBOUND_USER]!.post('/api/v1/outbound-notices', {
      ...body,
      hazardCodes: [...o.blocked.map((b) => b.code), '2001'].filter(
        (x) => !o.hazards.some((h) => h.code === x),
      ),
      staff: [{ name: '不在备案的人' }],
      vehicles: [{ plateNo: '吉Z·00000' }],
      equipment: [{ name: o.equipment[0]!.name, quantity: 999 }],
    });
    expect(bad.status).toBe(400);
    const reasons = (bad.body.error as { details: Array<{ path: string; reason: string }> }).details.map(
      (d) => `${d.path}:${d.reason}`,
    );
    if (o.blocked.length) expect(reasons).toContain('hazardCodes.0:outbound_hazard_blocked');
    expect(reasons).toContain(`hazardCodes.${o.blocked.length}:outbound_hazard_not_filed`);
    expect(reasons).toContain('staff.0.name:outbound_staff_not_filed');
    expect(reasons).toContain('vehicles.0.plateNo:outbound_vehicle_not_filed');
    expect(reasons).toContain('equipment.0.name:outbound_equipment_not_filed');
    const other = await c[DEMO_OUTBOUND_USER]!.post('/api/v1/outbound-notices', {
      ...body,
      employerRegionCode: '210102',
    });
    expect(other.status).toBe(400);
    expect(JSON.stringify(other.body)).toContain('outbound_region_other_province');
  });
});

describe('routing and acknowledgement', () => {
  it('the demo notices: one acknowledged by the city (a delegated county), one awaiting the county, one draft', async () => {
    const a = await detail(DEMO_OUTBOUND_USER, DEMO_OUTBOUND_IDS.acknowledged);
    expect(a).toMatchObject({ status: 'acknowledged', delegated: true });
    expect(a.receivingRegionCode).toHaveLength(4);
    expect(a.employerRegionCode.slice(0, 4)).toBe(a.receivingRegionCode);
    const b = await detail(DEMO_OUTBOUND_USER, DEMO_OUTBOUND_IDS.submitted);
    expect(b).toMatchObject({ status: 'submitted', delegated: false });
    expect(b.receivingRegionCode).toHaveLength(6);
    expect((await detail(DEMO_OUTBOUND_USER, DEMO_OUTBOUND_IDS.draft)).status).toBe('draft');
  });

  it('the county queue holds its notice; regulators never see a draft', async () => {
    const q = await c['demo-county']!.get('/api/v1/outbound-notices?queue=true');
    expect(q.status).toBe(200);
    const ids = (q.body as { data: Array<{ id: number; status: string }> }).data.map((r) => r.id);
    expect(ids).toContain(DEMO_OUTBOUND_IDS.submitted);
    expect(ids).not.toContain(DEMO_OUTBOUND_IDS.acknowledged);
    expect(
      (await c['demo-province']!.get(`/api/v1/outbound-notices/${DEMO_OUTBOUND_IDS.draft}`)).status,
    ).toBe(404);
    const all = (await c['demo-province']!.get('/api/v1/outbound-notices?pageSize=200')).body as {
      data: Array<{ status: string }>;
    };
    expect(all.data.length).toBeGreaterThan(0);
    expect(all.data.every((r) => r.status !== 'draft')).toBe(true);
  });

  it('only the receiving department acknowledges, once, audited', async () => {
    const id = DEMO_OUTBOUND_IDS.submitted;
    const city = await c['demo-city']!.post(`/api/v1/outbound-notices/${id}/acknowledge`, {});
    expect(city.status).toBe(403);
    expect((city.body.error as { reason: string }).reason).toBe('outbound_not_receiving_department');
    expect((await c['demo-province']!.post(`/api/v1/outbound-notices/${id}/acknowledge`, {})).status).toBe(
      403,
    );
    expect((await c[DEMO_OUTBOUND_USER]!.post(`/api/v1/outbound-notices/${id}/acknowledge`, {})).status).toBe(
      403,
    );
    const ok = await c['demo-county']!.post(`/api/v1/outbound-notices/${id}/acknowledge`, { note: '已收悉' });
    expect(ok.status).toBe(200);
    expect((await c['demo-county']!.post(`/api/v1/outbound-notices/${id}/acknowledge`, {})).status).toBe(409);
    // Acknowledged: the institution can no longer withdraw it.
    const w = await c[DEMO_OUTBOUND_USER]!.post(`/api/v1/outbound-notices/${id}/withdraw`, {
      reason: '推迟',
    });
    expect(w.status).toBe(409);
    const log = await t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username'])
      .where('entity_type', '=', 'outbound_notice')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(log.map((l) => l.action)).toEqual([
      'outbound_notice.create',
      'outbound_notice.submit',
      'outbound_notice.acknowledge',
    ]);
    expect(log.at(-1)!.actor_username).toBe('demo-county');
  });

  it('a draft is withdrawn by its institution, audited; others cannot touch it', async () => {
    const created = await c[DEMO_OUTBOUND_USER]!.post(
      '/api/v1/outbound-notices',
      await draftBody('2027-04-01'),
    );
    const id = (created.body as { id: number }).id;
    expect(
      (await c['demo-exam']!.post(`/api/v1/outbound-notices/${id}/withdraw`, { reason: '测试撤回' })).status,
    ).toBe(404);
    const w = await c[DEMO_OUTBOUND_USER]!.post(`/api/v1/outbound-notices/${id}/withdraw`, {
      reason: '用人单位推迟',
    });
    expect(w.status).toBe(200);
    expect(
      (await c[DEMO_OUTBOUND_USER]!.put(`/api/v1/outbound-notices/${id}`, { expectedCount: 3 })).status,
    ).toBe(409);
    const log = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'outbound_notice')
      .where('entity_id', '=', String(id))
      .orderBy('seq')
      .execute();
    expect(log.map((l) => l.action)).toEqual(['outbound_notice.create', 'outbound_notice.withdraw']);
  });
});

describe('外出体检设置: the notice period per province and the delegated counties, kept by the province', () => {
  const JILIN = {
    noticeWorkingDays: 5,
    convention: 'clear_days',
    legalBasis: '吉卫规〔2024〕2号 三',
    confidence: 'uncertain',
    note: null,
  };
  const settingRow = () =>
    t.deps.db
      .selectFrom('outbound_setting')
      .selectAll()
      .where('province_code', '=', '22')
      .executeTakeFirstOrThrow();
  const auditOf = (entityType: string, entityId: string) =>
    t.deps.db
      .selectFrom('audit_log')
      .select(['action', 'actor_username', 'before', 'after'])
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', entityId)
      .orderBy('seq')
      .execute();
  /** A regulator_admin of a city or county commission (holds outbound:configure, refused by the service). */
  const adminOf = async (region: string): Promise<Client> => {
    const org = await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'health_commission')
      .where('region_code', '=', region)
      .executeTakeFirstOrThrow();
    const u = await buildUser(t.deps, { organisationId: org.organisation_id, roleKeys: ['regulator_admin'] });
    return t.login(u.username);
  };
  afterAll(async () => {
    // Leave the province as the migration set it (other describe blocks read 5, clear_days).
    await c['demo-province']!.put('/api/v1/outbound-settings/22', JILIN);
  });

  it('whoever reads notices reads the province’s setting; only the provincial commission may change it; another province is 404', async () => {
    const own = await c[DEMO_OUTBOUND_USER]!.get('/api/v1/outbound-settings/22');
    expect(own.status).toBe(200);
    expect(own.body as unknown as OutboundSetting).toMatchObject({
      provinceCode: '22',
      provinceName: '吉林省',
      noticeWorkingDays: 5,
      convention: 'clear_days',
      confidence: 'uncertain',
      isDefault: false,
      canConfigure: false,
    });
    expect((own.body as unknown as OutboundSetting).legalBasis).toContain('吉卫规〔2024〕2号');
    expect(
      ((await c['demo-city']!.get('/api/v1/outbound-settings/22')).body as { canConfigure: boolean })
        .canConfigure,
    ).toBe(false);
    expect(
      ((await c['demo-province']!.get('/api/v1/outbound-settings/22')).body as { canConfigure: boolean })
        .canConfigure,
    ).toBe(true);
    expect((await c['demo-province']!.get('/api/v1/outbound-settings/21')).status).toBe(404);
    expect((await c['demo-province']!.get('/api/v1/outbound-settings/21/delegations')).status).toBe(404);
    expect((await c['demo-province']!.put('/api/v1/outbound-settings/21', JILIN)).status).toBe(404);
    // demo-city is a regulator (no outbound:configure): refused by the route.
    expect((await c['demo-city']!.put('/api/v1/outbound-settings/22', JILIN)).status).toBe(403);
  });

  it('a city or county regulator_admin is refused (403, zh/en reason): the province sets the period and the delegations', async () => {
    const before = await settingRow();
    for (const region of ['2201', '220102']) {
      const admin = await adminOf(region);
      const put = await admin.put('/api/v1/outbound-settings/22', { ...JILIN, noticeWorkingDays: 3 });
      expect(put.status, region).toBe(403);
      const err = put.body.error as { reason: string; message: string };
      expect(err.reason).toBe('outbound_configure_province_only');
      expect(err.message).toContain('省级');
      const en = await admin.request('PUT', '/api/v1/outbound-settings/22', JILIN, {
        'accept-language': 'en',
      });
      expect((en.body.error as { message: string }).message).toMatch(/provincial health commission/);
      expect(
        (await admin.post('/api/v1/outbound-settings/22/delegations', { countyCode: '220105' })).status,
      ).toBe(403);
      const list = (await c['demo-province']!.get('/api/v1/outbound-settings/22/delegations'))
        .body as unknown as OutboundDelegation[];
      expect(
        (await admin.delete(`/api/v1/outbound-settings/22/delegations/${list[0]!.countyCode}`)).status,
      ).toBe(403);
      // It still reads them.
      expect((await admin.get('/api/v1/outbound-settings/22')).body).toMatchObject({ canConfigure: false });
    }
    expect(await settingRow()).toEqual(before);
    expect(await auditOf('outbound_delegation', '220105')).toEqual([]);
  });

  it('refuses bad settings with field reasons in zh-CN and en, and writes nothing', async () => {
    const before = await settingRow();
    const audits = (await auditOf('outbound_setting', '22')).length;
    const bad = async (body: Record<string, unknown>, path: string, lang = 'zh-CN') => {
      const res = await c['demo-province']!.request('PUT', '/api/v1/outbound-settings/22', body, {
        'accept-language': lang,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const details = (
        res.body.error as { details: Array<{ path: string; message: string; reason: string }> }
      ).details;
      const d = details.find((x) => x.path === path)!;
      expect(d, JSON.stringify(details)).toBeDefined();
      expect(d.message.length).toBeGreaterThan(1);
      return d;
    };
    expect((await bad({ ...JILIN, noticeWorkingDays: 0 }, 'noticeWorkingDays')).message).toMatch(
      /[\u4e00-\u9fff]/,
    );
    expect((await bad({ ...JILIN, noticeWorkingDays: 31 }, 'noticeWorkingDays', 'en')).message).toMatch(
      /large/,
    );
    await bad({ ...JILIN, convention: 'calendar_days' }, 'convention');
    await bad({ ...JILIN, legalBasis: '' }, 'legalBasis');
    // Blank after trimming: the service's own reason, in both languages.
    const blank = await bad({ ...JILIN, legalBasis: '   ' }, 'legalBasis');
    expect(blank.reason).toBe('outbound_legal_basis_required');
    expect(blank.message).toContain('依据');
    expect((await bad({ ...JILIN, legalBasis: '   ' }, 'legalBasis', 'en')).message).toMatch(/legal basis/);
    // A direct caller (no schema in front) gets the service's reasons.
    const admin = await actor('demo-province');
    const e = await refusal(() =>
      updateOutboundSetting(t.deps.db, ctxOf(admin), admin, '22', {
        noticeWorkingDays: 45,
        convention: 'both' as 'clear_days',
        legalBasis: ' ',
        confidence: 'sure' as 'verified',
      }),
    );
    expect(e.code).toBe('validation_failed');
    expect(e.details!.map((d) => `${d.path}:${d.reason}`).sort()).toEqual([
      'confidence:outbound_confidence_invalid',
      'convention:outbound_convention_invalid',
      'legalBasis:outbound_legal_basis_required',
      'noticeWorkingDays:outbound_days_range',
    ]);
    expect(await settingRow()).toEqual(before);
    expect((await auditOf('outbound_setting', '22')).length).toBe(audits);
  });

  it('a changed period applies to the next notice at once: the earliest start moves and a start refused at 5 goes through at 3', async () => {
    const timing = async () =>
      (
        await c[DEMO_OUTBOUND_USER]!.get(
          '/api/v1/outbound-notices/timing?noticeDate=2026-09-29&startDate=2026-10-12',
        )
      ).body as unknown as OutboundTiming;
    expect(await timing()).toMatchObject({ earliestStartDate: '2026-10-13', allowed: false });
    const a = await actor(DEMO_OUTBOUND_USER);
    const created = await c[DEMO_OUTBOUND_USER]!.post(
      '/api/v1/outbound-notices',
      await draftBody('2026-10-12'),
    );
    const id = (created.body as { id: number }).id;
    expect(
      (await refusal(() => submitNotice(t.deps.db, ctxOf(a), a, id, 'zh-CN', '2026-09-29'))).reason,
    ).toBe('outbound_too_late');

    const put = await c['demo-province']!.put('/api/v1/outbound-settings/22', {
      noticeWorkingDays: 3,
      convention: 'clear_days',
      legalBasis: '  吉卫规〔2024〕2号 三（测试：改为 3 个工作日）  ',
      confidence: 'verified',
      note: '测试',
    });
    expect(put.status).toBe(200);
    expect(put.body as unknown as OutboundSetting).toMatchObject({
      noticeWorkingDays: 3,
      confidence: 'verified',
      legalBasis: '吉卫规〔2024〕2号 三（测试：改为 3 个工作日）',
    });
    // 09-29 + 3 clear working days (09-30, 10-08, 10-09): the earliest start is 10-10 (a make-up Saturday).
    expect(await timing()).toMatchObject({
      noticeWorkingDays: 3,
      earliestStartDate: '2026-10-10',
      workingDaysCounted: 4,
      allowed: true,
    });
    const ok = await submitNotice(t.deps.db, ctxOf(a), a, id, 'zh-CN', '2026-09-29');
    expect(ok.status).toBe('submitted');
    expect(await detail(DEMO_OUTBOUND_USER, id)).toMatchObject({
      noticeWorkingDays: 3,
      convention: 'clear_days',
    });

    // The other convention: the notice day counts, so 10-09 is the earliest.
    await c['demo-province']!.put('/api/v1/outbound-settings/22', {
      ...JILIN,
      noticeWorkingDays: 3,
      convention: 'notice_day_counts',
    });
    expect((await timing()).earliestStartDate).toBe('2026-10-09');

    const log = await auditOf('outbound_setting', '22');
    expect(log.map((l) => l.action)).toEqual(['outbound_setting.update', 'outbound_setting.update']);
    expect(log[0]!.actor_username).toBe('demo-province');
    expect(log[0]!.before).toMatchObject({
      noticeWorkingDays: 5,
      convention: 'clear_days',
      confidence: 'uncertain',
    });
    expect(log[0]!.after).toMatchObject({
      noticeWorkingDays: 3,
      convention: 'clear_days',
      confidence: 'verified',
    });
    expect(log[1]!.after).toMatchObject({ convention: 'notice_day_counts' });
  });

  it('lists the demo delegation (a county of the demo city, notices to the city)', async () => {
    const res = await c['demo-county']!.get('/api/v1/outbound-settings/22/delegations');
    expect(res.status).toBe(200);
    const list = res.body as unknown as OutboundDelegation[];
    expect(list.length).toBeGreaterThan(0);
    const d = list[0]!;
    expect(d.cityCode).toBe(d.countyCode.slice(0, 4));
    expect(d.cityName).toBe('长春市');
    expect(d.cityDepartment).toContain('卫生健康委员会');
    expect(d.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Recorded through the service (audited as demo-province).
    const log = await auditOf('outbound_delegation', d.countyCode);
    expect(log.map((l) => `${l.action} ${l.actor_username}`)).toEqual([
      'outbound_delegation.create demo-province',
    ]);
  });

  it('refuses a county outside the province, a code that is not a county, and a duplicate; nothing written', async () => {
    const p = c['demo-province']!;
    const reasonOf = async (body: unknown) => {
      const res = await p.post('/api/v1/outbound-settings/22/delegations', body);
      return {
        status: res.status,
        error: res.body.error as {
          reason: string;
          details?: Array<{ path: string; reason: string; message: string }>;
        },
      };
    };
    const other = await reasonOf({ countyCode: '210102' });
    expect(other.status).toBe(400);
    expect(other.error.details).toEqual([
      expect.objectContaining({
        path: 'countyCode',
        reason: 'outbound_delegation_other_province',
        message: '该县（市、区）不属于本省',
      }),
    ]);
    const city = await reasonOf({ countyCode: '220100' });
    expect(city.status).toBe(400);
    expect(city.error.details![0]!.reason).toBe('outbound_delegation_not_county');
    expect((await reasonOf({ countyCode: '22010' })).status).toBe(400);
    const en = await p.request(
      'POST',
      '/api/v1/outbound-settings/22/delegations',
      { countyCode: '210102' },
      { 'accept-language': 'en' },
    );
    expect((en.body.error as { details: Array<{ message: string }> }).details[0]!.message).toBe(
      'This county is not in the province',
    );
    const existing = (
      (await p.get('/api/v1/outbound-settings/22/delegations')).body as unknown as OutboundDelegation[]
    )[0]!;
    const dup = await reasonOf({ countyCode: existing.countyCode });
    expect(dup.status).toBe(409);
    expect(dup.error.reason).toBe('outbound_delegation_exists');
    for (const code of ['210102', '220100'])
      expect(
        await t.deps.db
          .selectFrom('outbound_delegation')
          .select('county_code')
          .where('county_code', '=', code)
          .execute(),
      ).toEqual([]);
    expect((await auditOf('outbound_delegation', existing.countyCode)).length).toBe(1);
    // A direct caller in another province's name: not found.
    const admin = await actor('demo-province');
    expect(
      (
        await refusal(() =>
          createOutboundDelegation(t.deps.db, ctxOf(admin), admin, '21', { countyCode: '210102' }),
        )
      ).code,
    ).toBe('not_found');
  });

  it('a delegation reroutes a new notice to the city at once; removing it routes the next to the county again', async () => {
    const a = await actor(DEMO_OUTBOUND_USER);
    const p = c['demo-province']!;
    const timing = (await c[DEMO_OUTBOUND_USER]!.get('/api/v1/outbound-notices/timing'))
      .body as unknown as OutboundTiming;
    const notice = async () => {
      const created = await c[DEMO_OUTBOUND_USER]!.post('/api/v1/outbound-notices', {
        ...(await draftBody(timing.earliestStartDate)),
        employerName: '朝阳区测试代管机械厂',
        employerRegionCode: '220104',
      });
      expect(created.status).toBe(201);
      const id = (created.body as { id: number }).id;
      await submitNotice(t.deps.db, ctxOf(a), a, id, 'zh-CN', timing.noticeDate);
      return detail(DEMO_OUTBOUND_USER, id);
    };
    const before = await notice();
    expect(before).toMatchObject({ receivingRegionCode: '220104', delegated: false });

    const add = await p.post('/api/v1/outbound-settings/22/delegations', {
      countyCode: '220104',
      note: '  测试：朝阳区由长春市代管  ',
    });
    expect(add.status).toBe(201);
    expect(add.body as unknown as OutboundDelegation).toMatchObject({
      countyCode: '220104',
      countyName: '朝阳区',
      cityCode: '2201',
      cityName: '长春市',
      note: '测试：朝阳区由长春市代管',
    });
    const rerouted = await notice();
    expect(rerouted).toMatchObject({ receivingRegionCode: '2201', delegated: true });
    expect(rerouted.receivingOrganisationName).toBe(
      (add.body as unknown as OutboundDelegation).cityDepartment,
    );
    // The city acknowledges it, the county cannot.
    expect(
      (await c['demo-county']!.post(`/api/v1/outbound-notices/${rerouted.id}/acknowledge`, {})).status,
    ).toBe(404);
    expect(
      (await c['demo-city']!.post(`/api/v1/outbound-notices/${rerouted.id}/acknowledge`, {})).status,
    ).toBe(200);

    expect((await p.delete('/api/v1/outbound-settings/22/delegations/220104')).status).toBe(204);
    expect((await p.delete('/api/v1/outbound-settings/22/delegations/220104')).status).toBe(404);
    const after = await notice();
    expect(after).toMatchObject({ receivingRegionCode: '220104', delegated: false });
    // Submitted notices keep the route they were sent by.
    expect(await detail(DEMO_OUTBOUND_USER, rerouted.id)).toMatchObject({
      receivingRegionCode: '2201',
      delegated: true,
    });

    const log = await auditOf('outbound_delegation', '220104');
    expect(log.map((l) => l.action)).toEqual(['outbound_delegation.create', 'outbound_delegation.delete']);
    expect(log[0]!.after).toMatchObject({
      countyCode: '220104',
      cityCode: '2201',
      note: '测试：朝阳区由长春市代管',
    });
    expect(log[1]!.before).toMatchObject({ countyCode: '220104', cityCode: '2201' });
  });
});
