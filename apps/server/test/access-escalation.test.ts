/**
 * The access matrix's escalation classes (issue 11):
 *  1. every scope-deciding organisation field (kind, region, parent, supervisor) × every organisation
 *     kind of the demo roles, through an account of that organisation holding a custom role with every
 *     organisation permission — the strongest business role a security administrator can build;
 *  2. every pair of administrator duty (system, security, audit, and a business role holding user
 *     permissions) × target account duty × account operation (三权分立).
 * Expected outcomes come from the rules stated in organisations.policy.ts and users.policy.ts, and every
 * refusal is checked to have written nothing.
 */
import type { OrganisationKind } from '@ohp/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../src/modules/auth/index.js';
import { loadActor } from '../src/platform/authz/session.js';
import { buildOrganisation as buildOrganisationRow, buildUser as buildUserRow } from './factories.js';
import { createTestContext, DEMO_PASSWORD, type Client, type TestContext } from './helpers.js';

let t: TestContext;
let hash: string;
let seq = 0;

beforeAll(async () => {
  t = await createTestContext();
  hash = await hashPassword(DEMO_PASSWORD);
  await t.deps.db
    .insertInto('role')
    .values({
      role_key: 'org_manager',
      name_zh: '单位管理（测试）',
      name_en: 'Organisation manager (test)',
      duty: 'business',
      built_in: false,
      permissions: [
        'catalogues:read',
        'organisations:read',
        'organisations:create',
        'organisations:update',
        'organisations:delete',
        'users:read',
        'users:update',
        'users:reset_password',
        'pii:reveal',
      ],
    })
    .execute();
});
afterAll(async () => t.close());

const buildUser = (organisationId: number, roleKeys: string[], phone = '13900000000') =>
  buildUserRow(t.deps, { organisationId, roleKeys, phone, passwordHash: hash });

const buildOrganisation = (kind: OrganisationKind, region: string) =>
  buildOrganisationRow(t.deps, { kind, regionCode: region, name: `越权测试单位${++seq}` });

const orgOf = (username: string) =>
  t.deps.db
    .selectFrom('app_user as u')
    .innerJoin('organisation as o', 'o.organisation_id', 'u.organisation_id')
    .select(['o.organisation_id', 'o.kind', 'o.region_code', 'o.parent_id', 'o.supervisor_id'])
    .where('u.username', '=', username)
    .executeTakeFirstOrThrow();

const snapshot = (id: number) =>
  t.deps.db
    .selectFrom('organisation')
    .select(['kind', 'region_code', 'parent_id', 'supervisor_id', 'status'])
    .where('organisation_id', '=', id)
    .executeTakeFirstOrThrow();

/** One demo account per organisation kind that has users. */
const DEMO_ORGS = [
  'demo-province', // health_commission, province
  'demo-city', // health_commission, city
  'demo-county', // health_commission, county
  'demo-qc', // qc_centre
  'demo-cdc', // support_institution
  'demo-exam',
  'demo-diag',
  'demo-service',
  'demo-employer',
  'demo-rehab',
  'demo-sysadmin', // platform_operator
] as const;

