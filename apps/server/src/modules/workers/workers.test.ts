/**
 * The worker registry (issue 15 item 6): who sees which workers (a regulator its region — a sibling
 * county or city is out of scope —, an institution the workers it examined, an employer its own), the
 * history across employers and institutions limited to the exams in scope, ID-number search by keyed
 * hash, the filters, the reveal (reason required, audited without the values), and the history export
 * (masked by default, audited; full only with workers:reveal and a reason).
 */
import type { WorkerDetail, WorkerSummary } from '@ohp/contracts';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { examCard } from '../../../test/factories.js';
import { createTestContext, type Client, type TestContext } from '../../../test/helpers.js';
import { makeIdNumber } from '../../demo/exam-cards.js';
import { loadActor } from '../../platform/authz/session.js';
import type { Actor } from '../../platform/authz/actor.js';
import { storeCards } from '../exam-reports/index.js';
import { canRevealWorker, isReasonStated, workerAbilities, workerScopeOf } from './workers.policy.js';

let t: TestContext;
const c: Record<string, Client> = {};
const who = [
  'demo-province',
  'demo-city',
  'demo-county',
  'demo-exam',
  'demo-employer',
  'demo-qc',
  'demo-sysadmin',
];
const actors: Record<string, Actor> = {};

const actor = async (username: string) => {
  const u = await t.deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  return (await loadActor(t.deps.db, u.user_id))!.actor;
};

let serial = 400;
/** A worker of their own (a valid resident ID), born 1985-03-15 like the example card's. */
const newWorker = (name: string) => ({
  name,
  idNumber: makeIdNumber('220102', '1985-03-15', ++serial, true),
  phone: `139${String(10_000_000 + serial).slice(0, 8)}`,
});

/** Stores one card of `worker` by `institutionId` for an employer in `region` (credit code optional). */
const store = async (
  worker: { name: string; idNumber: string; phone: string },
  o: {
    institutionId: number;
    region: string;
    employerCreditCode?: string;
    examDate?: string;
    suspected?: boolean;
  },
): Promise<number> => {
  const card = examCard(`workers-${++serial}`, (x) => {
    x.worker = { ...x.worker, ...worker };
    x.employer.regionCode = o.region;
    x.employingUnit.regionCode = o.region;
    if (o.employerCreditCode) {
      x.employer.creditCode = o.employerCreditCode;
      x.employingUnit.creditCode = o.employerCreditCode;
    }
    if (o.examDate) {
      x.examDate = o.examDate;
      x.writer.date = o.examDate;
      x.reporter.date = o.examDate;
    }
    if (o.suspected === false)
      x.conclusions = x.conclusions.map((k) => ({
        ...k,
        conclusionCode: '01',
        suspectedDiseaseCode: null,
        contraindication: null,
      }));
  });
  const [out] = await t.deps.db
    .transaction()
    .execute((trx) =>
      storeCards(trx, t.deps.crypto, { institutionId: o.institutionId, importBatchId: null, source: 'api' }, [
        { rowNo: 1, card },
      ]),
    );
  expect(out!.outcome, JSON.stringify(out!.issues)).toBe('accepted');
  return out!.examCardId!;
};

const workerIdOf = async (cardId: number) =>
  (
    await t.deps.db
      .selectFrom('exam_card')
      .select('worker_id')
      .where('exam_card_id', '=', cardId)
      .executeTakeFirstOrThrow()
  ).worker_id;

