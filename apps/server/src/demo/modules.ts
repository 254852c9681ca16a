/**
 * Demo data of the modules built on the exam cards (diagnosis reports, samples, API tokens …), seeded
 * after the demo year of cards, through each module's service. One line per module; each returns what
 * it seeded as a sentence for the start-up log.
 */
import type { Deps } from '../platform/http/types.js';
import type { DemoScale } from './seed.js';

export const seedDemoModules = async (
  deps: Deps,
  opts: { scale: DemoScale; today?: string },
): Promise<string[]> => {
  const lines: string[] = [];
  void deps;
  void opts;
  return lines;
};
