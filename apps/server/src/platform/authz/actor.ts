/**
 * The signed-in user as the rest of the server sees it. Built once per request from the session; the
 * scope is derived here from the user's organisation and never taken from the client.
 */
import type { OrganisationKind, PermissionKey } from '@ohp/contracts';

export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  organisationId: number;
  organisationKind: OrganisationKind;
  regionCode: string;
  roleKeys: string[];
  permissions: ReadonlySet<PermissionKey>;
  /** Highest separated duty among the roles; administrators see no business data. */
  duties: ReadonlySet<'business' | 'system_admin' | 'security_admin' | 'audit_admin'>;
  /**
   * Set when the request came with an API token (platform/authz/api-token.ts) instead of a session: the
   * token acts for its organisation with its scopes as `permissions`; `userId` is its creator's.
   */
  apiToken?: { id: number; name: string; creatorUsername: string };
};

export const can = (actor: Actor, permission: PermissionKey): boolean => actor.permissions.has(permission);
