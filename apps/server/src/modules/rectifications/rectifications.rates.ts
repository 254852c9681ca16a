/**
 * 整改率 (R25; seed 002 target 100%): closed items ÷ all items of the period, by the institution's region
 * (province → city → county drill-down) and by institution. The policies give the target, not a
 * formula: the definition (rectificationRateDefinition) is the platform's and is returned with every
 * figure, marked uncertain.
 */
import { chinaToday } from '@ohp/reference';
import {
  rectificationRateDefinition,
  type RectificationCounts,
  type RectificationRateQuery,
  type RectificationRates,
} from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { invalid } from '../../platform/errors.js';
import { rectificationScope } from './rectifications.policy.js';
import { rateRows } from './rectifications.repository.js';
import { regionFullName, regionName } from './rectifications.service.js';

type Counts = Omit<RectificationCounts, 'rate'>;
const zero = (): Counts => ({ total: 0, closed: 0, closedOnTime: 0, open: 0, overdue: 0 });
const add = (a: Counts, b: Counts): Counts => ({
  total: a.total + b.total,
  closed: a.closed + b.closed,
  closedOnTime: a.closedOnTime + b.closedOnTime,
  open: a.open + b.open,
  overdue: a.overdue + b.overdue,
});
/** closed ÷ total, rounded to 4 places; null without items. */
export const rateOf = (c: Counts): RectificationCounts => ({
  ...c,
  rate: c.total === 0 ? null : Math.round((c.closed / c.total) * 10_000) / 10_000,
});

/** The region a rate query looks at: the one asked, else the actor's area (an institution: its own region). */
const regionOf = (actor: Actor, asked: string | undefined): string => {
  const scope = rectificationScope(actor);
  if (asked) return asked;
  return scope.kind === 'region' ? scope.prefix : actor.regionCode.slice(0, 6);
};

export const rectificationRatesFor = async (
  db: Kysely<DB>,
  actor: Actor,
  q: RectificationRateQuery,
  lang: string,
  today: string = chinaToday(),
): Promise<RectificationRates> => {
  if (q.from && q.to && q.from > q.to)
    throw invalid([{ path: 'from', reason: 'rectification_period_reversed' }]);
  const basis = q.basis ?? 'raised';
  const regionCode = regionOf(actor, q.regionCode);
  const rows = await rateRows(db, rectificationScope(actor), {
    regionCode,
    from: q.from,
    to: q.to,
    basis,
    today,
  });
  // One level down: the province's cities, a city's counties; a county lists its institutions only.
  const childLength = regionCode.length < 6 ? regionCode.length + 2 : null;
  const byRegion = new Map<string, Counts>();
  const byInstitution = new Map<number, { name: string; region: string; c: Counts }>();
  let totals = zero();
  for (const r of rows) {
    const c: Counts = {
      total: Number(r.total),
      closed: Number(r.closed),
      closedOnTime: Number(r.closed_on_time),
      open: Number(r.open),
      overdue: Number(r.overdue),
    };
    totals = add(totals, c);
    if (childLength) {
      const child = r.region_code.slice(0, childLength);
      byRegion.set(child, add(byRegion.get(child) ?? zero(), c));
    }
    const inst = byInstitution.get(r.institution_id);
    byInstitution.set(r.institution_id, {
      name: r.institution_name,
      region: r.region_code,
      c: add(inst?.c ?? zero(), c),
    });
  }
  const en = lang === 'en';
  return {
    regionCode,
    regionName: regionFullName(regionCode),
    basis,
    from: q.from ?? null,
    to: q.to ?? null,
    asOf: today,
    definition: en ? rectificationRateDefinition.en : rectificationRateDefinition.zh,
    confidence: rectificationRateDefinition.confidence,
    totals: rateOf(totals),
    regions: [...byRegion.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, c]) => ({ regionCode: code, regionName: regionName(code), ...rateOf(c) })),
    institutions: [...byInstitution.entries()]
      .map(([id, x]) => ({
        institutionId: id,
        institutionName: x.name,
        regionCode: x.region,
        regionName: regionFullName(x.region),
        ...rateOf(x.c),
      }))
      // The lowest rate first (what needs pushing), then the most items.
      .sort(
        (a, b) => (a.rate ?? 1) - (b.rate ?? 1) || b.total - a.total || a.institutionId - b.institutionId,
      ),
  };
};
