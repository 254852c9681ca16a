/**
 * Demo data for the imports page (导入任务): after the demo province is seeded, the system
 * administrator's upload of a county's employer register goes through the real pipeline as a job —
 * staged, validated, committed, reported, with two rows rejected (an unknown organisation type and a
 * credit code whose check character is wrong) so that the error workbook has something to show.
 */
import type { Deps } from '../platform/http/types.js';
import { loadActor } from '../platform/authz/session.js';
import { startImport } from '../platform/imports/pipeline.js';
import { makeCreditCode } from './seed.js';

/** The register as a county clerk would keep it (UTF-8 CSV with the template's columns). */
export const demoRegisterCsv = (): Buffer => {
  const rows = [
    '单位名称,单位类型,行政区划代码,统一社会信用代码,是否公立,行业代码,从业人员数,营业收入(万元),地址,联系人,联系电话',
  ];
  const trades = ['机械加工', '家具制造', '建材', '印刷', '食品加工', '汽车配件'];
  for (let i = 1; i <= 40; i++) {
    const kind = i === 17 ? '外包单位' : '用人单位';
    const good = makeCreditCode('220102', 990_000 + i);
    // Row 31: the last character mistyped (the check character no longer matches).
    const code = i === 30 ? `${good.slice(0, 17)}${good.endsWith('0') ? '1' : '0'}` : good;
    rows.push(
      `南关区${trades[i % trades.length]}示例企业${i}号,${kind},220102,${code},否,,${20 + i * 3},${500 + i * 40},长春市南关区示例路${i}号,联系人${i},0431-8800${String(i).padStart(4, '0')}`,
    );
  }
  return Buffer.from(`${rows.join('\r\n')}\r\n`);
};

/** Queues the demo upload (it runs once the job runner starts). */
export const queueDemoImports = async (deps: Deps): Promise<void> => {
  const user = await deps.db
    .selectFrom('app_user')
    .select('user_id')
    .where('username', '=', 'demo-sysadmin')
    .executeTakeFirst();
  const loaded = user ? await loadActor(deps.db, user.user_id) : null;
  if (!loaded) return;
  await startImport(
    deps,
    {
      userId: loaded.actor.userId,
      username: loaded.actor.username,
      organisationId: loaded.actor.organisationId,
      ip: null,
      requestId: 'demo-seed',
    },
    loaded.actor,
    {
      kind: 'organisation',
      fileName: '南关区用人单位名录.csv',
      buffer: demoRegisterCsv(),
      dryRun: false,
      lang: 'zh-CN',
    },
  );
};
