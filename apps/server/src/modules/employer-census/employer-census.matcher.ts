/**
 * The name matcher of 用人单位数据库 (issue 17 item 4): pure, no database. A listed row (name, region,
 * optional credit code) is matched against the known employers of its county:
 *
 *  (a) a valid credit code (GB 32100 check character) equal to a known employer's → `certain`;
 *  (b) the normalised name equal to one known employer's in the same county → `certain`; a high
 *      similarity (character-bigram Dice ≥ UNCERTAIN_DICE, or one name containing the other) →
 *      `uncertain`, for the review queue, with the best candidates;
 *  (c) otherwise `new`.
 *
 * Normalisation (`normaliseName`), decided and documented in docs/ARCHITECTURE.md:
 *  1. NFKC (full-width letters, digits and brackets → half-width), lower case, white space and
 *     punctuation (· , . 、 - _ " ' “ ” & +) removed, 〇 → 0.
 *  2. Bracketed parts `(…)` / `（…）` / `[…]` / `【…】`: a place name (a region of the catalogue, with or
 *     without its suffix 省/市/县/区 …) or a legal form (普通合伙, 有限合伙 …) is dropped — lists add or
 *     omit the registration place freely; a branch marker (分公司, 分厂, 分店, 营业部, 办事处, 车间, 项目部)
 *     is kept and marks the name as a branch; anything else (a serial number) loses only its brackets.
 *  3. Leading region names of the row's own region path (province, city, county, township; full or short
 *     name, repeatedly: 吉林省长春市朝阳区… → …) are dropped, also 中国.
 *  4. Trailing legal-form suffixes are dropped, repeatedly, longest first (股份有限公司, 有限责任公司,
 *     有限公司, 集团, 公司, 总厂, 厂, …), the same in the middle before a branch (…有限公司长春分公司).
 *  5. Common variants: 有限责任 / 有限 are the same form (handled by 4), 〇 / 0, full / half width (1).
 *  Nothing is stripped down to fewer than two characters: the step is then skipped.
 *
 * Guards (both keep two different companies apart even when their names are very close):
 *  - digits: two names whose digit runs differ (…（12） and …（13）, 第1 and 第2) are different units;
 *  - branch: a branch (分公司 …) and a non-branch, or two different branches, are different units (a
 *    branch has its own credit code and declares itself) — never matched.
 *
 * Why bigram Dice: Chinese company names are short (4–12 characters after normalisation) and their
 * variants are insertions (a trade word, a place), deletions (an abbreviation) and single-character
 * typos; the bigram set tolerates word reordering and insertions better than edit distance on strings
 * this short, is symmetric, and its inverted index (bigram → employers of the county) lets a chunk of
 * listed rows be compared with thousands of known employers without an all-pairs loop. Edit distance is
 * reported alongside (the review screen shows it) but does not decide.
 */
import { regionPath, regions } from '@ohp/reference';
import { validateCreditCode } from '@ohp/standards';

/** A bigram Dice at or above this (and no guard) sends the pair to review. Chosen on the labelled set. */
export const UNCERTAIN_DICE = 0.6;
/** Containment (one normalised name inside the other) counts as uncertain only when the shorter has this many characters. */
export const CONTAINMENT_MIN_CHARS = 4;
/** Candidates kept for the review queue. */
export const MAX_CANDIDATES = 3;

const LEGAL_FORMS = [
  '股份有限公司',
  '有限责任公司',
  '集团有限公司',
  '股份合作公司',
  '有限公司',
  '股份公司',
  '普通合伙',
  '有限合伙',
  '集团公司',
  '集团',
  '公司',
  '总厂',
  '分厂',
  '厂',
].sort((a, b) => b.length - a.length);
// 分厂 is a branch marker, not a legal form to drop: it is checked before the suffixes.
const STRIPPABLE_FORMS = LEGAL_FORMS.filter((f) => f !== '分厂');

