/**
 * `npm run cli -- <command>`:
 *   migrate | seed [--scale test|small|province] | audit-verify | audit-checkpoints
 *   standards list | standards <calculator> --json FILE [--lang zh-CN|en] [--with-db]   (FILE '-': stdin)
 *   import exam-reports FILE [--dry-run] [--as USERNAME] [--errors OUT.xlsx] [--lang zh-CN|en]
 *   keys status | keys new | keys rotate [--chunk N]
 *   indicators:verify [--repair]   (recount the indicator summaries from the facts; exit 1 on drift)
 *   exam-cards:partitions          (create this and next year's exam-card partitions if missing; list them)
 *
 * `standards` runs the pure calculators without opening the database (see ./standards.ts). `import
 * exam-reports` runs a spreadsheet of exam cards through the import job, as the web upload does
 * (modules/exam-reports/exam-reports.cli.ts). `keys` manages the personal-data keyring (docs/SECURITY.md,
 * Key rotation): `new` adds the next key file (or prints an OHP_DATA_KEYS entry when the keys come from
 * the environment), `rotate` re-encrypts every stored ciphertext with the newest key (chunked,
 * resumable, audited), `status` counts the ciphertexts per key.
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
import { createNextKeyFile, newKeyBase64 } from '../platform/crypto.js';
import { keyStatus, rotateKeys } from '../modules/workers/index.js';
import { runVerification } from '../modules/indicator-summaries/index.js';
import { ensureExamCardPartitions, examCardPartitions } from '../modules/exam-reports/index.js';
import { userInfo } from 'node:os';

const KEYS_USAGE = 'usage: npm run cli -- keys status | keys new | keys rotate [--chunk N]';

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
  const keysCommand = command === 'keys' ? process.argv[3] : undefined;
  if (command === 'keys' && !['status', 'new', 'rotate'].includes(keysCommand ?? '')) {
    console.error(KEYS_USAGE);
    return 2;
  }
  // A new key is a file (or an entry to add to OHP_DATA_KEYS): no database needed.
  if (keysCommand === 'new') {
    if (config.dataKeys || config.dataKey) {
      const ids = config.dataKeys
        ? [...config.dataKeys.matchAll(/(?:^|,)\s*(\d+):/g)].map((m) => Number(m[1]))
        : [];
      const id = Math.max(1, ...ids) + 1;
      console.log(
        `The keys come from the environment. Add this entry to OHP_DATA_KEYS (keep key 1${config.dataKey ? ', OHP_DATA_KEY,' : ''} in the ring), restart the server, then run keys rotate:`,
      );
      console.log(`${id}:${newKeyBase64()}`);
      return 0;
    }
    const { id, file } = createNextKeyFile(config.dataDir);
    console.log(`key ${id} written to ${file} (0600): back it up, restart the server, then run keys rotate`);
    return 0;
  }
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
      case 'indicators:verify': {
        // Recounts every measure from the facts; the run is stored and audited (as the OS user).
        const r = await runVerification(
          deps.db,
          {
            userId: null,
            username: `cli:${userInfo().username}`,
            organisationId: null,
            ip: null,
            requestId: null,
          },
          { repair: process.argv.includes('--repair') },
        );
        console.log(
          JSON.stringify({
            id: r.id,
            checkedMeasures: r.checkedMeasures.length,
            driftRows: r.driftRows.length,
            totalAbsDrift: r.totalAbsDrift,
            repaired: r.repaired,
            firstDrift: r.driftRows.slice(0, 20),
          }),
        );
        return r.totalAbsDrift === 0 || r.repaired ? 0 : 1;
      }
      case 'exam-cards:partitions': {
        // What the daily job does, then the partitions with their cards (one JSON object a line).
        const created = await ensureExamCardPartitions(deps.db);
        console.error(created.length ? `created: ${created.join(', ')}` : 'no partition missing');
        for (const p of await examCardPartitions(deps.db)) console.log(JSON.stringify(p));
        return 0;
      }
      case 'audit-checkpoints': {
        // Prints the signed checkpoints (one JSON object a line), each with its signature checked.
        const { file, lines } = auditCheckpoints(deps.db);
        console.error(`checkpoints in ${file ?? '(none: in-memory database)'}`);
        for (const c of lines) console.log(JSON.stringify(c));
        return lines.every((c) => c.valid) ? 0 : 1;
      }
      case 'keys': {
        if (keysCommand === 'status') {
          console.log(JSON.stringify(await keyStatus(deps)));
          return 0;
        }
        const chunk = Number(arg('chunk') ?? 1000);
        if (!Number.isInteger(chunk) || chunk < 1) {
          console.error(`--chunk must be a positive integer\n${KEYS_USAGE}`);
          return 2;
        }
        const started = Date.now();
        const result = await rotateKeys(
          deps,
          {
            userId: null,
            username: `cli:${userInfo().username}`,
            organisationId: null,
            ip: null,
            requestId: 'cli-keys-rotate',
          },
          {
            chunk,
            onChunk: (table, rows) =>
              console.error(`  ${table}: ${rows} rows moved to key ${deps.crypto.activeKeyId}`),
          },
        );
        console.log(JSON.stringify({ ...result, seconds: (Date.now() - started) / 1000 }));
        return 0;
      }
      case 'import':
        if (!imported?.ok) return 2; // (refused above)
        return await runExamCardImport(deps, imported.args);
      case undefined:
      default:
        console.error(
          'usage: npm run cli -- migrate | seed --scale small|province | audit-verify | audit-checkpoints | standards list | standards <calculator> --json FILE [--lang zh-CN|en] [--with-db] | import exam-reports FILE [--dry-run] [--as USERNAME] [--errors OUT.xlsx] [--lang zh-CN|en] | keys status|new|rotate [--chunk N] | indicators:verify [--repair] | exam-cards:partitions',
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
