/**
 * Demo of 规划目标: the demo province's filed exam and diagnosis institutions are all registered at city
 * level (filings.demo.ts), so no county would meet its target. Eight institutions of the demo province
 * file through the filings service so that the screen shows every case: counties that meet the target
 * (双阳区, 榆树市 in 长春; 船营区 in 吉林市), a county whose filed public institution has no dust factor
 * (德惠市), one whose filed institution is private (农安县), one whose filing was cancelled (二道区), and
 * cities met (长春市 by the demo diagnosis institution; 吉林市) or not (辽源市: its filed diagnosis
 * institution is private). The names are the demo seed's (demo/seed.ts, the same at every scale).
 */
import type { FilingContent } from '@ohp/contracts';
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { fileDemoInstitutions, type DemoFilingPlan } from '../filings/index.js';
import { anyFilingOf, institutionIdsByName } from './coverage.repository.js';

const DUST: FilingContent['categories'] = [
  { category: 'dust', hazardCodes: ['1038', '1021', '1006'] },
  { category: 'physical', hazardCodes: ['3008'] },
];
const NO_DUST: FilingContent['categories'] = [
  { category: 'chemical', hazardCodes: ['2013', '2237'] },
  { category: 'physical', hazardCodes: ['3008'] },
];

const PLAN: Array<Omit<DemoFilingPlan, 'institutionId'> & { name: string }> = [
  { name: '长春市双阳区人民医院（10）', kind: 'exam', categories: DUST },
  { name: '长春市榆树市中心医院（11）', kind: 'exam', categories: DUST },
  { name: '长春市德惠市第二医院（13）', kind: 'exam', categories: NO_DUST },
  { name: '长春市农安县中心医院（16）', kind: 'exam', categories: DUST },
  {
    name: '长春市二道区中医院（39）',
    kind: 'exam',
    categories: DUST,
    cancelReason: '机构停止开展职业健康检查业务（演示）',
  },
  { name: '吉林市船营区人民医院（15）', kind: 'exam', categories: DUST },
  { name: '吉林市职业病诊断中心（1）', kind: 'diagnosis', categories: DUST },
  { name: '辽源市职业病诊断中心（3）', kind: 'diagnosis', categories: DUST },
];

/** Seeds the coverage demo's filings; returns the start-up log line (null when absent or done). */
export const seedDemoCoverage = async (db: Kysely<DB>): Promise<string | null> => {
  const ids = await institutionIdsByName(
    db,
    PLAN.map((p) => p.name),
  );
  if (ids.size !== PLAN.length) return null;
  if (await anyFilingOf(db, [...ids.values()])) return null;
  const done = await fileDemoInstitutions(
    db,
    PLAN.map(({ name, ...p }) => ({ ...p, institutionId: ids.get(name)! })),
  );
  return done.length ? `规划目标: ${done.length} 个机构备案（县区、市州达标与缺口示例）` : null;
};