const BRANCH_MARKERS = /(分公司|分厂|分店|分部|营业部|办事处|分支机构|车间|项目部|分场|分矿)/;

const REGION_SUFFIX =
  /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|地区|街道|省|市|县|区|盟|旗|镇|乡)$/;

/** A region's name and its short form (吉林省 → 吉林; 朝阳区 → 朝阳), the short one only when ≥ 2 characters. */
const namesOfRegion = (name: string): string[] => {
  const short = name.replace(REGION_SUFFIX, '');
  return short.length >= 2 && short !== name ? [name, short] : [name];
};

let placeNames: Set<string> | null = null;
/** Every region name of the catalogue (full and short): what a bracketed place marker may be. */
const isPlaceName = (s: string): boolean => {
  if (!placeNames) {
    placeNames = new Set<string>(['中国']);
    for (const r of regions) for (const n of namesOfRegion(r.name)) placeNames.add(n);
  }
  return placeNames.has(s);
};

const PUNCT = /[\s·•.,，。、;；:：\-—_"'“”‘’&+*#/\\|!！?？~`^%@]/g;

export type NormalisedName = {
  /** The key names are compared by. */
  key: string;
  /** A branch's marker text (分公司 …) when the name is a branch, else null. */
  branch: string | null;
  /** The digit runs of the key, joined (the digits guard). */
  digits: string;
};

/**
 * Normalises a company name for matching within `regionCode`'s county (the region's path supplies the
 * leading place names to drop). Pure and deterministic.
 */
export const normaliseName = (raw: string, regionCode = ''): NormalisedName => {
  let s = raw.normalize('NFKC').toLowerCase().replace(/〇/g, '0');
  s = s.replace(/[【[]/g, '(').replace(/[】\]]/g, ')');
  let branch: string | null = null;
  // Bracketed parts, innermost first.
  for (let guard = 0; guard < 5 && /\([^()]*\)/.test(s); guard++) {
    s = s.replace(/\(([^()]*)\)/g, (_m, inner: string) => {
      const c = inner.replace(PUNCT, '');
      if (!c) return '';
      if (isPlaceName(c) || isPlaceName(c.replace(REGION_SUFFIX, ''))) return '';
      if (STRIPPABLE_FORMS.includes(c)) return '';
      if (BRANCH_MARKERS.test(c)) {
        branch = c;
        return c;
      }
      return c;
    });
  }
  s = s.replace(/[()]/g, '').replace(PUNCT, '');
  // Leading place names of the row's own region path (and 中国), repeatedly.
  const prefixes = ['中国', ...regionPath(regionCode).flatMap((r) => namesOfRegion(r.name))].sort(
    (a, b) => b.length - a.length,
  );
  for (let changed = true; changed;) {
    changed = false;
    for (const p of prefixes)
      if (s.startsWith(p) && s.length - p.length >= 2) {
        s = s.slice(p.length);
        changed = true;
        break;
      }
  }
  // A branch written outside brackets: …有限公司长春分公司.
  const m = BRANCH_MARKERS.exec(s);
  if (m && !branch) branch = s.slice(Math.max(0, m.index - 4), m.index + m[0].length);
  // Legal forms: at the end, and right before the branch part.
  const stripEnd = (t: string): string => {
    for (let changed = true; changed;) {
      changed = false;
      for (const f of STRIPPABLE_FORMS)
        if (t.endsWith(f) && t.length - f.length >= 2) {
          t = t.slice(0, -f.length);
          changed = true;
          break;
        }
    }
    return t;
  };
  if (m) {
    const at = s.indexOf(m[0]);
    const head = s.slice(0, at);
    const tail = s.slice(at);
    // The branch's own place (长春分公司) stays in the tail; only the head's legal form goes.
    let cut = head;
    for (const f of STRIPPABLE_FORMS) {
      const i = cut.lastIndexOf(f);
      if (i >= 2) {
        cut = cut.slice(0, i) + cut.slice(i + f.length);
        break;
      }
    }
    s = cut + tail;
  } else {
    // A serial number after the legal form (…厂（274） → …厂274): the form goes, the number stays.
    const serial = /[0-9]+$/.exec(s);
    s = serial && serial.index >= 2 ? stripEnd(s.slice(0, serial.index)) + serial[0] : stripEnd(s);
  }
  const digits = (s.match(/[0-9]+/g) ?? []).join(',');
  return { key: s, branch, digits };
};

/** Character bigrams of a key (a one-character key is its own unigram). */
export const bigrams = (key: string): string[] => {
  const chars = [...key];
  if (chars.length < 2) return chars;
  const out: string[] = [];
  for (let i = 0; i < chars.length - 1; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
};

/** Sørensen–Dice on bigram multisets, 0…1. */
export const dice = (a: string, b: string): number => {
  const x = bigrams(a);
  const y = bigrams(b);
  if (!x.length && !y.length) return 1;
  const counts = new Map<string, number>();
  for (const g of x) counts.set(g, (counts.get(g) ?? 0) + 1);
  let common = 0;
  for (const g of y) {
    const n = counts.get(g) ?? 0;
    if (n > 0) {
      common++;
      counts.set(g, n - 1);
    }
  }
  return (2 * common) / (x.length + y.length);
};

/** Levenshtein distance in characters (shown to the reviewer). */
export const editDistance = (a: string, b: string): number => {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[y.length]!;
};

/**
 * Whether two normalised names may be one company at all: their digit runs agree (or one has none), and
 * both or neither are branches.
 */
export const compatible = (a: NormalisedName, b: NormalisedName): boolean =>
  (!a.digits || !b.digits || a.digits === b.digits) && (a.branch === null) === (b.branch === null);

export type Similarity = { dice: number; contained: boolean; editDistance: number };

export const similarity = (a: NormalisedName, b: NormalisedName): Similarity => {
  const [short, long] = a.key.length <= b.key.length ? [a.key, b.key] : [b.key, a.key];
  return {
    dice: dice(a.key, b.key),
    contained: [...short].length >= CONTAINMENT_MIN_CHARS && long.includes(short),
    editDistance: editDistance(a.key, b.key),
  };
};

/** The decision for two names of the same county, without credit codes. */
export const decideNames = (
  a: NormalisedName,
  b: NormalisedName,
): { decision: 'certain' | 'uncertain' | 'new'; similarity: Similarity } => {
  const sim = similarity(a, b);
  if (!compatible(a, b)) return { decision: 'new', similarity: sim };
  if (a.key === b.key) return { decision: 'certain', similarity: sim };
  if (sim.dice >= UNCERTAIN_DICE || sim.contained) return { decision: 'uncertain', similarity: sim };
  return { decision: 'new', similarity: sim };
};

/** A valid credit code, upper-cased, or null (absent or failing GB 32100's check character). */
export const validCreditCode = (raw: string | null | undefined): string | null => {
  if (!raw) return null;
  const r = validateCreditCode(raw);
  return r.ok ? r.normalized : null;
};

// ---------------------------------------------------------------------------------------------------
// Matching a set of listed rows against the known employers of their counties
// ---------------------------------------------------------------------------------------------------

export type KnownEmployer = { id: number; name: string; regionCode: string; creditCode: string | null };
export type ListedRow = { name: string; regionCode: string; creditCode: string | null };
export type Candidate = { employerId: number; name: string; score: number; editDistance: number };
export type MatchResult =
  | { decision: 'certain'; method: 'credit_code' | 'name'; employerId: number; score: number }
  | { decision: 'uncertain'; candidates: Candidate[]; score: number }
  | { decision: 'new'; score: number };

const countyOf = (regionCode: string) => regionCode.slice(0, 6);

type Indexed = KnownEmployer & { norm: NormalisedName };

/**
 * Known employers indexed for a chunk: by credit code, by county and normalised key, and by county
 * and bigram (the candidates of a fuzzy match share a bigram with the row).
 */
export class EmployerIndex {
  private byCode = new Map<string, Indexed>();
  private byKey = new Map<string, Indexed[]>();
  private byGram = new Map<string, Indexed[]>();

  constructor(known: KnownEmployer[]) {
    for (const k of known) {
      const e: Indexed = { ...k, norm: normaliseName(k.name, k.regionCode) };
      if (k.creditCode) this.byCode.set(k.creditCode.toUpperCase(), e);
      const county = countyOf(k.regionCode);
      const kk = `${county}|${e.norm.key}`;
      this.byKey.set(kk, [...(this.byKey.get(kk) ?? []), e]);
      for (const g of new Set(bigrams(e.norm.key))) {
        const gk = `${county}|${g}`;
        const list = this.byGram.get(gk);
        if (list) list.push(e);
        else this.byGram.set(gk, [e]);
      }
    }
  }

  match(row: ListedRow, exclude: ReadonlySet<number> = new Set()): MatchResult {
    const code = validCreditCode(row.creditCode);
    if (code) {
      const hit = this.byCode.get(code);
      if (hit && !exclude.has(hit.id))
        return { decision: 'certain', method: 'credit_code', employerId: hit.id, score: 1 };
    }
    const norm = normaliseName(row.name, row.regionCode);
    const county = countyOf(row.regionCode);
    // An employer with another valid credit code than the row's is another company.
    const codeConflict = (e: Indexed) => Boolean(code && e.creditCode && e.creditCode.toUpperCase() !== code);
    const exact = (this.byKey.get(`${county}|${norm.key}`) ?? []).filter(
      (e) => !exclude.has(e.id) && !codeConflict(e) && compatible(norm, e.norm),
    );
    if (exact.length === 1)
      return { decision: 'certain', method: 'name', employerId: exact[0]!.id, score: 1 };
    const seen = new Set<number>();
    const scored: Candidate[] = [];
    for (const g of new Set(bigrams(norm.key)))
      for (const e of this.byGram.get(`${county}|${g}`) ?? []) {
        if (seen.has(e.id) || exclude.has(e.id) || codeConflict(e)) continue;
        seen.add(e.id);
        const d = decideNames(norm, e.norm);
        if (d.decision === 'new') continue;
        scored.push({
          employerId: e.id,
          name: e.name,
          score: Math.round(d.similarity.dice * 1000) / 1000,
          editDistance: d.similarity.editDistance,
        });
      }
    scored.sort((a, b) => b.score - a.score || a.employerId - b.employerId);
    if (scored.length)
      return { decision: 'uncertain', candidates: scored.slice(0, MAX_CANDIDATES), score: scored[0]!.score };
    return { decision: 'new', score: 0 };
  }
}

/**
 * The differing parts of two names for the review screen: each name split into runs that the other
 * name shares (same: true) or not, by the longest common subsequence of characters.
 */
export const nameDiff = (
  a: string,
  b: string,
): { a: Array<[string, boolean]>; b: Array<[string, boolean]> } => {
  const x = [...a];
  const y = [...b];
  const dp = Array.from({ length: x.length + 1 }, () => new Array<number>(y.length + 1).fill(0));
  for (let i = x.length - 1; i >= 0; i--)
    for (let j = y.length - 1; j >= 0; j--)
      dp[i]![j] = x[i] === y[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const inA = new Array<boolean>(x.length).fill(false);
  const inB = new Array<boolean>(y.length).fill(false);
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    if (x[i] === y[j]) {
      inA[i++] = true;
      inB[j++] = true;
    } else if (dp[i + 1]![j]! >= dp[i]![j + 1]!) i++;
    else j++;
  }
  const runs = (cs: string[], same: boolean[]) => {
    const out: Array<[string, boolean]> = [];
    cs.forEach((c, i) => {
      const last = out.at(-1);
      if (last && last[1] === same[i]) last[0] += c;
      else out.push([c, same[i]!]);
    });
    return out;
  };
  return { a: runs(x, inA), b: runs(y, inB) };
};
