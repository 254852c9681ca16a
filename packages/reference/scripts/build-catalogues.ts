/**
 * Regenerates the catalogue JSON files in data/ from the verbatim CSV copies in datasets/csv/.
 *
 *   npx tsx packages/reference/scripts/build-catalogues.ts
 *
 * The CSVs are byte-for-byte copies of the checked transcriptions in the project's research notes
 * (see docs/DATA-SOURCES.md); their SHA-256 is recorded in each generated file's `meta`.
 * The transformation is mechanical: types, nulls for empty cells, a row number for the risk table.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCsvRecords } from '../src/csv';

const dataDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'datasets');

function read(name: string): { records: Record<string, string>[]; sha256: string } {
  const buf = readFileSync(join(dataDir, 'csv', name));
  return {
    records: parseCsvRecords(buf.toString('utf8')),
    sha256: createHash('sha256').update(buf).digest('hex'),
  };
}

function bool(value: string | undefined, where: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new Error(`${where}: expected true/false, got ${String(value)}`);
}

function req(record: Record<string, string>, key: string): string {
  const value = record[key];
  if (value === undefined) throw new Error(`missing column ${key}`);
  return value;
}

function write(name: string, csvName: string, sha256: string, rows: unknown[], extraMeta: object = {}): void {
  const meta = {
    generatedBy: 'packages/reference/scripts/build-catalogues.ts',
    sourceFile: `datasets/csv/${csvName}`,
    sourceSha256: sha256,
    rowCount: rows.length,
    ...extraMeta,
  };
  // One row per line keeps diffs reviewable without bloating the file.
  const body = rows.map((r) => '    ' + JSON.stringify(r)).join(',\n');
  writeFileSync(join(dataDir, name), `{\n  "meta": ${JSON.stringify(meta)},\n  "rows": [\n${body}\n  ]\n}\n`);
  console.log(`${name}: ${rows.length} rows`);
}

// GB/T 4754-2017
{
  const csv = 'industries-gbt4754-2017.csv';
  const { records, sha256 } = read(csv);
  const rows = records.map((r) => ({
    code: req(r, 'code'),
    name: req(r, 'name'),
    level: Number(req(r, 'level')),
    section: req(r, 'section'),
    parentCode: req(r, 'parent') === '' ? null : req(r, 'parent'),
  }));
  write('industries-gbt4754-2017.json', csv, sha256, rows);
}

// 建设项目职业病危害风险分类管理目录 (2021)
{
  const csv = 'risk-classes-2021.csv';
  const { records, sha256 } = read(csv);
  const rows = records.map((r, i) => {
    const printedNo = req(r, 'row');
    const kind = /^[一二三四五六七八九十]+$/.test(printedNo)
      ? 'section'
      : /^（[一二三四五六七八九十]+）$/.test(printedNo)
        ? 'division'
        : /^\d+$/.test(printedNo)
          ? 'item'
          : /^\d+\.\d+$/.test(printedNo)
            ? 'subitem'
            : null;
    if (kind === null) throw new Error(`${csv} line ${i + 2}: unexpected 序号 ${printedNo}`);
    const riskClass = req(r, 'risk_class');
    if (riskClass !== '' && riskClass !== '严重' && riskClass !== '一般') {
      throw new Error(`${csv} line ${i + 2}: unexpected class ${riskClass}`);
    }
    return {
      rowNo: i + 1,
      printedNo,
      kind,
      code: req(r, 'code'),
      codeNumeric: req(r, 'code_numeric') === '' ? null : req(r, 'code_numeric'),
      name: req(r, 'name'),
      riskClass: riskClass === '' ? null : riskClass,
      starred: bool(r['starred'], `${csv} line ${i + 2}`),
    };
  });
  write('risk-classes-2021.json', csv, sha256, rows, {
    footnote:
      '注：*不使用含苯、正己烷、1,2二氯乙烷、三氯甲烷等物质的胶黏剂、清洗剂、油墨、油漆时，按职业病危害一般进行管理。',
  });
}

// 职业病危害因素分类目录 (2015)
{
  const csv = 'hazard-factors-2015.csv';
  const { records, sha256 } = read(csv);
  const categoryNames: Record<string, string> = {
    '1': '粉尘',
    '2': '化学因素',
    '3': '物理因素',
    '4': '放射性因素',
    '5': '生物因素',
    '6': '其他因素',
  };
  const rows = records.map((r, i) => {
    const category = req(r, 'category');
    const categoryName = categoryNames[category];
    if (!categoryName) throw new Error(`${csv} line ${i + 2}: unknown category ${category}`);
    return {
      id: `${category}-${req(r, 'seq')}`,
      category: Number(category),
      categoryName,
      seq: Number(req(r, 'seq')),
      name: req(r, 'name'),
      cas: req(r, 'cas') === '' ? [] : req(r, 'cas').split(';'),
      scopeNote: req(r, 'scope_note') === '' ? null : req(r, 'scope_note'),
      isOpenItem: bool(r['is_open_item'], `${csv} line ${i + 2}`),
    };
  });
  write('hazard-factors-2015.json', csv, sha256, rows);
}

// 职业病分类和目录 (2013, 2024)
for (const edition of ['2013', '2024'] as const) {
  const csv = `diseases-${edition}.csv`;
  const { records, sha256 } = read(csv);
  const rows = records.map((r, i) => {
    const categoryNo = Number(req(r, 'category_no'));
    const itemNo = Number(req(r, 'item_no'));
    const subcategory = req(r, 'subcategory') === '' ? null : req(r, 'subcategory');
    // Category 1 restarts its numbering in each 子类, so the 子类 is part of the id.
    const sub = subcategory === null ? '' : subcategory === '尘肺病' ? '1/' : '2/';
    return {
      id: `${edition}/${categoryNo}/${sub}${itemNo}`,
      edition,
      categoryNo,
      category: req(r, 'category'),
      subcategory,
      itemNo,
      name: req(r, 'name'),
      scopeNote: req(r, 'scope_note') === '' ? null : req(r, 'scope_note'),
      isOpenItem: bool(r['is_open_item'], `${csv} line ${i + 2}`),
      verified: bool(r['verified'], `${csv} line ${i + 2}`),
    };
  });
  write(`diseases-${edition}.json`, csv, sha256, rows);
}
