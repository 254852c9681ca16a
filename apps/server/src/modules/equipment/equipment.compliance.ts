/**
 * The compliance arithmetic, pure (no database): which catalogue rows apply to an institution, whether
 * a ledger item counts on a date, the rate per domain and the pooled rate of a region. The formula is
 * the platform's own (equipmentFormula in @ohp/contracts): the national notices' formula is not in the
 * sources, so every answer says `uncertain` (docs/STANDARDS.md, Equipment compliance).
 */
import {
  EQUIPMENT_DEMO_SOURCE,
  equipmentDomains,
  equipmentTargets,
  type DomainRate,
  type EquipmentDomain,
  type EquipmentNotCountingReason,
  type RequirementCheck,
} from '@ohp/contracts';

export type Requirement = {
  id: number;
  institutionKind: string;
  level: string | null;
  domain: EquipmentDomain;
  itemName: string;
  minQuantity: number;
  source: string;
  effectiveYear: number;
};

export type LedgerItem = {
  id: number;
  quantity: number;
  domain: string;
  requirementId: number | null;
  calibrationDueOn: string | null;
  status: string;
};

/** The level a catalogue row is matched on: a township institution is held to the county's rows. */
export const catalogueLevelOf = (organisationLevel: string): string =>
  organisationLevel === 'township' ? 'county' : organisationLevel;

/**
 * The rows that apply to an institution on `date`: its kind, its level (or every level), in force
 * (effective year ≤ the date's year). Of several rows for the same item (domain and name) the one in
 * force latest wins, and at the same year a row for the institution's level wins over an every-level row.
 */
export const applicableRequirements = (
  catalogue: readonly Requirement[],
  institution: { kind: string; level: string },
  date: string,
): Requirement[] => {
  const year = Number(date.slice(0, 4));
  const level = catalogueLevelOf(institution.level);
  const best = new Map<string, Requirement>();
  for (const r of catalogue) {
    if (r.institutionKind !== institution.kind) continue;
    if (r.level !== null && r.level !== level) continue;
    if (r.effectiveYear > year) continue;
    const key = `${r.domain}\u0000${r.itemName}`;
    const held = best.get(key);
    if (
      !held ||
      r.effectiveYear > held.effectiveYear ||
      (r.effectiveYear === held.effectiveYear && held.level === null && r.level !== null)
    )
      best.set(key, r);
  }
  return [...best.values()].sort((a, b) => a.id - b.id);
};

/**
 * Why an item does not count on `date` (null: it counts). Out of service never counts; a calibration
 * due date before the date means the calibration expired (the due date itself is still valid); no due
 * date recorded means the item needs none.
 */
export const notCountingReason = (
  item: Pick<LedgerItem, 'status' | 'calibrationDueOn' | 'requirementId'>,
  date: string,
): EquipmentNotCountingReason | null => {
  if (item.status !== 'in_service') return 'out_of_service';
  if (item.calibrationDueOn !== null && item.calibrationDueOn < date) return 'calibration_expired';
  if (item.requirementId === null) return 'not_linked';
  return null;
};

const targetOf = (domain: EquipmentDomain): number | null => equipmentTargets[domain]?.rate ?? null;

const rateOf = (domain: EquipmentDomain, required: number, satisfied: number): DomainRate => {
  const rate = required > 0 ? satisfied / required : null;
  const target = targetOf(domain);
  return {
    domain,
    required,
    satisfied,
    rate,
    target,
    // A tiny tolerance: 19 / 20 is 0.95 exactly, however the division rounds.
    meets: rate === null || target === null ? null : rate + 1e-9 >= target,
  };
};

export type InstitutionResult = { domains: DomainRate[]; checks: RequirementCheck[]; belowTarget: boolean };

/** One institution: each applicable requirement checked against its ledger, then the rate per domain. */
export const institutionCompliance = (
  applicable: readonly Requirement[],
  items: readonly LedgerItem[],
  date: string,
): InstitutionResult => {
  const checks: RequirementCheck[] = applicable.map((r) => {
    let counted = 0;
    let notCounted = 0;
    for (const i of items) {
      if (i.requirementId !== r.id) continue;
      if (notCountingReason(i, date) === null) counted += i.quantity;
      else notCounted += i.quantity;
    }
    return {
      requirementId: r.id,
      domain: r.domain,
      itemName: r.itemName,
      minQuantity: r.minQuantity,
      source: r.source,
      demo: r.source === EQUIPMENT_DEMO_SOURCE,
      counted,
      notCounted,
      satisfied: counted >= r.minQuantity,
    };
  });
  const domains = equipmentDomains
    .map((d) => {
      const mine = checks.filter((c) => c.domain === d);
      return rateOf(d, mine.length, mine.filter((c) => c.satisfied).length);
    })
    .filter((d) => d.required > 0);
  return { domains, checks, belowTarget: domains.some((d) => d.meets === false) };
};

/**
 * A region's pooled rate per domain: Σ satisfied ÷ Σ required over its institutions, with how many
 * institutions were evaluated in the domain and how many are below its target.
 */
export const pooledCompliance = (
  institutions: ReadonlyArray<{ domains: readonly DomainRate[] }>,
): DomainRate[] =>
  equipmentDomains
    .map((d) => {
      let required = 0;
      let satisfied = 0;
      let evaluated = 0;
      let below = 0;
      for (const inst of institutions) {
        const r = inst.domains.find((x) => x.domain === d);
        if (!r || r.required === 0) continue;
        required += r.required;
        satisfied += r.satisfied;
        evaluated++;
        if (r.meets === false) below++;
      }
      return { ...rateOf(d, required, satisfied), institutions: evaluated, institutionsBelow: below };
    })
    .filter((d) => d.required > 0);
