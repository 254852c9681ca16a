/**
 * The one region/organisation scope helper (DESIGN §2). Every query of a scoped table calls
 * `scopeWhere` with the actor and the columns that locate a row; a row outside the scope is simply not
 * selected, so callers answer 404 and lists, counts and exports never see it.
 *
 *  - regulators and technical-support institutions: their region subtree (code prefix)
 *  - the provincial QC centre: the whole province
 *  - platform administrators: everything for administration data (organisations, users), nothing
 *    for business data
 *  - any other organisation: itself only
 *
 * A region scope compiles to an equality on its level's prefix (`regionPrefixWhere`), which indexes
 * can lead with (migration 0007), rather than to `LIKE 'prefix%'`, which they cannot combine with an
 * order.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { likePrefix } from '../sql-text.js';
import type { OrganisationKind } from '@ohp/contracts';
import type { Actor } from './actor.js';

export type Scope =
  | { kind: 'all' }
  | { kind: 'region'; prefix: string }
  | { kind: 'organisation'; organisationId: number }
  | { kind: 'none' };

export type ScopeDomain = 'administration' | 'business';

/** The scope that users of an organisation of this kind, in this region, would have. */
export const scopeOfOrganisation = (
  org: { kind: OrganisationKind; regionCode: string; organisationId: number },
  domain: ScopeDomain,
): Scope => {
  switch (org.kind) {
    case 'platform_operator':
      return domain === 'administration' ? { kind: 'all' } : { kind: 'none' };
    case 'health_commission':
    case 'disease_control_bureau':
    case 'support_institution':
      return { kind: 'region', prefix: org.regionCode };
    case 'qc_centre':
      return { kind: 'region', prefix: org.regionCode.slice(0, 2) };
    case 'exam_institution':
    case 'diagnosis_institution':
    case 'service_institution':
    case 'rehab_station':
    case 'employer':
      return { kind: 'organisation', organisationId: org.organisationId };
  }
};

export const scopeOf = (actor: Actor, domain: ScopeDomain): Scope =>
  scopeOfOrganisation(
    { kind: actor.organisationKind, regionCode: actor.regionCode, organisationId: actor.organisationId },
    domain,
  );

/**
 * Whether `outer` reaches everything `inner` reaches. `innerRegion` is the region of the organisation
 * that `inner` belongs to (an organisation-only scope lies in its own region).
 */
export const scopeCovers = (outer: Scope, inner: Scope, innerRegion: string): boolean => {
  if (inner.kind === 'none' || outer.kind === 'all') return true;
  switch (outer.kind) {
    case 'none':
      return false;
    case 'region':
      if (inner.kind === 'all') return false;
      return inner.kind === 'region'
        ? inner.prefix.startsWith(outer.prefix)
        : innerRegion.startsWith(outer.prefix);
    case 'organisation':
      return inner.kind === 'organisation' && inner.organisationId === outer.organisationId;
  }
};

export type ScopeColumns = {
  /** Column holding the row's region code (GB/T 2260 prefix-nested). */
  region: Expression<string>;
  /** Column holding the organisation the row belongs to. */
  organisation: Expression<number>;
};

/** The longest GB/T 2260 code (township): a prefix of this length is the code itself. */
const REGION_CODE_MAX_LENGTH = 9;

/**
 * `column` lies in the region subtree of `prefix` (GB/T 2260 codes nest by prefix: 2 digits province, 4
 * city, 6 county, 9 township). For digit codes this means exactly `column LIKE 'prefix%'`, written as
 * an equality so that an index can lead with it and still read the list's order: `left(column, 2|4|6)
 * = prefix` matches the expression indexes of migration 0007 (the length is written into the SQL, not
 * sent as a parameter, so the expression is the index's), and a 9-digit prefix, the longest code, is
 * `column = prefix`. Anything else (not digits, which no region code is) stays a LIKE prefix.
 */
export const regionPrefixWhere = <DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: Expression<string>,
  prefix: string,
): Expression<SqlBool> => {
  if (!/^[0-9]+$/.test(prefix)) return eb(column, 'like', likePrefix(prefix));
  if (prefix.length >= REGION_CODE_MAX_LENGTH) return eb(column, '=', prefix);
  return eb(eb.fn<string>('left', [column, sql.lit(prefix.length)]), '=', prefix);
};

export const scopeWhere = <DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  scope: Scope,
  cols: ScopeColumns,
): Expression<SqlBool> => {
  switch (scope.kind) {
    case 'all':
      return sql<boolean>`true`;
    case 'none':
      return sql<boolean>`false`;
    case 'region':
      return regionPrefixWhere(eb, cols.region, scope.prefix);
    case 'organisation':
      return eb(cols.organisation, '=', scope.organisationId);
  }
};

/** Whether a region code lies inside the scope (for writes that place a row in a region). */
export const regionInScope = (scope: Scope, regionCode: string, organisationId?: number): boolean => {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'none':
      return false;
    case 'region':
      return regionCode.startsWith(scope.prefix);
    case 'organisation':
      return organisationId === scope.organisationId;
  }
};
