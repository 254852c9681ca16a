/**
 * Demo data of 指标与驾驶舱: the figures come from the other modules' demo data; this only gives the demo
 * year of exam cards the arrival times a year of operation would have had (so timeliness is meaningful).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db-types.js';
import { unsafeSpreadDemoCardArrivals } from './indicators.repository.js';

export const seedDemoIndicators = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  const moved = await unsafeSpreadDemoCardArrivals(db, today);
  return moved ? `指标驾驶舱：演示个案卡按一年的实际到达时间分布（${moved} 张）` : null;
};