const list = async (u: string, q = '') => {
  const res = await c[u]!.get(`/api/v1/workers?pageSize=200${q}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as unknown as { data: WorkerSummary[]; total: number };
};
const detail = async (u: string, id: number) => c[u]!.get(`/api/v1/workers/${id}`);

let otherInstitution: number;
let employerCode: string;
/** The travelling worker: county (demo institution, the demo employer), sibling county, another city. */
const travelling = newWorker('周游平');
let travellingId: number;
const cards: Record<'county' | 'sibling' | 'otherCity', number> = { county: 0, sibling: 0, otherCity: 0 };
/** A worker examined only in the sibling county, by another institution. */
const sibling = newWorker('隔壁县');
let siblingId: number;

beforeAll(async () => {
  t = await createTestContext({ examCards: true });
  for (const u of who) {
    c[u] = await t.login(u);
    actors[u] = await actor(u);
  }
  otherInstitution = (
    await t.deps.db
      .selectFrom('organisation')
      .select('organisation_id')
      .where('kind', '=', 'exam_institution')
      .where('organisation_id', '<>', actors['demo-exam']!.organisationId)
      .orderBy('organisation_id')
      .executeTakeFirstOrThrow()
  ).organisation_id;
  employerCode = (
    await t.deps.db
      .selectFrom('organisation')
      .select('credit_code')
      .where('organisation_id', '=', actors['demo-employer']!.organisationId)
      .executeTakeFirstOrThrow()
  ).credit_code!;
  const county = actors['demo-county']!.regionCode;
  const siblingCounty = county === '220103' ? '220102' : '220103';
  const otherCity = county.startsWith('2202') ? '220102' : '220202';
  expect(siblingCounty.slice(0, 4)).toBe(county.slice(0, 4));
  cards.county = await store(travelling, {
    institutionId: actors['demo-exam']!.organisationId,
    region: county,
    employerCreditCode: employerCode,
    examDate: '2025-06-02',
  });
  cards.sibling = await store(travelling, {
    institutionId: otherInstitution,
    region: siblingCounty,
    examDate: '2024-05-20',
    suspected: false,
  });
  cards.otherCity = await store(travelling, {
    institutionId: otherInstitution,
    region: otherCity,
    examDate: '2023-04-11',
    suspected: false,
  });
  travellingId = await workerIdOf(cards.county);
  siblingId = await workerIdOf(
    await store(sibling, { institutionId: otherInstitution, region: siblingCounty, suspected: false }),
  );
});
afterAll(async () => t.close());

describe('worker policy', () => {
  it('gives reveal to holders of workers:reveal only, and sees workers through the card scope', () => {
    expect(workerAbilities(actors['demo-county']!)).toEqual({ reveal: true });
    expect(workerAbilities(actors['demo-exam']!)).toEqual({ reveal: true });
    expect(workerAbilities(actors['demo-employer']!)).toEqual({ reveal: false });
    expect(canRevealWorker(actors['demo-qc']!)).toBe(false);
    expect(workerScopeOf(actors['demo-employer']!).owner).toBe('employer');
    expect(workerScopeOf(actors['demo-exam']!).owner).toBe('institution');
    expect(workerScopeOf(actors['demo-county']!).scope).toEqual({
      kind: 'region',
      prefix: actors['demo-county']!.regionCode,
    });
  });

  it('counts a reason only when four characters remain after trimming', () => {
    expect(isReasonStated(undefined)).toBe(false);
    expect(isReasonStated('  核实  ')).toBe(false);
    expect(isReasonStated('核实身份')).toBe(true);
    expect(isReasonStated('abcd')).toBe(true);
  });
});

describe('the worker list', () => {
  it('finds a worker by ID number (keyed hash) and shows the row masked', async () => {
    const { data } = await list('demo-province', `&idNumber=${travelling.idNumber}`);
    expect(data.map((w) => w.id)).toEqual([travellingId]);
    const row = data[0]!;
    expect(row.idNumber).toBe(`${travelling.idNumber.slice(0, 6)}********${travelling.idNumber.slice(-4)}`);
    expect(row.name).toBe('周*平');
    expect(row.birthYear).toBe(1985);
    expect(row.genderCode).toBe('1');
    expect(row.examCount).toBe(3);
    expect(row.latestExamDate).toBe('2025-06-02');
    expect(row.latestConclusionCodes[0]).toBe('03');
    expect(row.employerCreditCode).toBe(employerCode);
    expect(JSON.stringify(data)).not.toContain(travelling.idNumber);
    expect(JSON.stringify(data)).not.toContain(travelling.name);
    // The lower-case x and the 15-digit form are not what was stored; an unknown number finds nobody.
    expect((await list('demo-province', '&idNumber=220102198503150000')).data).toEqual([]);
  });

  it('counts only the exams in scope: county 1, city 2, province 3; a sibling county’s worker is not listed', async () => {
    const q = `&idNumber=${travelling.idNumber}`;
    expect((await list('demo-county', q)).data[0]!.examCount).toBe(1);
    expect((await list('demo-city', q)).data[0]!.examCount).toBe(2);
    expect((await list('demo-province', q)).data[0]!.examCount).toBe(3);
    expect((await list('demo-county', `&idNumber=${sibling.idNumber}`)).data).toEqual([]);
    expect((await list('demo-city', `&idNumber=${sibling.idNumber}`)).data.map((w) => w.id)).toEqual([
      siblingId,
    ]);
    const county = await list('demo-county');
    expect(county.data.map((w) => w.id)).not.toContain(siblingId);
    expect(county.total).toBeGreaterThan(0);
  });

  it('shows an institution the workers it examined and an employer its own workers', async () => {
    const exam = await list('demo-exam');
    expect(exam.data.map((w) => w.id)).toContain(travellingId);
    expect(exam.data.map((w) => w.id)).not.toContain(siblingId);
    const mine = await list('demo-employer');
    expect(mine.data.map((w) => w.id)).toContain(travellingId);
    expect(mine.data.every((w) => w.employerCreditCode === employerCode)).toBe(true);
    expect(mine.data.find((w) => w.id === travellingId)!.examCount).toBe(1);
  });

  it('filters by employer, institution, suspected disease and the latest exam’s period', async () => {
    const byEmployer = await list('demo-province', `&employerCreditCode=${employerCode}`);
    expect(byEmployer.data.map((w) => w.id)).toContain(travellingId);
    const byInstitution = await list('demo-province', `&institutionId=${otherInstitution}`);
    expect(byInstitution.data.map((w) => w.id)).toEqual(expect.arrayContaining([travellingId, siblingId]));
    const suspected = await list('demo-province', '&hasSuspected=true');
    expect(suspected.data.every((w) => w.hasSuspected)).toBe(true);
    expect(suspected.data.map((w) => w.id)).toContain(travellingId);
    expect(suspected.data.map((w) => w.id)).not.toContain(siblingId);
    const notSuspected = await list('demo-province', '&hasSuspected=false');
    expect(notSuspected.data.map((w) => w.id)).toContain(siblingId);
    const period = await list('demo-province', '&from=2025-06-01&to=2025-06-03');
    expect(period.data.map((w) => w.id)).toContain(travellingId);
    // The worker's latest exam is 2025-06-02: an earlier period does not list them.
    expect(
      (await list('demo-province', '&from=2024-01-01&to=2024-12-31')).data.map((w) => w.id),
    ).not.toContain(travellingId);
  });

  it('is refused without workers:read (the QC centre, a system administrator)', async () => {
    expect((await c['demo-qc']!.get('/api/v1/workers')).status).toBe(403);
    expect((await c['demo-sysadmin']!.get('/api/v1/workers')).status).toBe(403);
  });
});

describe('the worker history', () => {
  it('lists every exam in scope across employers and institutions, newest first, masked', async () => {
    const res = await detail('demo-province', travellingId);
    expect(res.status).toBe(200);
    const d = res.body as unknown as WorkerDetail;
    expect(d.exams.map((e) => e.cardId)).toEqual([cards.county, cards.sibling, cards.otherCity]);
    expect(new Set(d.exams.map((e) => e.institutionId)).size).toBe(2);
    expect(d.employers.length).toBe(2);
    expect(d.exams[0]!.conclusions[0]!.suspectedDiseaseCode).toBeTruthy();
    expect(d.suspectedCases.map((s) => s.examCardId)).toEqual([cards.county]);
    expect(d.phone).toBe(`${travelling.phone.slice(0, 3)}****${travelling.phone.slice(-4)}`);
    expect(d.birthDate).toBe('1985-**-**');
    expect(JSON.stringify(d)).not.toContain(travelling.idNumber);
    expect(JSON.stringify(d)).not.toContain(travelling.phone);
  });

  it('shows the county only its exam, the employer only the exam naming it', async () => {
    const county = (await detail('demo-county', travellingId)).body as unknown as WorkerDetail;
    expect(county.exams.map((e) => e.cardId)).toEqual([cards.county]);
    const employer = (await detail('demo-employer', travellingId)).body as unknown as WorkerDetail;
    expect(employer.exams.map((e) => e.cardId)).toEqual([cards.county]);
    expect(employer.abilities.reveal).toBe(false);
  });

  it('answers 404 for a worker examined only in a sibling county or another city', async () => {
    expect((await detail('demo-county', siblingId)).status).toBe(404);
    expect((await detail('demo-exam', siblingId)).status).toBe(404);
    expect((await detail('demo-employer', siblingId)).status).toBe(404);
    expect((await detail('demo-county', 999_999_999)).status).toBe(404);
    expect((await detail('demo-city', siblingId)).status).toBe(200);
  });
});

const auditOf = (action: string, entityId: number) =>
  t.deps.db
    .selectFrom('audit_log')
    .selectAll()
    .where('action', '=', action)
    .where('entity_id', '=', String(entityId))
    .orderBy('audit_log_id', 'desc')
    .execute();

describe('revealing a worker', () => {
  const reveal = (u: string, id: number, body: unknown) => c[u]!.post(`/api/v1/workers/${id}/reveal`, body);

  it('refuses without a reason, naming the field reason', async () => {
    for (const body of [{}, { reason: '' }, { reason: '  看看 ' }]) {
      const res = await reveal('demo-county', travellingId, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const details = (res.body as { error: { details: Array<{ path: string }> } }).error.details;
      expect(details.map((d) => d.path.replace(/^\//, ''))).toContain('reason');
    }
    expect(await auditOf('worker.reveal', travellingId)).toEqual([]);
  });

  it('shows the values with a reason and audits who, whom, which fields and why — never the values', async () => {
    const res = await reveal('demo-county', travellingId, { reason: '核实疑似职业病报告，需联系本人' });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      idNumber: travelling.idNumber,
      name: travelling.name,
      phone: travelling.phone,
    });
    const only = await reveal('demo-county', travellingId, {
      reason: '核对身份证号码',
      fields: ['idNumber'],
    });
    expect(only.body).toEqual({ idNumber: travelling.idNumber });
    const entries = await auditOf('worker.reveal', travellingId);
    expect(entries.length).toBe(2);
    const text = JSON.stringify(entries);
    expect(text).toContain('核实疑似职业病报告，需联系本人');
    expect(text).not.toContain(travelling.idNumber);
    expect(text).not.toContain(travelling.name);
    expect(text).not.toContain(travelling.phone);
    expect(entries[0]!.actor_username).toBe('demo-county');
    expect(JSON.parse(JSON.stringify(entries[0]!.after)) as unknown).toMatchObject({ fields: ['idNumber'] });
  });

  it('answers 404 out of scope and 403 without workers:reveal', async () => {
    expect((await reveal('demo-county', siblingId, { reason: '核实身份信息' })).status).toBe(404);
    expect((await reveal('demo-exam', siblingId, { reason: '核实身份信息' })).status).toBe(404);
    expect((await reveal('demo-employer', travellingId, { reason: '核实身份信息' })).status).toBe(403);
    expect((await reveal('demo-exam', travellingId, { reason: '本机构复核' })).status).toBe(200);
  });
});

describe('exporting a worker history', () => {
  const sheetText = async (raw: unknown): Promise<string> => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(raw as ArrayBuffer);
    const cells: string[] = [];
    wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => void cells.push(cell.text))));
    return cells.join('|');
  };

  it('is masked by default and audited', async () => {
    const res = await c['demo-employer']!.get(`/api/v1/workers/${travellingId}/history.xlsx`);
    expect(res.status).toBe(200);
    expect(res.raw.headers['content-disposition']).toContain('.xlsx');
    const text = await sheetText(res.raw.rawPayload);
    expect(text).toContain('周*平');
    expect(text).toContain(`${travelling.idNumber.slice(0, 6)}********`);
    expect(text).not.toContain(travelling.idNumber);
    expect(text).not.toContain(travelling.phone);
    // The employer's export holds its own exam only.
    expect(text).toContain('2025-06-02');
    expect(text).not.toContain('2024-05-20');
    const [entry] = await auditOf('worker.history_export', travellingId);
    expect(entry!.actor_username).toBe('demo-employer');
    expect(entry!.after).toMatchObject({ revealed: false, exams: 1 });
  });

  it('is full only with workers:reveal and a reason, and audited with the reason', async () => {
    const url = `/api/v1/workers/${travellingId}/history.xlsx?reveal=1`;
    expect((await c['demo-province']!.get(url)).status).toBe(400);
    expect((await c['demo-province']!.get(`${url}&reason=ab`)).status).toBe(400);
    expect(
      (await c['demo-employer']!.get(`${url}&reason=${encodeURIComponent('职业健康监护档案归档')}`)).status,
    ).toBe(403);
    const res = await c['demo-province']!.get(`${url}&reason=${encodeURIComponent('职业病诊断调阅档案')}`);
    expect(res.status).toBe(200);
    const text = await sheetText(res.raw.rawPayload);
    expect(text).toContain(travelling.idNumber);
    expect(text).toContain(travelling.name);
    expect(text).toContain('2023-04-11');
    const [entry] = await auditOf('worker.history_export', travellingId);
    expect(entry!.after).toMatchObject({ revealed: true, reason: '职业病诊断调阅档案', exams: 3 });
    expect(JSON.stringify(entry)).not.toContain(travelling.idNumber);
  });

  it('answers 404 for a worker out of scope', async () => {
    expect((await c['demo-county']!.get(`/api/v1/workers/${siblingId}/history.xlsx`)).status).toBe(404);
  });
});
