/**
 * The name matcher on the labelled pairs (fixtures/name-pairs.json, ≥ 500 pairs, SYNTHETIC — see
 * employer-census.pairs.ts for how they are built). Precision and recall of the `certain` decisions and
 * of `certain` + `uncertain` (what reaches a person or links by itself) are computed and held to floors
 * that a broken matcher fails; the figures are in docs/PERFORMANCE.md ("Employer name matching").
 * Re-run: `OHP_TEST_DB=pglite npx vitest run apps/server/src/modules/employer-census/employer-census.matcher.test.ts`
 * (prints the table).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  EmployerIndex,
  decideNames,
  nameDiff,
  normaliseName,
  validCreditCode,
} from './employer-census.matcher.js';
import { generateNamePairs, type NamePair } from './employer-census.pairs.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/name-pairs.json', import.meta.url), 'utf8')) as {
  provenance: string;
  pairs: NamePair[];
};

export const measure = (pairs: NamePair[]) => {
  let certainTp = 0;
  let certainFp = 0;
  let anyTp = 0;
  let anyFp = 0;
  const positives = pairs.filter((p) => p.same).length;
  const byVariation = new Map<string, { n: number; certain: number; uncertain: number }>();
  for (const p of pairs) {
    const { decision } = decideNames(normaliseName(p.a, p.regionCode), normaliseName(p.b, p.regionCode));
    const v = byVariation.get(p.variation) ?? { n: 0, certain: 0, uncertain: 0 };
    v.n++;
    if (decision === 'certain') v.certain++;
    if (decision === 'uncertain') v.uncertain++;
    byVariation.set(p.variation, v);
    if (decision === 'certain') {
      if (p.same) certainTp++;
      else certainFp++;
    }
    if (decision !== 'new') {
      if (p.same) anyTp++;
      else anyFp++;
    }
  }
  return {
    pairs: pairs.length,
    positives,
    certain: { precision: certainTp / (certainTp + certainFp || 1), recall: certainTp / positives },
    certainOrUncertain: { precision: anyTp / (anyTp + anyFp || 1), recall: anyTp / positives },
    byVariation,
  };
};

describe('employer name matcher', () => {
  it('has ≥ 500 labelled pairs, reproducible from the generator, honest about being synthetic', () => {
    expect(fixture.pairs.length).toBeGreaterThanOrEqual(500);
    expect(fixture.provenance).toMatch(/SYNTHETIC/);
    expect(fixture.pairs).toEqual(generateNamePairs());
    expect(fixture.pairs.filter((p) => !p.same).length).toBeGreaterThanOrEqual(250);
  });

  it('meets the precision and recall floors on the labelled pairs', () => {
    const m = measure(fixture.pairs);
    console.log(
      `pairs=${m.pairs} positives=${m.positives}\n` +
        `certain: precision=${m.certain.precision.toFixed(3)} recall=${m.certain.recall.toFixed(3)}\n` +
        `certain+uncertain: precision=${m.certainOrUncertain.precision.toFixed(3)} recall=${m.certainOrUncertain.recall.toFixed(3)}\n` +
        [...m.byVariation]
          .map(([k, v]) => `  ${k}: n=${v.n} certain=${v.certain} uncertain=${v.uncertain}`)
          .join('\n'),
    );
    // A certain match links without a person: it must (nearly) never be wrong.
    expect(m.certain.precision).toBeGreaterThanOrEqual(0.99);
    expect(m.certain.recall).toBeGreaterThanOrEqual(0.7);
    // What reaches the review queue or links: most true pairs, and not flooded with wrong ones.
    expect(m.certainOrUncertain.recall).toBeGreaterThanOrEqual(0.95);
    expect(m.certainOrUncertain.precision).toBeGreaterThanOrEqual(0.7);
  });

  it('normalises width, brackets, places, legal forms and leading regions', () => {
    const k = (s: string, r = '220104') => normaliseName(s, r).key;
    expect(k('吉林省长春市朝阳区宏远水泥有限公司')).toBe(k('宏远水泥有限责任公司'));
    expect(k('宏远水泥有限公司（长春）')).toBe(k('宏远水泥厂'));
    expect(k('宏远水泥有限公司(１２)')).toBe(k('宏远水泥有限公司（12）'));
    expect(k('宏远 水泥 股份有限公司')).toBe('宏远水泥');
    // A serial number in brackets stays (it tells units apart).
    expect(k('宏远水泥有限公司（12）')).not.toBe(k('宏远水泥有限公司（13）'));
    // Nothing is stripped to less than two characters.
    expect(k('长春厂', '220100')).toBe('长春');
    const branch = normaliseName('宏远水泥有限公司长春分公司', '220104');
    expect(branch.branch).not.toBeNull();
    expect(decideNames(branch, normaliseName('宏远水泥有限公司', '220104')).decision).toBe('new');
    expect(decideNames(normaliseName('宏远水泥（12）'), normaliseName('宏远水泥（13）')).decision).toBe(
      'new',
    );
  });

  it('matches a chunk against known employers: credit code, exact name, similar name, new', () => {
    const idx = new EmployerIndex([
      { id: 1, name: '朝阳宏远水泥制造有限公司', regionCode: '220104', creditCode: '91220104MA0000001X' },
      { id: 2, name: '朝阳华丰水泥制造有限公司', regionCode: '220104', creditCode: null },
      { id: 3, name: '南关宏远水泥制造有限公司', regionCode: '220102', creditCode: null },
    ]);
    const good = '91220101MA14ABCD2B';
    expect(validCreditCode('91220101MA14ABCD2X')).toBeNull();
    // An invalid code is ignored; the name decides.
    expect(
      idx.match({ name: '长春市朝阳区宏远水泥制造有限责任公司', regionCode: '220104', creditCode: null }),
    ).toMatchObject({
      decision: 'certain',
      method: 'name',
      employerId: 1,
    });
    expect(idx.match({ name: '洪远水泥制造有限公司', regionCode: '220104', creditCode: null })).toMatchObject(
      {
        decision: 'uncertain',
      },
    );
    // Another county: not a candidate.
    expect(
      idx.match({ name: '绿园宏远水泥制造有限公司', regionCode: '220106', creditCode: null }).decision,
    ).toBe('new');
    // A rejected candidate is not proposed again.
    expect(
      idx.match({ name: '宏远水泥制造有限公司', regionCode: '220104', creditCode: null }, new Set([1]))
        .decision,
    ).not.toBe('certain');
    void good;
  });

  it('shows the differences of two names', () => {
    const d = nameDiff('宏远水泥有限公司', '洪远水泥厂');
    expect(d.a[0]).toEqual(['宏', false]);
    expect(d.a[1]).toEqual(['远水泥', true]);
  });
});
