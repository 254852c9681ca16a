/**
 * Demo of 设备配置, seeded through the service. THE DEMO CATALOGUE IS NOT A STANDARD: every row's source
 * is 演示数据 (EQUIPMENT_DEMO_SOURCE) and the screens say so; the item names are common detection
 * instruments and the quantities are made up, only so the rates can be shown. Outside the demo the
 * platform ships an empty catalogue (migration 0033), to be entered or imported from the real building
 * standards. Ledgers: the provincial CDC (demo-cdc, its own), the nine city CDCs (kept for them by the
 * provincial commission, some below 95 % / 85 %, with out-of-service and expired-calibration items) and
 * the city-level technical-service institutions (demo-service its own, the others kept for them).
 *
 * The order is fixed: catalogue row 1 and ledger item 1 (demo-cdc's) are the OpenAPI examples' targets.
 */
import {
  EQUIPMENT_DEMO_SOURCE,
  type EquipmentDomain,
  type EquipmentItemInput,
  type EquipmentRequirementInput,
} from '@ohp/contracts';
import { addDays } from '@ohp/reference';
import type { Kysely } from 'kysely';
import type { AuditContext } from '../../platform/audit.js';
import type { Actor } from '../../platform/authz/actor.js';
import { loadActor } from '../../platform/authz/session.js';
import type { DB } from '../../platform/db-types.js';
import { userIdByUsername } from '../users/index.js';
import { anyEquipmentData, organisationsOfKind } from './equipment.repository.js';
import { createItem, createRequirement } from './equipment.service.js';

const actorOf = async (db: Kysely<DB>, username: string): Promise<Actor | null> => {
  const id = await userIdByUsername(db, username);
  return id === undefined ? null : ((await loadActor(db, id))?.actor ?? null);
};

const ctxOf = (a: Actor): AuditContext => ({
  userId: a.userId,
  username: a.username,
  organisationId: a.organisationId,
  ip: null,
  requestId: 'demo-seed',
});

type DemoItem = { name: string; quantity: number; model: string };

const HYGIENE: DemoItem[] = [
  { name: '粉尘采样器', quantity: 4, model: 'FC-4' },
  { name: '个体粉尘采样器', quantity: 6, model: 'GCF-6' },
  { name: '大气采样器', quantity: 6, model: 'QC-2B' },
  { name: '个体有毒物质采样器', quantity: 6, model: 'GS-6' },
  { name: '直读式粉尘浓度测量仪', quantity: 1, model: 'CCZ-1000' },
  { name: '声级计', quantity: 2, model: 'AWA5688' },
  { name: '个体噪声剂量计', quantity: 4, model: 'AWA5610D' },
  { name: 'WBGT 指数仪', quantity: 2, model: 'WBGT-2006' },
  { name: '风速仪', quantity: 2, model: 'TSI-9545' },
  { name: '照度计', quantity: 1, model: 'ST-85' },
  { name: '紫外辐射照度计', quantity: 1, model: 'UV-340' },
  { name: '工频电场测量仪', quantity: 1, model: 'NBM-550' },
  { name: '高频电磁场测量仪', quantity: 1, model: 'HI-3604' },
  { name: '手传振动测量仪', quantity: 1, model: 'VM-54' },
  { name: '气相色谱仪', quantity: 2, model: 'GC-2014' },
  { name: '原子吸收分光光度计', quantity: 1, model: 'AA-7000' },
  { name: '离子色谱仪', quantity: 1, model: 'ICS-600' },
  { name: '紫外-可见分光光度计', quantity: 1, model: 'UV-2600' },
  { name: '电子天平（十万分之一）', quantity: 1, model: 'MS105DU' },
  { name: '气相色谱-质谱联用仪', quantity: 1, model: 'GCMS-QP2020' },
];
const RADIATION: DemoItem[] = [
  { name: 'X、γ辐射剂量率仪', quantity: 2, model: 'AT1123' },
  { name: '表面污染检测仪', quantity: 2, model: 'CoMo-170' },
  { name: '热释光剂量读出器', quantity: 1, model: 'RGD-3B' },
  { name: '医用诊断 X 射线多功能质控检测仪', quantity: 1, model: 'Piranha 657' },
  { name: 'CT 剂量模体及剂量仪', quantity: 1, model: 'CTDI-100' },
  { name: '低本底 α/β 测量仪', quantity: 1, model: 'MPC-9604' },
  { name: 'γ 能谱仪', quantity: 1, model: 'GEM-C5970' },
  { name: '个人剂量计', quantity: 50, model: 'TLD-100' },
];

