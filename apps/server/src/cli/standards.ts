/**
 * `npm run cli -- standards …`: the calculators of @ohp/standards from the command line.
 *
 *   standards list
 *   standards <calculator> --json FILE [--lang zh-CN|en] [--with-db]      (FILE '-' reads standard input)
 *
 * The calculators are pure: without --with-db no configuration is read and no database is opened, so
 * the CLI runs while the server holds the embedded database. --with-db opens the database to use the
 * administrator data the server uses (amendment effective dates, imported limit rows and GBZ 188 rows),
 * so that the verdict is the server's.
 *
 * Output: the result as JSON, each reason with its text in --lang (default zh-CN). A refused input prints
 * the API's error body (`validation_failed`, a detail per field) and exits 1, as does an error outcome.
 */
import { readFileSync } from 'node:fs';
import { calculators, getCalculator, langOf, presentResult, type CalculatorContext } from '@ohp/standards';

/** Calculators whose verdict can depend on administrator data. */
const USES_ADMIN_DATA = new Set(['air-judgement', 'air-mixture', 'surveillance-cycle']);

const option = (args: readonly string[], name: string): string | undefined => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};

/** The administrator data kept in the database (--with-db); the database is closed again at once. */
const contextFromDatabase = async (): Promise<CalculatorContext> => {
  const [{ loadConfig }, { openAndPrepare }, { loadContext }] = await Promise.all([
    import('../platform/config.js'),
    import('../server.js'),
    import('../modules/standards/index.js'),
  ]);
  const deps = await openAndPrepare(loadConfig());
  try {
    return await loadContext(deps.db);
  } finally {
    await deps.database.close();
  }
};

/** Runs `standards …`; `args` are the words after `standards`. Returns the exit code. */
export const runStandardsCli = async (args: readonly string[]): Promise<number> => {
  const id = args[0];
  if (!id || id === 'list') {
    for (const c of calculators)
      console.log(`${c.id.padEnd(28)} ${c.standard.padEnd(30)} ${c.nameZh} / ${c.nameEn}`);
    return 0;
  }
  const calculator = getCalculator(id);
  if (!calculator) {
    console.error(`unknown calculator "${id}"; npm run cli -- standards list`);
    return 2;
  }
  const file = option(args, 'json');
  const langArg = option(args, 'lang');
  if (!file || (langArg !== undefined && langArg !== 'en' && langArg !== 'zh-CN')) {
    console.error('usage: npm run cli -- standards <calculator> --json FILE [--lang zh-CN|en] [--with-db]');
    return 2;
  }
  const lang = langOf(langArg);
  let input: unknown;
  try {
    input = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  } catch (e) {
    console.error(`cannot read JSON from ${file}: ${(e as Error).message}`);
    return 2;
  }
  const withDb = args.includes('--with-db');
  if (!withDb && USES_ADMIN_DATA.has(id))
    console.error(
      lang === 'en'
        ? 'note: administrator data (amendment effective dates, imported rows) is not used; add --with-db to use the database’s'
        : '提示：未使用管理员数据（修改单生效日期、导入的标准数据）；如需使用数据库中的设置，请加 --with-db',
    );
  const context = withDb ? await contextFromDatabase() : {};
  const presented = presentResult(calculator.run(input, context), lang);
  if (presented.kind === 'refused') {
    console.log(
      JSON.stringify(
        {
          error: {
            code: 'validation_failed',
            reason: presented.error,
            details: presented.issues.map((i) => ({ ...i, path: i.path || 'body' })),
          },
        },
        null,
        2,
      ),
    );
    return 1;
  }
  console.log(JSON.stringify(presented.body, null, 2));
  return presented.body.verdict === 'error' ? 1 : 0;
};