describe('scope-deciding organisation fields × organisation kind', () => {
  for (const demo of DEMO_ORGS) {
    it(`an organisation manager at ${demo}'s organisation cannot widen any scope`, async () => {
      const own = await orgOf(demo);
      const manager = await buildUser(own.organisation_id, ['org_manager']);
      const c = await t.login(manager.username);
      const loaded = (await loadActor(t.deps.db, manager.id))!;
      const platformWide = own.kind === 'platform_operator';
      const failures: string[] = [];
      const expectStatus = (what: string, got: number, allowed: boolean) => {
        if (allowed ? got >= 300 : got < 400)
          failures.push(`${what}: got ${got}, expected ${allowed ? '2xx' : '4xx'}`);
      };

      // 1. Its own organisation: kind, region, parent and supervisor are never changed by itself.
      const ownBefore = await snapshot(own.organisation_id);
      const sibling = await buildOrganisation('health_commission', '220102');
      const ownPatches: Record<string, unknown>[] = [
        { kind: 'qc_centre' },
        { kind: 'platform_operator' },
        { kind: own.kind === 'employer' ? 'exam_institution' : 'employer' },
        { regionCode: own.region_code === '220102' ? '220103' : '220102' },
        { regionCode: '22' },
        { parentId: sibling },
        { supervisorId: sibling },
      ];
      const current: Record<string, unknown> = { kind: own.kind, regionCode: own.region_code };
      for (const body of ownPatches.filter((b) => Object.entries(b).some(([k, v]) => current[k] !== v))) {
        const res = await c.patch(`/api/v1/organisations/${own.organisation_id}`, body);
        if (res.status !== 403) failures.push(`own ${JSON.stringify(body)}: got ${res.status}, expected 403`);
        else if (!(res.body.error as { details?: { path: string }[] }).details?.length)
          failures.push(`own ${JSON.stringify(body)}: 403 without the field named`);
      }
      expect(await snapshot(own.organisation_id)).toEqual(ownBefore);
      // Sending the current values is not a change and stays allowed.
      const same = await c.patch(`/api/v1/organisations/${own.organisation_id}`, {
        kind: own.kind,
        regionCode: own.region_code,
        contactName: '本单位联系人',
      });
      expectStatus('own, unchanged scope fields', same.status, true);

      // 2. Another organisation in its scope (org-only scopes have none).
      const scope = loaded.actor.regionCode;
      const inScopeRegion = platformWide
        ? '220102'
        : scope.length === 2
          ? '220102'
          : scope.length === 4
            ? `${scope}02`
            : scope;
      const regionScoped = [
        'health_commission',
        'disease_control_bureau',
        'support_institution',
        'qc_centre',
      ];
      const hasOthers = platformWide || regionScoped.includes(own.kind);
      if (hasOthers) {
        const target = await buildOrganisation('employer', inScopeRegion.slice(0, 6));
        const reserved = await c.patch(`/api/v1/organisations/${target}`, { kind: 'platform_operator' });
        expectStatus('other → platform_operator', reserved.status, false);
        const qc = await c.patch(`/api/v1/organisations/${target}`, { kind: 'qc_centre' });
        expectStatus('other → qc_centre', qc.status, platformWide);
        if (platformWide) await c.patch(`/api/v1/organisations/${target}`, { kind: 'employer' });
        // A regulator at the target's own region is within reach of everyone who reaches the region.
        const regulator = await c.patch(`/api/v1/organisations/${target}`, {
          kind: 'disease_control_bureau',
        });
        expectStatus('other → regulator at its region', regulator.status, true);
        // Moving it to the province level: only province-wide scopes reach that.
        const up = await c.patch(`/api/v1/organisations/${target}`, { regionCode: '22' });
        expectStatus('other regulator → province level', up.status, platformWide || scope.length === 2);
        // Out of the actor's scope entirely (another province).
        const away = await c.patch(`/api/v1/organisations/${target}`, { regionCode: '210102' });
        expectStatus('other → another province', away.status, platformWide);
        // A parent chain that loops back to the organisation itself.
        const child = await buildOrganisation('employer', inScopeRegion.slice(0, 6));
        await t.deps.db
          .updateTable('organisation')
          .set({ parent_id: target })
          .where('organisation_id', '=', child)
          .execute();
        const loop = await c.patch(`/api/v1/organisations/${target}`, { parentId: child });
        expectStatus('parent cycle', loop.status, false);
      }

      // 3. Creating: the reserved kinds and regulators above the actor's level.
      const created = (body: Record<string, unknown>) =>
        c.post('/api/v1/organisations', { name: `越权新建${++seq}`, ...body });
      expectStatus(
        'create platform_operator',
        (await created({ kind: 'platform_operator', regionCode: '22' })).status,
        false,
      );
      expectStatus(
        'create qc_centre',
        (await created({ kind: 'qc_centre', regionCode: '22' })).status,
        platformWide,
      );
      expectStatus(
        'create provincial regulator',
        (await created({ kind: 'health_commission', regionCode: '22' })).status,
        platformWide || (hasOthers && scope.length === 2),
      );
      if (hasOthers)
        expectStatus(
          'create regulator at own level or below',
          (await created({ kind: 'disease_control_bureau', regionCode: inScopeRegion })).status,
          true,
        );

      // Nothing changed what the manager's own organisation is, so its scope is the same.
      const after = (await loadActor(t.deps.db, manager.id))!;
      expect([after.actor.organisationKind, after.actor.regionCode]).toEqual([
        loaded.actor.organisationKind,
        loaded.actor.regionCode,
      ]);
      expect(await snapshot(own.organisation_id)).toEqual(ownBefore);
      expect(failures).toEqual([]);
    });
  }
});

type Duty = 'system_admin' | 'security_admin' | 'audit_admin' | 'business';
const roleOf: Record<Duty, string> = {
  system_admin: 'system_admin',
  security_admin: 'security_admin',
  audit_admin: 'audit_admin',
  business: 'employer_staff',
};

