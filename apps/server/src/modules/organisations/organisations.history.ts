/**
 * An organisation's 变更记录 (issue 13): the audit entries about it, as who changed which field from
 * what to what. Answered only for an organisation in the actor's scope (else 404, as for the record);
 * values are shown as the audit trail stored them, so personal data stays masked (platform/audit.ts).
 */
import type { OrganisationHistoryEntry } from '@ohp/contracts';
import { getIndustry, getRegion } from '@ohp/reference';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { notFound } from '../../platform/errors.js';
import {
  findOrganisation,
  organisationNamesInScope,
  unsafeOrganisationAuditEntries,
} from './organisations.repository.js';

/**
 * The stored columns people read, in the order the detail shows them, by their API field name. Keys,
 * timestamps and derived columns (level, name_key, name_sort) are left out.
 */
const FIELDS: ReadonlyArray<readonly [column: string, field: string]> = [
  ['name', 'name'],
  ['kind', 'kind'],
  ['region_code', 'regionCode'],
  ['credit_code', 'creditCode'],
  ['is_public', 'isPublic'],
  ['parent_id', 'parentId'],
  ['supervisor_id', 'supervisorId'],
  ['industry_code', 'industryCode'],
  ['employees', 'employees'],
  ['exposed_employees', 'exposedEmployees'],
  ['revenue_wan_yuan', 'revenueWanYuan'],
  ['enterprise_size', 'enterpriseSize'],
  ['address', 'address'],
  ['contact_name', 'contactName'],
  ['contact_phone', 'contactPhone'],
  ['status', 'status'],
];

type Stored = Record<string, unknown> | null;
const asRecord = (v: unknown): Stored =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
const valueOf = (row: Stored, column: string): unknown => {
  const v = row?.[column];
  return v === undefined || v === '' ? null : v;
};
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields one entry changed: both sides for an update, the values set for a create (its status
 * aside), the status for a delete (which stores the row before only).
 */
const changesOf = (before: Stored, after: Stored) => {
  if (!after) return before ? [{ field: 'status', before: valueOf(before, 'status'), after: 'deleted' }] : [];
  return FIELDS.flatMap(([column, field]) => {
    const b = valueOf(before, column);
    const a = valueOf(after, column);
    if (!before && (a === null || field === 'status')) return [];
    return same(a, b) ? [] : [{ field, before: b, after: a }];
  });
};

export const getOrganisationHistory = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
  q: { page?: number; pageSize?: number },
) => {
  const scope = scopeOf(actor, 'administration');
  // Out of scope (or no such organisation): 404, exactly as GET /organisations/:id.
  if (!(await findOrganisation(db, scope, id))) throw notFound();
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const { rows, total } = await unsafeOrganisationAuditEntries(db, id, {
    offset: (page - 1) * pageSize,
    limit: pageSize,
  });
  const entries = rows.map((r) => ({ row: r, changes: changesOf(asRecord(r.before), asRecord(r.after)) }));
  // Names of the organisations a change referred to, when the actor may see them.
  const refs = entries.flatMap((e) =>
    e.changes
      .filter((c) => c.field === 'parentId' || c.field === 'supervisorId')
      .flatMap((c) => [c.before, c.after])
      .filter((v): v is number => typeof v === 'number'),
  );
  const names = await organisationNamesInScope(db, scope, refs);
  const labelOf = (field: string, v: unknown): string | null => {
    if (v === null) return null;
    if (field === 'regionCode' && typeof v === 'string') return getRegion(v)?.name ?? null;
    if (field === 'industryCode' && typeof v === 'string') return getIndustry(v)?.name ?? null;
    if ((field === 'parentId' || field === 'supervisorId') && typeof v === 'number')
      return names.get(v) ?? null;
    return null;
  };
  const data: OrganisationHistoryEntry[] = entries.map(({ row, changes }) => ({
    id: Number(row.audit_log_id),
    at: new Date(row.at).toISOString(),
    actorUsername: row.actor_username,
    action: row.action,
    changes: changes.map((c) => ({
      ...c,
      beforeLabel: labelOf(c.field, c.before),
      afterLabel: labelOf(c.field, c.after),
    })),
  }));
  return { data, total, page, pageSize };
};
