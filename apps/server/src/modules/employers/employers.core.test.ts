/**
 * 用人单位库 core (issue 17 item 1): employers landed set-based and idempotently by credit code; the risk
 * class from the 2021 catalogue (listed 严重 / 一般, unlisted → 待评价, several → the highest); the
 * industrial flag (GB/T 4754 门类 B/C/D); the start-up backfill; a version on every change.
 */
import { creditCodeCheckChar } from '@ohp/standards';
import { type KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers.js';
import { employerRiskOf, isIndustrialCode } from './employers.classify.js';
import { classifyEmployers, ensureEmployers, setEmployerProgrammeStatus } from './employers.core.js';
import type { Actor } from '../../platform/authz/actor.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await classifyEmployers(t.deps.db);
}, 180_000);
afterAll(async () => t.close());

/** A valid credit code (GB 32100 check character) with a serial in the subject part. */
export const testCreditCode = (serial: number, region = '230102'): string => {
  const first17 = `91${region}${String(serial).padStart(9, '0')}`;
  return first17 + creditCodeCheckChar(first17);
};

const countingPlugin = (counter: { n: number }): KyselyPlugin => ({
  transformQuery: (args) => {
    counter.n++;
    return args.node;
  },
  transformResult: async (args) => args.result,
});

const demoCounty = async () =>
  t.deps.db
    .selectFrom('organisation')
    .select(['region_code'])
    .where('kind', '=', 'employer')
    .where('status', '=', 'active')
    .orderBy('organisation_id')
    .executeTakeFirstOrThrow()
    .then((r) => ({ region_code: r.region_code.slice(0, 6) }));

