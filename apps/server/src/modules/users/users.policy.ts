/**
 * Account rules (三权分立, separation of administrator duties):
 *  - an account that holds an administrative duty (system, security or audit administrator) is managed
 *    — edited, disabled, reset, re-roled, revealed — only by the security administrator;
 *  - business accounts are managed by the system administrator (and business roles granted user
 *    permissions), never by the security or audit administrator, who would otherwise be able to sign in
 *    as a business user;
 *  - nobody manages their own account through these routes (their own password, second factor and
 *    profile go through /auth), so nobody grants themselves another duty.
 * The permission on the route is checked first; these rules decide per target account.
 */
import type { Actor } from '../../platform/authz/actor.js';

export type AccountTarget = { user_id: number; admin_duties: readonly string[] };

export const isAdminAccount = (target: AccountTarget): boolean => target.admin_duties.length > 0;

const isSecurityAdmin = (actor: Actor) => actor.duties.has('security_admin');

/** Why the actor may not manage this account (edit, disable, reset password, reveal), or null. */
export const accountManagementRefusal = (actor: Actor, target: AccountTarget): string | null => {
  if (target.user_id === actor.userId) return 'own_account';
  if (isAdminAccount(target)) return isSecurityAdmin(actor) ? null : 'account_managed_by_security_admin';
  return isSecurityAdmin(actor) || actor.duties.has('audit_admin') ? 'account_managed_by_system_admin' : null;
};

/**
 * Role assignment is the security administrator's duty for every account (business roles included);
 * an administrator account's roles are changed only by the security administrator, never one's own.
 */
export const roleAssignmentRefusal = (actor: Actor, target: AccountTarget): string | null => {
  if (target.user_id === actor.userId) return 'own_account';
  if (isAdminAccount(target) && !isSecurityAdmin(actor)) return 'account_managed_by_security_admin';
  return null;
};

/** Creating an account with administrator roles is the security administrator's; business ones are not. */
export const accountCreationRefusal = (actor: Actor, grantsAdminDuty: boolean): string | null => {
  if (grantsAdminDuty) return isSecurityAdmin(actor) ? null : 'account_managed_by_security_admin';
  return isSecurityAdmin(actor) || actor.duties.has('audit_admin') ? 'account_managed_by_system_admin' : null;
};
