/**
 * 预警与待办 (issue 18 item 4): the deadlines engine's open clocks of a region summarised per sub-region
 * and kind — overdue, due soon, open and warned — on the same state rules as the to-do inbox (overdue:
 * due before today; due soon: within todoDueSoonDays). A regulator sees the clocks whose regulator lies
 * in its region (resolved through the scope helper); each cell links to the to-do list.
 */
import {
  todoDueSoonDays,
  type IndicatorTodoCounts,
  type IndicatorTodoRow,
  type IndicatorTodos,
  type IndicatorTodosQuery,
} from '@ohp/contracts';
import { addDays, chinaToday, childrenOf } from '@ohp/reference';
import type { Kysely } from 'kysely';
import type { Actor } from '../../platform/authz/actor.js';
import type { DB } from '../../platform/db-types.js';
import { regionName, resolveRegion } from '../equipment/index.js';
import { clockKindNames, openClockRows } from './indicators.repository.js';

const zero = (): IndicatorTodoCounts => ({ overdue: 0, dueSoon: 0, open: 0, warned: 0 });
const add = (a: IndicatorTodoCounts, b: IndicatorTodoCounts): IndicatorTodoCounts => ({
  overdue: a.overdue + b.overdue,
  dueSoon: a.dueSoon + b.dueSoon,
  open: a.open + b.open,
  warned: a.warned + b.warned,
});

export const todosOverview = async (
  db: Kysely<DB>,
  actor: Actor,
  q: IndicatorTodosQuery,
  today: string = chinaToday(),
): Promise<IndicatorTodos> => {
  const region = resolveRegion(actor, q.region);
  const code = region.code;
  const [rows, names] = await Promise.all([
    openClockRows(db, { regionPrefix: code, today, soon: addDays(today, todoDueSoonDays) }),
    clockKindNames(db),
  ]);
  const row = (regionCode: string, own: boolean): IndicatorTodoRow => ({
    regionCode,
    regionName: regionName(regionCode),
    own,
    total: zero(),
    byKind: {},
  });
  const total = row(code, false);
  const byRegion = new Map<string, IndicatorTodoRow>();
  const kids = code.length >= 6 ? [] : childrenOf(code).filter((r) => !r.statisticalOnly);
  for (const k of kids) byRegion.set(k.code, row(k.code, false));
  for (const r of rows) {
    const c = {
      overdue: Number(r.overdue),
      dueSoon: Number(r.due_soon),
      open: Number(r.open),
      warned: Number(r.warned),
    };
    if (Number(r.g) === 1) {
      total.byKind[r.kind] = c;
      total.total = add(total.total, c);
      continue;
    }
    if (code.length >= 6) continue;
    const key = r.key ?? code;
    // A clock of the region itself (or of a code shorter than the next level): the region's own row.
    const own = key.length <= code.length;
    const target = own ? code : key;
    const entry = byRegion.get(target) ?? row(target, own);
    entry.byKind[r.kind] = add(entry.byKind[r.kind] ?? zero(), c);
    entry.total = add(entry.total, c);
    byRegion.set(target, entry);
  }
  const present = new Set(Object.keys(total.byKind));
  return {
    region: { code, name: regionName(code), level: code.length },
    asOf: today,
    kinds: names
      .filter((n) => present.has(n.kind))
      .map((n) => ({ kind: n.kind, name: { zh: n.name_zh, en: n.name_en } })),
    total,
    rows: [...byRegion.values()].sort((a, b) =>
      a.own === b.own ? (a.regionCode < b.regionCode ? -1 : 1) : a.own ? -1 : 1,
    ),
  };
};