const NOTE = '演示数据：非《实施意见》附件原文，仅用于演示达标率计算';

const rows = (
  institutionKind: EquipmentRequirementInput['institutionKind'],
  level: EquipmentRequirementInput['level'],
  domain: EquipmentDomain,
  items: DemoItem[],
  factor = 1,
): EquipmentRequirementInput[] =>
  items.map((i) => ({
    institutionKind,
    level,
    domain,
    itemName: i.name,
    minQuantity: i.quantity * factor,
    source: EQUIPMENT_DEMO_SOURCE,
    effectiveYear: 2024,
    note: NOTE,
  }));

/**
 * What a city CDC lacks, by the city's place in the list: missing items, a short quantity, an item out of
 * service, an expired calibration. Cities 0, 3, 5, 6, 8 meet hygiene 95 %; 0, 2, 3, 5, 6, 8 radiation 85 %.
 */
type Gap = { item: string; kind: 'missing' | 'short' | 'out_of_service' | 'expired' };
const CITY_GAPS: Gap[][] = [
  [{ item: 'γ 能谱仪', kind: 'missing' }],
  [
    { item: '气相色谱-质谱联用仪', kind: 'missing' },
    { item: '低本底 α/β 测量仪', kind: 'missing' },
    { item: 'CT 剂量模体及剂量仪', kind: 'expired' },
  ],
  [
    { item: '粉尘采样器', kind: 'short' },
    { item: '原子吸收分光光度计', kind: 'out_of_service' },
    { item: '离子色谱仪', kind: 'expired' },
  ],
  [],
  [
    { item: '气相色谱-质谱联用仪', kind: 'missing' },
    { item: '离子色谱仪', kind: 'missing' },
    { item: '高频电磁场测量仪', kind: 'missing' },
    { item: '手传振动测量仪', kind: 'expired' },
    { item: 'γ 能谱仪', kind: 'missing' },
    { item: '低本底 α/β 测量仪', kind: 'missing' },
    { item: '热释光剂量读出器', kind: 'out_of_service' },
  ],
  [{ item: 'γ 能谱仪', kind: 'missing' }],
  [
    { item: '气相色谱-质谱联用仪', kind: 'missing' },
    { item: '紫外辐射照度计', kind: 'out_of_service' },
  ],
  [
    { item: '低本底 α/β 测量仪', kind: 'missing' },
    { item: 'γ 能谱仪', kind: 'expired' },
  ],
  [{ item: '气相色谱-质谱联用仪', kind: 'missing' }],
];

