/**
 * 双随机抽查 (issue 17 item 5: the white and black lists' effect on inspection frequency). A health
 * commission draws the employers of its region (optionally of some risk classes) to inspect, at random
 * from a recorded seed, each weighted by its list: `declarationListRules.inspectionMultiplier` (white 0.5,
 * black 2, neither 1 — PROVISIONAL). The population is frozen with each employer's list and the weights,
 * so anyone can replay the draw (declaration-oversight.draw.ts drawWeighted) and the verify route does.
 * Readers: a draw of a region inside the reader's scope, or of a region containing the reader's (a county
 * reads its city's draw and sees the units in its county; the others are counted, not listed).
 */
import {
  declarationListRules,
  inspectionLists,
  type InspectionDrawDetail,
  type InspectionDrawInput,
  type InspectionDrawPage,
  type InspectionDrawQuery,
  type InspectionDrawSummary,
  type InspectionDrawVerify,
} from '@ohp/contracts';
import { chinaToday, getRegion } from '@ohp/reference';
import type { Kysely } from 'kysely';
import { writeAudit, type AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { scopeOf, type Scope } from '../../platform/authz/scope.js';
import type { DB } from '../../platform/db-types.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/errors.js';
import { regionName } from '../equipment/index.js';
import {
  drawWeighted,
  naturalKeyOf,
  newSeed,
  WEIGHTED_DRAW_METHOD,
  weightedPopulationDigest,
  type WeightedMember,
  type Weights,
} from './declaration-oversight.draw.js';
import { canDrawInspections } from './declaration-oversight.policy.js';
import {
  findInspectionDraw,
  insertInspectionDraw,
  inspectionDrawUnits,
  inspectionPopulation,
  listInspectionDraws,
  type InspectionDrawRow,
} from './declaration-oversight.repository.js';
import { listParams } from './declaration-oversight.service.js';

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const num = (v: unknown): number => Number(v ?? 0);

/** A reader's scope: regions only (an institution or employer has no draw to read). */
const readerScope = (actor: Actor): Scope => {
  const scope = scopeOf(actor, 'business');
  if (scope.kind !== 'region' && scope.kind !== 'all') throw notFound();
  return scope;
};

const summaryOf = (g: InspectionDrawRow): InspectionDrawSummary => ({
  id: g.draw_id,
  regionCode: g.region_code,
  regionName: regionName(g.region_code),
  year: g.year,
  title: g.title,
  planned: g.planned,
  riskClasses: g.risk_classes,
  seed: g.seed,
  method: g.method,
  weights: json<Weights>(g.weights),
  weightsProvisional: g.weights_provisional,
  populationCount: g.population_count,
  populationDigest: g.population_digest,
  drawn: num(g.drawn),
  drawnAt: new Date(g.drawn_at).toISOString(),
  drawnBy: g.drawn_by_name,
  organisation: g.organisation_name,
});

export const listInspectionDrawsFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: InspectionDrawQuery,
): Promise<InspectionDrawPage> => {
  const scope = readerScope(actor);
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  const rows = await listInspectionDraws(db, scope, {
    year: q.year ?? null,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return {
    data: rows.map(summaryOf),
    total: num(rows[0]?.total),
    page,
    pageSize,
    abilities: { draw: canDrawInspections(actor) },
  };
};

export const getInspectionDrawFor = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
): Promise<InspectionDrawDetail> => {
  const scope = readerScope(actor);
  const g = await findInspectionDraw(db, scope, id);
  if (!g) throw notFound();
  const population = json<WeightedMember[]>(g.population);
  const weights = json<Weights>(g.weights);
  const units = await inspectionDrawUnits(db, id, scope);
  const lists = inspectionLists.map((list) => {
    const inList = population.filter((m) => m[3] === list).length;
    const drawn = units.filter((u) => u.list === list).length;
    return { list, weight: weights[list], population: inList, drawn, rate: inList ? drawn / inList : null };
  });
  const visible = units.filter((u) => u.in_scope);
  return {
    ...summaryOf(g),
    lists,
    units: visible.map((u) => ({
      employerId: u.employer_id,
      name: u.name,
      creditCode: u.credit_code,
      regionCode: u.region_code,
      regionName: regionName(u.region_code),
      riskClass: u.risk_class,
      rank: u.rank,
      list: u.list,
      weight: Number(u.weight),
      score: Number(u.score),
    })),
    unitsElsewhere: units.length - visible.length,
  };
};

export const drawInspectionsFor = async (
  db: Kysely<DB>,
  ctx: AuditContext,
  actor: Actor,
  input: InspectionDrawInput,
  today = chinaToday(),
): Promise<InspectionDrawDetail> => {
  if (!canDrawInspections(actor)) throw forbidden('inspection_draw_commission_only');
  const scope = scopeOf(actor, 'business');
  if (scope.kind !== 'region') throw forbidden('inspection_draw_commission_only');
  const region = input.region ?? scope.prefix;
  if (!region.startsWith(scope.prefix))
    throw invalid([{ path: '/region', reason: 'inspection_draw_region_outside' }]);
  if (!getRegion(region)) throw invalid([{ path: '/region', reason: 'region_unknown' }]);
  const riskClasses = [...new Set(input.riskClasses ?? [])].sort();
  const weights: Weights = { ...declarationListRules.inspectionMultiplier };
  const seed = input.seed ?? newSeed();
  const id = await db.transaction().execute(async (trx) => {
    const rows = await inspectionPopulation(trx, { ...listParams(scope, region, today), riskClasses });
    if (rows.length === 0) throw new AppError('unprocessable', 'inspection_draw_empty');
    const members: WeightedMember[] = rows.map((r) => [
      r.organisation_id,
      r.region_code,
      naturalKeyOf(r.organisation_id, r.credit_code),
      r.list,
    ]);
    const drawn = drawWeighted(members, seed, input.planned, weights);
    const did = await insertInspectionDraw(
      trx,
      {
        region_code: region,
        year: input.year,
        title: input.title?.trim() || null,
        planned: input.planned,
        risk_classes: riskClasses,
        seed,
        method: WEIGHTED_DRAW_METHOD,
        weights,
        population: members,
        population_count: members.length,
        population_digest: weightedPopulationDigest(members),
        organisation_id: actor.organisationId,
        drawn_by: actor.userId,
      },
      drawn.map((u) => ({
        employer_id: u.employerId,
        rank: u.rank,
        list: u.list,
        weight: u.weight,
        score: u.score,
      })),
    );
    await writeAudit(trx, ctx, {
      action: 'inspection_draw.create',
      entityType: 'inspection_draw',
      entityId: did,
      after: {
        region,
        year: input.year,
        planned: input.planned,
        riskClasses,
        seed,
        weights,
        population: members.length,
        drawn: drawn.length,
      },
    });
    return did;
  });
  return getInspectionDrawFor(db, actor, id);
};

/** Draws again from the stored population with the stored seed and weights; compares with the units. */
export const verifyInspectionDrawFor = async (
  db: Kysely<DB>,
  actor: Actor,
  id: number,
): Promise<InspectionDrawVerify> => {
  const g = await findInspectionDraw(db, readerScope(actor), id);
  if (!g) throw notFound();
  const population = json<WeightedMember[]>(g.population);
  const again = drawWeighted(population, g.seed, g.planned, json<Weights>(g.weights));
  const stored = await inspectionDrawUnits(db, id, { kind: 'all' });
  const key = (x: { employerId: number; rank: number }) => `${x.employerId}:${x.rank}`;
  const a = again.map(key).sort();
  const b = stored.map((u) => key({ employerId: u.employer_id, rank: u.rank })).sort();
  return {
    populationIntact: weightedPopulationDigest(population) === g.population_digest,
    sameDraw: a.length === b.length && a.every((x, i) => x === b[i]),
    redrawn: again.map((u) => ({ employerId: u.employerId, rank: u.rank })),
  };
};
