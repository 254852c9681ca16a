/** Who may correct an employer record, mark its status and review a registration (employers.policy.ts). */
import { builtInRoles, type PermissionKey } from '@ohp/contracts';
import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/actor.js';
import { canManageEmployer, canReviewRegistration, employerAbilities } from './employers.policy.js';

const actorWith = (roleKey: string, kind: Actor['organisationKind']): Actor => ({
  userId: 1,
  username: roleKey,
  displayName: roleKey,
  organisationId: 1,
  organisationKind: kind,
  regionCode: '220102',
  roleKeys: [roleKey],
  permissions: new Set(builtInRoles.find((r) => r.key === roleKey)!.permissions as PermissionKey[]),
  duties: new Set(['business']),
});

describe('employer abilities', () => {
  it('does let a regulator correct, mark and review', () => {
    const a = actorWith('regulator', 'health_commission');
    expect(employerAbilities(a)).toEqual({ update: true, setStatus: true });
    expect(canReviewRegistration(a, { status: 'pending' })).toBe(true);
    expect(canReviewRegistration(a, { status: 'approved' })).toBe(false);
    expect(canReviewRegistration(a, { status: 'rejected' })).toBe(false);
  });
  it('does let an employer only read, even its own record', () => {
    const a = actorWith('employer_staff', 'employer');
    expect(employerAbilities(a)).toEqual({ update: false, setStatus: false });
    expect(canReviewRegistration(a, { status: 'pending' })).toBe(false);
  });
  it('does not let a reader without employers:manage write (the QC centre, the CDC)', () => {
    expect(canManageEmployer(actorWith('qc_staff', 'qc_centre'))).toBe(false);
    expect(canManageEmployer(actorWith('support_staff', 'support_institution'))).toBe(false);
    expect(canManageEmployer(actorWith('exam_staff', 'exam_institution'))).toBe(false);
  });
  it('does refuse an employer organisation even if a role granted employers:manage', () => {
    const a = {
      ...actorWith('employer_staff', 'employer'),
      permissions: new Set<PermissionKey>(['employers:manage']),
    };
    expect(canManageEmployer(a)).toBe(false);
  });
});