describe('separation of administrator duties: every actor duty × target duty × operation', () => {
  const actors: Array<{ duty: Duty | 'business_manager'; roles: string[] }> = [
    { duty: 'system_admin', roles: ['system_admin'] },
    { duty: 'security_admin', roles: ['security_admin'] },
    { duty: 'audit_admin', roles: ['audit_admin'] },
    { duty: 'business_manager', roles: ['org_manager'] },
  ];
  const targets: Duty[] = ['system_admin', 'security_admin', 'audit_admin', 'business'];

  for (const a of actors) {
    it(`${a.duty} manages exactly the accounts its duty allows`, async () => {
      const platform = (await orgOf('demo-sysadmin')).organisation_id;
      const actor = await buildUser(platform, a.roles);
      const c: Client = await t.login(actor.username);
      const perms = new Set(
        (
          await t.deps.db.selectFrom('role').select('permissions').where('role_key', 'in', a.roles).execute()
        ).flatMap((r) => r.permissions),
      );
      const failures: string[] = [];
      const isSec = a.duty === 'security_admin';
      const manages = (target: Duty | 'self') =>
        target === 'self'
          ? false
          : target === 'business'
            ? a.duty === 'system_admin' || a.duty === 'business_manager'
            : isSec;
      for (const target of [...targets, 'self' as const]) {
        const account = target === 'self' ? actor : await buildUser(platform, [roleOf[target]]);
        const ops: Array<{
          name: string;
          perm: string;
          run: () => Promise<{ status: number }>;
          allowed: boolean;
        }> = [
          {
            name: 'disable',
            perm: 'users:update',
            run: () => c.patch(`/api/v1/users/${account.id}`, { status: 'disabled' }),
            allowed: manages(target),
          },
          {
            name: 'reset password',
            perm: 'users:reset_password',
            run: () => c.post(`/api/v1/users/${account.id}/reset-password`, {}),
            allowed: manages(target),
          },
          {
            name: 'reveal phone',
            perm: 'pii:reveal',
            run: () => c.post(`/api/v1/users/${account.id}/reveal-phone`, {}),
            allowed: manages(target),
          },
          {
            name: 're-role to its own duty',
            perm: 'users:assign_roles',
            run: () =>
              c.put(`/api/v1/users/${account.id}/roles`, {
                roleKeys: [roleOf[target === 'self' ? 'business' : target]],
              }),
            allowed: target !== 'self' && (target === 'business' || isSec),
          },
          {
            name: 'grant another duty',
            perm: 'users:assign_roles',
            run: () => c.put(`/api/v1/users/${account.id}/roles`, { roleKeys: ['audit_admin'] }),
            allowed: target !== 'self' && isSec,
          },
        ];
        for (const op of ops) {
          const before = await t.deps.db
            .selectFrom('app_user')
            .select(['status', 'password_hash'])
            .where('user_id', '=', account.id)
            .executeTakeFirstOrThrow();
          const expected = perms.has(op.perm) && op.allowed;
          const res = await op.run();
          if (expected ? res.status >= 300 : res.status !== 403)
            failures.push(
              `${a.duty} → ${target}: ${op.name} got ${res.status}, expected ${expected ? '2xx' : 403}`,
            );
          if (!expected) {
            const after = await t.deps.db
              .selectFrom('app_user')
              .select(['status', 'password_hash'])
              .where('user_id', '=', account.id)
              .executeTakeFirstOrThrow();
            if (JSON.stringify(after) !== JSON.stringify(before))
              failures.push(`${a.duty} → ${target}: refused ${op.name} still changed the account`);
          }
        }
      }
      // Creating accounts: administrator roles only by the security administrator, business roles never by it.
      for (const target of targets) {
        const res = await c.post('/api/v1/users', {
          username: `esc.new.${++seq}`,
          displayName: '新账号',
          organisationId: platform,
          roleKeys: [roleOf[target]],
        });
        const expected = perms.has('users:create') && manages(target);
        if (expected ? res.status >= 300 : res.status !== 403)
          failures.push(`${a.duty} creates ${target}: got ${res.status}, expected ${expected ? '2xx' : 403}`);
      }
      expect(failures).toEqual([]);
    });
  }

  it('the system administrator can no longer take over the auditor (the probe’s attack)', async () => {
    const sys = await t.login('demo-sysadmin');
    const auditor = await t.deps.db
      .selectFrom('app_user')
      .select('user_id')
      .where('username', '=', 'demo-auditor')
      .executeTakeFirstOrThrow();
    expect((await sys.post(`/api/v1/users/${auditor.user_id}/reset-password`, {})).status).toBe(403);
    expect((await sys.patch(`/api/v1/users/${auditor.user_id}`, { status: 'disabled' })).status).toBe(403);
    // The auditor still signs in with its own password and reads the trail.
    const aud = await t.login('demo-auditor');
    expect((await aud.get('/api/v1/audit?pageSize=1')).status).toBe(200);
  });
});
