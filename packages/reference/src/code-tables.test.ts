import { describe, it, expect } from 'vitest';
import { catalogues } from './catalogues';
import {
  codeTables,
  economicTypes,
  enterpriseSizeCodes,
  examConclusions,
  examTypes,
  filingCategories,
  findCode,
  idDocumentTypes,
  sexes,
} from './code-tables';
import { isIsoDate } from './dates';

describe('catalogue list', () => {
  it('does list each catalogue once with well-formed dates when read', () => {
    const ids = catalogues.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    // 14 + the 21 code tables of the national exchange specification (exchange-codes.test.ts).
    expect(ids).toHaveLength(14 + 21);
    expect(ids).not.toContain('org-kinds');
    for (const c of catalogues) {
      for (const d of [c.effectiveFrom, c.effectiveTo])
        if (d !== null) expect(isIsoDate(d), `${c.id} ${d}`).toBe(true);
      expect(c.source.length).toBeGreaterThan(0);
    }
  });

  it('does mark a catalogue unverified when its rows are all unverified', () => {
    const meta = (id: string) => catalogues.find((c) => c.id === id)?.verified;
    expect(meta('sexes')).toBe('unverified');
    expect(meta('filing-categories')).toBe('unverified');
    expect(sexes.every((s) => !s.verified)).toBe(true);
    expect(filingCategories.every((s) => !s.verified)).toBe(true);
  });
});

describe('small code tables', () => {
  it('does hold the DOMAIN §10 codes when read', () => {
    expect(examTypes.map((e) => `${e.code}${e.nameZh}`)).toEqual([
      '1上岗前',
      '2在岗期间',
      '3离岗时',
      '4离岗后',
      '5应急',
    ]);
    expect(examConclusions.map((e) => e.code)).toEqual(['1', '2', '3', '4', '5']);
    expect(findCode(examConclusions, '4')?.nameZh).toBe('职业禁忌证');
    expect(filingCategories.map((e) => e.code)).toEqual([
      'dust',
      'chemical',
      'physical',
      'biological',
      'radiological',
      'other',
    ]);
    expect(enterpriseSizeCodes.map((e) => `${e.code}${e.nameZh}`)).toEqual([
      '002大',
      '003中',
      '004小',
      '006微型',
      '005不详',
    ]);
    expect(idDocumentTypes.map((e) => e.code)).toEqual([
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '99',
      '88',
    ]);
    expect(sexes.map((e) => e.code)).toEqual(['0', '1', '2', '9']);
  });

  it('does mark economic types from 220 on as unverified when read', () => {
    expect(economicTypes).toHaveLength(25);
    expect(economicTypes.filter((e) => !e.verified).map((e) => e.code)).toEqual([
      '220',
      '230',
      '240',
      '290',
      '310',
      '320',
      '330',
      '340',
      '390',
    ]);
  });

  it('does give every table unique codes and both names when read', () => {
    for (const table of Object.values(codeTables)) {
      const codes = table.entries.map((e) => e.code);
      expect(new Set(codes).size, table.id).toBe(codes.length);
      for (const e of table.entries) expect(e.nameZh && e.nameEn, `${table.id} ${e.code}`).toBeTruthy();
    }
  });
});
