/** The pure rules of the indicators: periods, values, traffic lights, which target applies, suppression. */
import type { IndicatorChildFigure, IndicatorTarget } from '@ohp/contracts';
import { describe, expect, it } from 'vitest';
import {
  asOfOf,
  figureOf,
  parsePeriod,
  stateOf,
  suppressChildren,
  targetFor,
  trendWindow,
} from './indicators.figures.js';

const target = (o: Partial<IndicatorTarget> & { indicatorCode?: string }) => ({
  indicatorCode: 'x',
  provinceCode: '23',
  value: 95,
  comparator: 'ge' as const,
  dueOn: '2025-12-31',
  document: { zh: '文件', en: 'doc' },
  documentYear: 2024,
  quote: '原文',
  confidence: 'stated' as const,
  reference: false,
  ...o,
});

describe('periods', () => {
  it('reads a year, a quarter and a month as [from, to)', () => {
    expect(parsePeriod('2026')).toMatchObject({ grain: 'year', from: '2026-01-01', to: '2027-01-01' });
    expect(parsePeriod('2026-Q4')).toMatchObject({ grain: 'quarter', from: '2026-10-01', to: '2027-01-01' });
    expect(parsePeriod('2026-12')).toMatchObject({ grain: 'month', from: '2026-12-01', to: '2027-01-01' });
    expect(parsePeriod('2026-Q1').label.zh).toBe('2026年第1季度');
  });
  it('takes as-of figures at the period’s last day, or today while it runs', () => {
    expect(asOfOf(parsePeriod('2025'), '2026-12-06')).toBe('2025-12-31');
    expect(asOfOf(parsePeriod('2026'), '2026-12-06')).toBe('2026-12-06');
  });
  it('trends over the 12 months ending with the period (or this month)', () => {
    const w = trendWindow(parsePeriod('2026'), '2026-03-15');
    expect(w.months[0]).toBe('2025-04');
    expect(w.months[11]).toBe('2026-03');
    expect(w).toMatchObject({ from: '2025-04-01', to: '2026-04-01' });
  });
});

describe('values and traffic lights', () => {
  it('never turns a zero denominator into 0 % or 100 %', () => {
    expect(figureOf('percent', { numerator: 0, denominator: 0 }, target({}))).toMatchObject({
      value: null,
      state: 'no_denominator',
    });
    expect(figureOf('percent', { numerator: 12, denominator: null }, null)).toMatchObject({
      value: null,
      state: 'no_data',
    });
  });
  it('is green at the target, amber within 5 points, red below; grey without a target', () => {
    const t = target({ value: 95 });
    expect(stateOf(95, 10, 'percent', t)).toBe('met');
    expect(stateOf(90, 10, 'percent', t)).toBe('near');
    expect(stateOf(89.9, 10, 'percent', t)).toBe('below');
    expect(stateOf(99, 10, 'percent', null)).toBe('no_target');
    expect(stateOf(3, 10, 'percent', target({ comparator: 'le', value: 5 }))).toBe('met');
    expect(figureOf('percent', { numerator: 2, denominator: 3 }, t).value).toBe(66.7);
  });
});

describe('which target applies', () => {
  const rows = [
    target({ provinceCode: '23' }),
    target({ provinceCode: '52', value: 90 }),
    target({ provinceCode: '00', indicatorCode: 'y', value: 100, dueOn: '2024-12-31' }),
    target({ provinceCode: '00', indicatorCode: 'y', value: 100, dueOn: '2025-12-31' }),
    target({ provinceCode: '22', indicatorCode: 'y', value: 80, dueOn: '2025-12-31' }),
  ];
  it('takes the province’s own, else the national one, else another province’s as a reference', () => {
    expect(targetFor(rows, 'x', '23', '2026-01-01')).toMatchObject({ provinceCode: '23', reference: false });
    expect(targetFor(rows, 'x', '22', '2026-01-01')).toMatchObject({ provinceCode: '23', reference: true });
    expect(targetFor(rows, 'y', '22', '2025-06-01')).toMatchObject({ provinceCode: '22', value: 80 });
    expect(targetFor(rows, 'y', '11', '2024-06-01')).toMatchObject({
      provinceCode: '00',
      dueOn: '2024-12-31',
    });
    expect(targetFor(rows, 'y', '11', '2025-06-01')).toMatchObject({
      provinceCode: '00',
      dueOn: '2025-12-31',
    });
    expect(targetFor(rows, 'z', '22', '2025-06-01')).toBeNull();
  });
});

describe('small counts', () => {
  const row = (code: string, numerator: number, denominator: number): IndicatorChildFigure => ({
    regionCode: code,
    regionName: code,
    ...figureOf('percent', { numerator, denominator }, null),
  });
  it('hides 0 < n < 5, and a second row when only one would be hidden (no subtraction from the total)', () => {
    const out = suppressChildren([row('a', 3, 4), row('b', 10, 40), row('c', 7, 8), row('d', 0, 0)], 5);
    expect(out.map((r) => r.suppressed)).toEqual([true, false, true, false]);
    expect(out[0]).toMatchObject({ value: null, numerator: null, denominator: null });
    const two = suppressChildren([row('a', 1, 2), row('b', 2, 3), row('c', 50, 60)], 5);
    expect(two.map((r) => r.suppressed)).toEqual([true, true, false]);
    const none = suppressChildren([row('a', 5, 9), row('b', 0, 0)], 5);
    expect(none.some((r) => r.suppressed)).toBe(false);
  });
});
