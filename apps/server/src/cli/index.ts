/**
 * `npm run cli -- <command>`:
 *   migrate | seed [--scale test|small|province] | audit-verify | audit-checkpoints
 *   standards list | standards <calculator> --json FILE [--lang zh-CN|en] [--with-db]   (FILE '-': stdin)
 *   import exam-reports FILE [--dry-run] [--as USERNAME] [--errors OUT.xlsx] [--lang zh-CN|en]
 *
 * `standards` runs the pure calculators without opening the database (see ./standards.ts). `import
 * exam-reports` runs a spreadsheet of exam cards through the import job, as the web upload does
 * (modules/exam-reports/exam-reports.cli.ts).
 */
import { runStandardsCli } from './standards.js';
import {
  EXAM_CARD_IMPORT_USAGE,
  parseExamCardImportArgs,
  runExamCardImport,
} from '../modules/exam-reports/exam-reports.cli.js';
import { isEmpty, seedDemoProvince, type DemoScale } from '../demo/seed.js';
import { auditCheckpoints, verifyAuditChain } from '../platform/audit.js';
import { loadConfig } from '../platform/config.js';
import { openAndPrepare } from '../server.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

export const runCli = async (command: string | undefined): Promise<number> => {
  // The calculators need no configuration and no database (unless --with-db): they run beside the server.
  if (command === 'standards')
    return runStandardsCli(process.argv.slice(process.argv.indexOf('standards') + 1));
  // Arguments are checked before the database is opened.
  const imported = command === 'import' ? parseExamCardImportArgs(process.argv.slice(3)) : null;
  if (imported && !imported.ok) {
    console.error(`${imported.reason}\n${EXAM_CARD_IMPORT_USAGE}`);
    return 2;
  }
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
        // Recomputes the keyed chain, checks seq continuity and every signed checkpoint; when intact,
        // appends a 'verify' checkpoint.
        const r = await verifyAuditChain(deps.db, { checkpoint: true });
        console.log(JSON.stringify(r));
        return r.ok ? 0 : 1;
      }
      case 'audit-checkpoints': {
        // Prints the signed checkpoints (one JSON object a line), each with its signature checked.
        const { file, lines } = auditCheckpoints(deps.db);
        console.error(`checkpoints in ${file ?? '(none: in-memory database)'}`);
        for (const c of lines) console.log(JSON.stringify(c));
        return lines.every((c) => c.valid) ? 0 : 1;
      }
      case 'import':
        if (!imported?.ok) return 2; // (refused above)
        return await runExamCardImport(deps, imported.args);
      case undefined:
      default:
        console.error(
          'usage: npm run cli -- migrate | seed --scale small|province | audit-verify | audit-checkpoints | standards list | standards <calculator> --json FILE [--lang zh-CN|en] [--with-db] | import exam-reports FILE [--dry-run] [--as USERNAME] [--errors OUT.xlsx] [--lang zh-CN|en]',
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
