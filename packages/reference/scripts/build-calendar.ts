/**
 * Generates datasets/working-calendar.json from an extracted copy of the npm package chinese-days@1.5.7
 * (MIT). The package is NOT a dependency; fetch it by hand:
 *
 *   cd "$(mktemp -d)" && npm pack chinese-days@1.5.7 && tar xzf chinese-days-1.5.7.tgz
 *   npx tsx packages/reference/scripts/build-calendar.ts "$PWD/package"
 *
 * Reads dist/years/<year>.json for YEARS; each file maps dates to "English name,中文名,statutory days"
 * under `holidays` (days off, weekends inside the break included), `workdays` (调休上班 make-up days) and
 * `inLieuDays` (days off granted in exchange for a make-up workday). The notice URL per year is taken
 * from the comments in src/holidays/generate.ts.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const YEARS = [2024, 2025, 2026];

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('usage: build-calendar.ts <path to the extracted chinese-days package folder>');
  process.exit(2);
}
const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  license: string;
};
if (pkg.name !== 'chinese-days' || pkg.version !== '1.5.7') {
  throw new Error(`expected chinese-days@1.5.7, found ${pkg.name}@${pkg.version}`);
}

const generateTs = readFileSync(join(pkgDir, 'src', 'holidays', 'generate.ts'), 'utf8');
const notices: Record<string, string> = {};
for (const m of generateTs.matchAll(/\*\s*(\d{4})\s*\n\s*\*\s*(https?:\/\/\S+)/g)) {
  if (m[1] && m[2]) notices[m[1]] = m[2];
}

type YearFile = {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
};
type Day = {
  date: string;
  kind: 'holiday' | 'workday';
  name: string;
  nameEn: string;
  statutoryDays: number;
  inLieu: boolean;
};

function parseLabel(label: string, where: string): { nameEn: string; name: string; statutoryDays: number } {
  const [nameEn, name, days] = label.split(',');
  if (!nameEn || !name || !days || !/^\d+$/.test(days)) throw new Error(`${where}: cannot parse "${label}"`);
  return { nameEn, name, statutoryDays: Number(days) };
}

function weekday(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

const sha: Record<string, string> = {};
const days: Day[] = [];
for (const year of YEARS) {
  const file = join(pkgDir, 'dist', 'years', `${year}.json`);
  const buf = readFileSync(file);
  sha[`dist/years/${year}.json`] = createHash('sha256').update(buf).digest('hex');
  const data = JSON.parse(buf.toString('utf8')) as YearFile;
  for (const [date, label] of Object.entries(data.holidays)) {
    if (!date.startsWith(`${year}-`)) throw new Error(`${date} outside ${year}`);
    days.push({ date, kind: 'holiday', ...parseLabel(label, date), inLieu: date in data.inLieuDays });
  }
  for (const [date, label] of Object.entries(data.workdays)) {
    if (date in data.holidays) throw new Error(`${date} is both holiday and workday`);
    const wd = weekday(date);
    if (wd !== 0 && wd !== 6) throw new Error(`make-up workday ${date} is not a weekend day`);
    days.push({ date, kind: 'workday', ...parseLabel(label, date), inLieu: false });
  }
  for (const date of Object.keys(data.inLieuDays)) {
    if (!(date in data.holidays)) throw new Error(`in-lieu day ${date} is not a holiday`);
  }
  if (!notices[String(year)]) throw new Error(`no notice URL for ${year} in generate.ts`);
}
days.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

const years = YEARS.map(String);
const packageYears = ['2027', '2028'].filter((y) => existsSync(join(pkgDir, 'dist', 'years', `${y}.json`)));
const meta = {
  generatedBy: 'packages/reference/scripts/build-calendar.ts',
  source: 'npm chinese-days@1.5.7 (github vsme/chinese-days), dist/years/<year>.json',
  licence: pkg.license,
  years,
  notices: Object.fromEntries(years.map((y) => [y, notices[y]])),
  laterYearsInPackage: packageYears,
  inputSha256: sha,
};
const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');
writeFileSync(
  join(dataDir, 'working-calendar.json'),
  `{\n  "meta": ${JSON.stringify(meta)},\n  "days": [\n${days.map((d) => '    ' + JSON.stringify(d)).join(',\n')}\n  ]\n}\n`,
);
console.log(
  'working-calendar.json',
  days.length,
  'days;',
  meta.notices,
  'later years in package:',
  packageYears,
);
