/**
 * 规划目标 (issue 16 item 9): computed live per request within the user's region — each city's and each
 * county's status, the institutions that count and the others with why they do not.
 */
import {
  coverageCaveats,
  coverageRules,
  type CoverageQuery,
  type CoverageRegion,
  type CoverageReport,
  type CoverageTargetKind,
} from '@ohp/contracts';
import { childrenOf } from '@ohp/reference';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { regionName, resolveRegion } from '../equipment/index.js';
import { unsafeInstitutionFilingsIn } from '../filings/index.js';
import { presentCandidate, type Candidate } from './coverage.rules.js';

const realChildren = (code: string) => childrenOf(code).filter((r) => !r.statisticalOnly);

const regionStatus = (
  code: string,
  parentCode: string | null,
  candidates: Candidate[],
  kind: string,
  target: CoverageTargetKind,
): CoverageRegion => {
  const listed = candidates
    .filter((c) => c.kind === kind && c.region_code.startsWith(code))
    .map((c) => presentCandidate(c, target, regionName));
  const counting = listed.filter((c) => c.counts);
  return {
    regionCode: code,
    regionName: regionName(code),
    parentCode,
    parentName: parentCode ? regionName(parentCode) : null,
    met: counting.length > 0,
    counting,
    notCounting: listed.filter((c) => !c.counts),
  };
};

export const coverageReport = async (
  db: Kysely<DB>,
  actor: Actor,
  q: CoverageQuery,
): Promise<CoverageReport> => {
  // The region lies in the user's scope (else 404): a county regulator sees its county only.
  const region = resolveRegion(actor, q.region);
  const scope = region.scope;
  const candidates = (await unsafeInstitutionFilingsIn(db, region.code)).filter(
    (c) => scope.kind !== 'organisation' || c.organisation_id === scope.organisationId,
  );
  const code = region.code;
  const cities = code.length === 2 ? realChildren(code).map((c) => c.code) : code.length === 4 ? [code] : [];
  const counties =
    code.length === 6
      ? [{ code, parent: code.slice(0, 4) }]
      : cities.flatMap((c) => realChildren(c).map((k) => ({ code: k.code, parent: c })));
  const cityRows = cities.map((c) =>
    regionStatus(c, code.length === 2 ? code : null, candidates, 'diagnosis_institution', 'city_diagnosis'),
  );
  const countyRows = counties.map((k) =>
    regionStatus(k.code, k.parent, candidates, 'exam_institution', 'county_exam'),
  );
  return {
    regionCode: code,
    regionName: regionName(code),
    computedAt: new Date().toISOString(),
    cities: cityRows,
    counties: countyRows,
    summary: {
      cities: cityRows.length,
      citiesMet: cityRows.filter((r) => r.met).length,
      counties: countyRows.length,
      countiesMet: countyRows.filter((r) => r.met).length,
    },
    rules: coverageRules,
    caveats: coverageCaveats,
  };
};
