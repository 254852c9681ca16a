/**
 * `npm run cli -- <command>`:
 *   migrate | seed [--scale test|small|province] | audit-verify
 *   standards list | standards <calculator> --json FILE   (FILE '-' reads standard input)
 */
import { readFileSync } from 'node:fs';
import { calculators } from '@ohp/standards';
import { runCalculator } from '../modules/standards/index.js';
import { isEmpty, seedDemoProvince, type DemoScale } from '../demo/seed.js';
import { verifyAuditChain } from '../platform/audit.js';
import { loadConfig } from '../platform/config.js';
import { openAndPrepare } from '../server.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

export const runCli = async (command: string | undefined): Promise<number> => {
  const config = loadConfig();
  const deps = await openAndPrepare(config);
  try {
    switch (command) {
      case 'migrate':
        console.log('migrations applied');
        return 0;
      case 'seed': {
        const scale = (arg('scale') ?? 'small') as DemoScale;
        if (!['test', 'small', 'province'].includes(scale)) {
          console.error('--scale must be test, small or province');
          return 2;
        }
        if (!(await isEmpty(deps.db))) {
          console.error(
            'the database already has organisations; seed only an empty database (delete the data directory first)',
          );
          return 2;
        }
        const t = Date.now();
        const r = await seedDemoProvince(deps.db, { scale, password: config.demoPassword });
        console.log(
          `seeded ${r.organisations} organisations and ${r.accounts.length} demo accounts in ${((Date.now() - t) / 1000).toFixed(1)} s`,
        );
        return 0;
      }
      case 'audit-verify': {
        const r = await verifyAuditChain(deps.db);
        console.log(JSON.stringify(r));
        return r.ok ? 0 : 1;
      }
      case 'standards': {
        const id = process.argv[process.argv.indexOf('standards') + 1];
        if (!id || id === 'list') {
          for (const c of calculators)
            console.log(`${c.id.padEnd(28)} ${c.standard.padEnd(30)} ${c.nameZh} / ${c.nameEn}`);
          return 0;
        }
        if (!calculators.some((c) => c.id === id)) {
          console.error(`unknown calculator "${id}"; npm run cli -- standards list`);
          return 2;
        }
        const file = arg('json');
        if (!file) {
          console.error('usage: npm run cli -- standards <calculator> --json FILE');
          return 2;
        }
        let input: unknown;
        try {
          input = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
        } catch (e) {
          console.error(`cannot read JSON from ${file}: ${(e as Error).message}`);
          return 2;
        }
        // Same engine and the same administrator data as the API: the verdict reproduces.
        const result = (await runCalculator(deps.db, id, input)) as { verdict?: string };
        console.log(JSON.stringify(result, null, 2));
        return result.verdict === 'error' ? 1 : 0;
      }
      case undefined:
      default:
        console.error(
          'usage: npm run cli -- migrate | seed --scale small|province | audit-verify | standards list | standards <calculator> --json FILE',
        );
        return 2;
    }
  } finally {
    await deps.database.close();
  }
};

if (import.meta.url === `file://${process.argv[1]}`) {
  runCli(process.argv[2]).then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