describe('employerRiskOf', () => {
  it('does class a listed 严重 industry as 严重 with its catalogue row as basis', () => {
    const r = employerRiskOf(['0610']);
    expect(r.riskClass).toBe('严重');
    expect(r.basis[0]).toMatchObject({ industryCode: '0610', riskClass: '严重' });
    expect(r.industrial).toBe(true);
  });
  it('does class a listed 一般 industry as 一般', () => {
    expect(employerRiskOf(['0111']).riskClass).toBe('一般');
    expect(employerRiskOf(['0111']).industrial).toBe(false);
  });
  it('does class an unlisted or missing industry as 待评价', () => {
    expect(employerRiskOf(['5261']).riskClass).toBe('待评价');
    expect(employerRiskOf(['5261']).basis).toEqual([
      expect.objectContaining({ industryCode: '5261', riskClass: null }),
    ]);
    expect(employerRiskOf([null]).riskClass).toBe('待评价');
    expect(employerRiskOf([]).riskClass).toBe('待评价');
  });
  it('does take the highest class of several industries', () => {
    expect(employerRiskOf(['0111', '0610']).riskClass).toBe('严重');
    expect(employerRiskOf(['0111', '5261']).riskClass).toBe('待评价');
    expect(employerRiskOf(['0111', '5265']).riskClass).toBe('一般');
  });
  it('does read industrial as GB/T 4754 门类 B, C, D (大类 06–46)', () => {
    expect(['0610', '1311', '4411', '4690', 'C', 'B'].map(isIndustrialCode)).toEqual([
      true,
      true,
      true,
      true,
      true,
      true,
    ]);
    expect(['0511', '4710', '5261', 'A', 'E', null].map(isIndustrialCode)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('ensureEmployers', () => {
  it('does create unknown employers with classified profiles and first versions, idempotently', async () => {
    const { region_code } = await demoCounty();
    const rows = [
      {
        creditCode: testCreditCode(900001),
        name: '测试煤矿有限公司',
        regionCode: region_code,
        industryCode: '0610',
        employees: 120,
      },
      {
        creditCode: testCreditCode(900002),
        name: '测试谷物种植合作社',
        regionCode: region_code,
        industryCode: '0111',
      },
      {
        creditCode: testCreditCode(900003),
        name: '测试便利店',
        regionCode: region_code,
        industryCode: '5261',
        economicTypeCode: '173',
      },
    ];
    const before = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const ids = await t.deps.db.transaction().execute((trx) => ensureEmployers(trx, rows, 'exam_card'));
    expect(ids.size).toBe(3);
    const again = await t.deps.db
      .transaction()
      .execute((trx) => ensureEmployers(trx, [...rows, rows[0]!], 'exam_card'));
    expect([...again]).toEqual([...ids]);
    const after = await t.deps.db
      .selectFrom('organisation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n) - Number(before.n)).toBe(3);
    const profiles = await t.deps.db
      .selectFrom('employer_profile')
      .selectAll()
      .where('organisation_id', 'in', [...ids.values()])
      .orderBy('organisation_id')
      .execute();
    expect(profiles.map((p) => [p.risk_class, p.industrial, p.source])).toEqual([
      ['严重', true, 'exam_card'],
      ['一般', false, 'exam_card'],
      ['待评价', false, 'exam_card'],
    ]);
    expect(profiles[2]!.economic_type_code).toBe('173');
    const versions = await t.deps.db
      .selectFrom('employer_version')
      .select(['organisation_id', 'version', 'reason'])
      .where('organisation_id', 'in', [...ids.values()])
      .execute();
    expect(versions).toHaveLength(3);
    expect(versions.every((v) => v.version === 1 && v.reason === 'created:exam_card')).toBe(true);
    const org = await t.deps.db
      .selectFrom('organisation')
      .selectAll()
      .where('organisation_id', '=', ids.get(rows[0]!.creditCode)!)
      .executeTakeFirstOrThrow();
    expect(org).toMatchObject({ kind: 'employer', level: 'county', industry_code: '0610', employees: 120 });
    expect(org.name_sort).not.toBeNull();
  });

  it('does match an existing organisation by credit code, not duplicate it', async () => {
    const known = await t.deps.db
      .selectFrom('organisation')
      .select(['organisation_id', 'credit_code', 'region_code'])
      .where('kind', '=', 'employer')
      .where('credit_code', 'is not', null)
      .executeTakeFirstOrThrow();
    const ids = await t.deps.db
      .transaction()
      .execute((trx) =>
        ensureEmployers(
          trx,
          [{ creditCode: known.credit_code!, name: '别的名字有限公司', regionCode: known.region_code }],
          'declaration',
        ),
      );
    expect(ids.get(known.credit_code!)).toBe(known.organisation_id);
  });

  it('does land a chunk with a fixed number of statements, whatever its size', async () => {
    const { region_code } = await demoCounty();
    const statements = async (from: number, n: number) => {
      const counter = { n: 0 };
      const db = t.deps.db.withPlugin(countingPlugin(counter));
      const rows = Array.from({ length: n }, (_, i) => ({
        creditCode: testCreditCode(from + i),
        name: `批量测试单位${from + i}`,
        regionCode: region_code,
        industryCode: i % 2 ? '0610' : '5261',
      }));
      const ids = await db.transaction().execute((trx) => ensureEmployers(trx, rows, 'exam_card'));
      expect(ids.size).toBe(n);
      return counter.n;
    };
    const small = await statements(910000, 3);
    const large = await statements(920000, 300);
    expect(large).toBe(small);
    expect(large).toBeLessThanOrEqual(5);
    // All known: one select.
    const counter = { n: 0 };
    const db = t.deps.db.withPlugin(countingPlugin(counter));
    await db
      .transaction()
      .execute((trx) =>
        ensureEmployers(
          trx,
          [{ creditCode: testCreditCode(920001), name: '批量测试单位920001', regionCode: region_code }],
          'exam_card',
        ),
      );
    expect(counter.n).toBe(1);
  });

  it('does leave out a row that cannot make an organisation (unknown region, one-character name)', async () => {
    const ids = await t.deps.db.transaction().execute((trx) =>
      ensureEmployers(
        trx,
        [
          { creditCode: testCreditCode(930001), name: '某', regionCode: '230102' },
          { creditCode: testCreditCode(930002), name: '无地区单位', regionCode: '999999' },
        ],
        'exam_card',
      ),
    );
    expect(ids.size).toBe(0);
  });
});

describe('classifyEmployers and versions', () => {
  it('does give every employer organisation a classified profile and a first version', async () => {
    const missing = await t.deps.db
      .selectFrom('organisation as o')
      .leftJoin('employer_profile as p', 'p.organisation_id', 'o.organisation_id')
      .select(['o.organisation_id', 'p.risk_class'])
      .where('o.kind', '=', 'employer')
      .where((eb) => eb.or([eb('p.organisation_id', 'is', null), eb('p.risk_class', 'is', null)]))
      .execute();
    expect(missing).toEqual([]);
    const unversioned = await t.deps.db
      .selectFrom('employer_profile as p')
      .select('p.organisation_id')
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('employer_version as v')
              .select('v.version')
              .whereRef('v.organisation_id', '=', 'p.organisation_id'),
          ),
        ),
      )
      .execute();
    expect(unversioned).toEqual([]);
  });

  it('does reclassify a profile whose class was cleared, and leave a classified one alone', async () => {
    const { region_code } = await demoCounty();
    const ids = await t.deps.db.transaction().execute((trx) =>
      ensureEmployers(
        trx,
        [
          {
            creditCode: testCreditCode(940001),
            name: '重新判定测试厂',
            regionCode: region_code,
            industryCode: '0111',
          },
        ],
        'import',
      ),
    );
    const id = ids.get(testCreditCode(940001))!;
    await t.deps.db
      .updateTable('employer_profile')
      .set({ risk_class: null, extra_industry_codes: ['0610'] })
      .where('organisation_id', '=', id)
      .execute();
    const { classified } = await classifyEmployers(t.deps.db);
    expect(classified).toBe(1);
    const p = await t.deps.db
      .selectFrom('employer_profile')
      .selectAll()
      .where('organisation_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(p.risk_class).toBe('严重');
    expect((await classifyEmployers(t.deps.db)).classified).toBe(0);
  });

  it('does keep a version on every status change, with the audit entry', async () => {
    const { region_code } = await demoCounty();
    const code = testCreditCode(950001);
    const ids = await t.deps.db
      .transaction()
      .execute((trx) =>
        ensureEmployers(
          trx,
          [{ creditCode: code, name: '状态测试公司', regionCode: region_code, industryCode: '1311' }],
          'census',
        ),
      );
    const id = ids.get(code)!;
    const actor: Actor = {
      userId: 1,
      username: 'test',
      displayName: 'test',
      organisationId: 1,
      organisationKind: 'health_commission',
      regionCode: region_code.slice(0, 2),
      roleKeys: [],
      permissions: new Set(['employers:manage']),
      duties: new Set(['business']),
    };
    const ctx = { userId: null, username: 'test', organisationId: null, ip: null, requestId: 'test' };
    await t.deps.db.transaction().execute((trx) =>
      setEmployerProgrammeStatus(trx, ctx, actor, id, {
        status: 'closed',
        reason: '停产停业',
        on: '2026-03-01',
      }),
    );
    await t.deps.db
      .transaction()
      .execute((trx) => setEmployerProgrammeStatus(trx, ctx, actor, id, { status: 'active' }));
    const versions = await t.deps.db
      .selectFrom('employer_version')
      .select(['version', 'record', 'reason'])
      .where('organisation_id', '=', id)
      .orderBy('version')
      .execute();
    expect(
      versions.map((v) => [v.version, (v.record as { programmeStatus: string }).programmeStatus]),
    ).toEqual([
      [1, 'active'],
      [2, 'closed'],
      [3, 'active'],
    ]);
    const audits = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'employer')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audits.map((a) => a.action)).toEqual(['employer.set_status', 'employer.set_status']);
    await expect(
      t.deps.db
        .transaction()
        .execute((trx) =>
          setEmployerProgrammeStatus(trx, ctx, actor, id, { status: 'not_applicable', reason: ' ' }),
        ),
    ).rejects.toMatchObject({ code: 'validation_failed' });
    const outside: Actor = { ...actor, regionCode: '11', organisationKind: 'health_commission' };
    await expect(
      t.deps.db
        .transaction()
        .execute((trx) =>
          setEmployerProgrammeStatus(trx, ctx, outside, id, { status: 'closed', reason: 'x' }),
        ),
    ).rejects.toMatchObject({ code: 'not_found' });
  });
});
