/**
 * `npm run cli -- <command>`: migrate | seed [--scale test|small|province] [--reset-check] | audit-verify.
 */
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
      case undefined:
      default:
        console.error('usage: npm run cli -- migrate | seed --scale small|province | audit-verify');
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