/** Seeds the demo catalogue and ledgers; returns the start-up log line (null when absent or done). */
export const seedDemoEquipment = async (db: Kysely<DB>, today: string): Promise<string | null> => {
  const province = await actorOf(db, 'demo-province');
  const cdc = await actorOf(db, 'demo-cdc');
  const service = await actorOf(db, 'demo-service');
  if (!province || !cdc || !service) return null;
  if (await anyEquipmentData(db)) return null;
  const pctx = ctxOf(province);

  // The catalogue: city CDCs first (row 1 is the PATCH example's), then the province's, then the
  // technical-service institutions'.
  const catalogue = [
    ...rows('support_institution', 'city', 'hygiene', HYGIENE),
    ...rows('support_institution', 'city', 'radiation', RADIATION),
    ...rows('support_institution', 'province', 'hygiene', HYGIENE, 2),
    ...rows('support_institution', 'province', 'radiation', RADIATION, 2),
    ...rows('service_institution', 'city', 'hygiene', HYGIENE.slice(0, 10)),
  ];
  const ids = new Map<string, number>();
  for (const r of catalogue) {
    const rec = await createRequirement(db, pctx, province, r);
    ids.set(`${r.institutionKind}|${r.level ?? '*'}|${r.domain}|${r.itemName}`, rec.id);
  }
  const valid = addDays(today, 240);
  const expired = addDays(today, -20);
  let serial = 0;
  const ledger = async (
    a: Actor,
    institutionId: number,
    reqKey: (domain: EquipmentDomain) => string,
    sets: Array<[EquipmentDomain, DemoItem[]]>,
    gaps: Gap[],
    factor = 1,
  ) => {
    let n = 0;
    for (const [domain, items] of sets)
      for (const i of items) {
        const gap = gaps.find((g) => g.item === i.name)?.kind;
        if (gap === 'missing') continue;
        const input: EquipmentItemInput = {
          institutionId,
          name: i.name,
          model: i.model,
          serialNo: `SB-${String(++serial).padStart(4, '0')}`,
          quantity: gap === 'short' ? i.quantity * factor - 1 : i.quantity * factor,
          domain,
          requirementId: ids.get(`${reqKey(domain)}|${i.name}`) ?? null,
          calibrationDueOn: gap === 'expired' ? expired : valid,
          status: gap === 'out_of_service' ? 'out_of_service' : 'in_service',
          note:
            gap === 'out_of_service'
              ? '故障停用，待维修'
              : gap === 'expired'
                ? '检定证书已过期，已送检'
                : null,
        };
        await createItem(db, ctxOf(a), a, input);
        n++;
      }
    return n;
  };
  let items = 0;
  // 1. The provincial CDC keeps its own (item 1 is the PATCH example's): complete, one spare unit out of
  //    service (the requirement stays met by the others).
  items += await ledger(
    cdc,
    cdc.organisationId,
    (d) => `support_institution|province|${d}`,
    [
      ['hygiene', HYGIENE],
      ['radiation', RADIATION],
    ],
    [],
    2,
  );
  await createItem(db, ctxOf(cdc), cdc, {
    name: '声级计',
    model: 'AWA5661',
    serialNo: 'SB-SPARE-01',
    quantity: 1,
    domain: 'hygiene',
    requirementId: ids.get('support_institution|province|hygiene|声级计') ?? null,
    calibrationDueOn: expired,
    status: 'out_of_service',
    note: '备用机，已停用',
  });
  items++;
  // 2. The city CDCs, kept for them by the provincial commission.
  const cityCdcs = (await organisationsOfKind(db, 'support_institution', province.regionCode)).filter(
    (o) => o.level === 'city',
  );
  for (const [i, c] of cityCdcs.entries())
    items += await ledger(
      province,
      c.organisation_id,
      (d) => `support_institution|city|${d}`,
      [
        ['hygiene', HYGIENE],
        ['radiation', RADIATION],
      ],
      CITY_GAPS[i % CITY_GAPS.length]!,
    );
  // 3. The city-level technical-service institutions: the demo one keeps its own (two items short of
  //    the ten: 80 %), the others' are kept for them, complete or one item short (90 %).
  const services = (await organisationsOfKind(db, 'service_institution', province.regionCode)).filter(
    (o) => o.level === 'city',
  );
  for (const [i, o] of services.entries()) {
    const own = o.organisation_id === service.organisationId;
    items += await ledger(
      own ? service : province,
      o.organisation_id,
      () => 'service_institution|city|hygiene',
      [['hygiene', HYGIENE.slice(0, 10)]],
      own
        ? [
            { item: '紫外辐射照度计', kind: 'missing' },
            { item: '照度计', kind: 'expired' },
          ]
        : i % 3 === 0
          ? [{ item: '风速仪', kind: 'missing' }]
          : [],
    );
  }
  return `设备配置: 演示配置标准 ${catalogue.length} 条（演示数据，非标准原文），设备台账 ${items} 条（${cityCdcs.length + services.length + 1} 个机构）`;
};
