/**
 * Password policy (等保 level 3 practice, NIST SP 800-63B §5.1.1.2 blocklist):
 * - at least 8 characters and 3 of the 4 character classes, and not mostly whitespace;
 * - not a common password: zxcvbn's list of ~49,000 leaked passwords (@zxcvbn-ts/language-common) plus
 *   Chinese and domain words, compared case-insensitively, with the digits and symbols around the word
 *   stripped (Welcome2026, Admin@123 → welcome, admin) and leetspeak undone (P@ssw0rd → password);
 * - no keyboard walk, sequence or repetition making up most of it (1qaz@WSX, Abcd1234, Qwer!234);
 * - no context: the username (or a part of it of 4+ letters), the display name or its pinyin
 *   (张三 → zhangsan, 张文书 → wenshu).
 * Reuse of the last N passwords is checked by the service against the stored hashes.
 */
import { dictionary } from '@zxcvbn-ts/language-common';
import { pinyin } from 'pinyin-pro';

export type PasswordProblem =
  | 'password_too_short'
  | 'password_too_simple'
  | 'password_mostly_whitespace'
  | 'password_common'
  | 'password_keyboard_pattern'
  | 'password_contains_username'
  | 'password_contains_name';

export type PasswordContext = { username: string; displayName?: string | null };

/**
 * Words common in Chinese password leaks and in this platform's context that the English-centred
 * zxcvbn list lacks (pinyin phrases, placeholder names, places, the platform's own terms).
 */
const EXTRA_COMMON = [
  'woaini',
  'woaini1314',
  'aini1314',
  '5201314',
  '1314520',
  'zhangsan',
  'lisi',
  'wangwu',
  'zhaoliu',
  'zhongguo',
  'china',
  'beijing',
  'shanghai',
  'jilin',
  'jilinsheng',
  'changchun',
  'admin',
  'administrator',
  'root',
  'guanliyuan',
  'mima',
  'mimamima',
  'zhiye',
  'zhiyebing',
  'jiankang',
  'zhiyejiankang',
  'zyjk',
  'zybfz',
  'weijian',
  'weijianwei',
  'weisheng',
  'jibing',
  'yufang',
  'jkjc',
  'cdc',
  'ohp',
  'demo',
  'test',
  'welcome',
  'huanying',
  'qwer',
  'asdf',
  'zxcv',
  'iloveu',
  'weixin',
  'wechat',
  'baidu',
  'taobao',
  'huawei',
  'xiaomi',
];

let blocklist: Set<string> | null = null;
const commonPasswords = (): Set<string> => {
  blocklist ??= new Set([...dictionary['passwords-common'], ...EXTRA_COMMON].map((w) => w.toLowerCase()));
  return blocklist;
};

export const characterClasses = (pw: string): number =>
  [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((re) => re.test(pw)).length;

/** Leetspeak undone; characters with two readings give two variants. */
const LEET_COMMON: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '8': 'b',
  '(': 'c',
  '3': 'e',
  '6': 'g',
  '9': 'g',
  '0': 'o',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
  '2': 'z',
};
const deleet = (s: string, one: 'i' | 'l'): string =>
  [...s].map((c) => LEET_COMMON[c] ?? (c === '1' || c === '!' || c === '|' ? one : c)).join('');

/** The password and its stripped / de-leeted readings, all lower case. */
export const passwordReadings = (pw: string): Set<string> => {
  const lower = pw.toLowerCase().normalize('NFKC');
  const stripped = [
    lower,
    lower.replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, ''),
    lower.replace(/^[^a-z]+|[^a-z]+$/g, ''),
  ];
  const out = new Set<string>();
  for (const s of stripped) {
    out.add(s);
    for (const one of ['i', 'l'] as const) {
      const d = deleet(s, one);
      out.add(d);
      out.add(d.replace(/^[^a-z]+|[^a-z]+$/g, ''));
    }
  }
  out.delete('');
  return out;
};

// Physical key positions (US layout, the one Chinese keyboards use): x in key widths, row staggered.
const ROWS: Array<[string, number]> = [
  ['`1234567890-=', 0],
  ['qwertyuiop[]\\', 1.5],
  ["asdfghjkl;'", 1.75],
  ['zxcvbnm,./', 2.25],
];
const KEY_POS = new Map<string, [number, number]>();
ROWS.forEach(([keys, offset], row) => [...keys].forEach((k, i) => KEY_POS.set(k, [row, offset + i])));
const SHIFTED: Record<string, string> = {
  '~': '`',
  '!': '1',
  '@': '2',
  '#': '3',
  $: '4',
  '%': '5',
  '^': '6',
  '&': '7',
  '*': '8',
  '(': '9',
  ')': '0',
  _: '-',
  '+': '=',
  '{': '[',
  '}': ']',
  '|': '\\',
  ':': ';',
  '"': "'",
  '<': ',',
  '>': '.',
  '?': '/',
};
const baseKey = (c: string): string => SHIFTED[c] ?? c.toLowerCase();

/** Neighbouring keys (same row or the staggered row above/below), the same key, or ±1 in sequence. */
const adjacent = (a: string, b: string): boolean => {
  const ka = baseKey(a);
  const kb = baseKey(b);
  if (ka === kb) return true;
  if (/^[a-z0-9]$/.test(ka) && /^[a-z0-9]$/.test(kb) && Math.abs(ka.charCodeAt(0) - kb.charCodeAt(0)) === 1)
    return true;
  const pa = KEY_POS.get(ka);
  const pb = KEY_POS.get(kb);
  if (!pa || !pb) return false;
  const dy = Math.abs(pa[0] - pb[0]);
  const dx = Math.abs(pa[1] - pb[1]);
  return (dy === 0 && dx === 1) || (dy === 1 && dx <= 0.75);
};

/** Share of the characters that sit in runs of 4+ neighbouring keys, sequences or repeats. */
export const patternCoverage = (pw: string): number => {
  const chars = [...pw];
  if (chars.length === 0) return 0;
  let covered = 0;
  let start = 0;
  for (let i = 1; i <= chars.length; i++) {
    if (i < chars.length && adjacent(chars[i - 1]!, chars[i]!)) continue;
    if (i - start >= 4) covered += i - start;
    start = i;
  }
  return covered / chars.length;
};

const syllables = (name: string): string[] =>
  pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true, nonZh: 'consecutive' })
    .flatMap((s) => s.toLowerCase().split(/[^a-z]+/))
    .filter(Boolean);

/** The display name, its pinyin (full, given name, reversed) and the username with its parts. */
const contextWords = (ctx: PasswordContext): { username: string[]; name: string[] } => {
  const username = ctx.username.toLowerCase();
  const usernameWords = [username, ...username.split(/[^a-z]+/).filter((p) => p.length >= 4)].filter(
    (w) => w.length >= 3,
  );
  const display = (ctx.displayName ?? '').replace(/\s+/g, '').toLowerCase();
  const pinyinWords: string[] = [];
  const syl = display ? syllables(display) : [];
  if (syl.length) {
    pinyinWords.push(syl.join(''), [...syl.slice(1), syl[0]!].join(''));
    if (syl.length >= 2) pinyinWords.push(syl.slice(1).join(''));
    if (syl.length >= 3) pinyinWords.push(syl.slice(2).join(''));
  }
  const name = [
    // The name as written (两个汉字 are enough), and pinyin readings of 4+ letters.
    ...(/\p{Script=Han}/u.test(display) && [...display].length >= 2 ? [display] : []),
    ...pinyinWords.filter((w) => w.length >= 4),
  ];
  return { username: usernameWords, name: [...new Set(name)] };
};

export const checkPasswordPolicy = (pw: string, ctx: PasswordContext | string): PasswordProblem[] => {
  const context = typeof ctx === 'string' ? { username: ctx } : ctx;
  const problems: PasswordProblem[] = [];
  const chars = [...pw];
  const spaces = chars.filter((c) => /\s/u.test(c)).length;
  if (chars.length < 8) problems.push('password_too_short');
  else if (chars.length - spaces < 8 || spaces * 3 > chars.length)
    problems.push('password_mostly_whitespace');
  if (characterClasses(pw) < 3) problems.push('password_too_simple');
  const readings = passwordReadings(pw.replace(/\s/gu, ''));
  const common = commonPasswords();
  if ([...readings].some((r) => common.has(r))) problems.push('password_common');
  if (patternCoverage(pw.replace(/\s/gu, '')) >= 0.6) problems.push('password_keyboard_pattern');
  const words = contextWords(context);
  const rawLower = pw.toLowerCase();
  const contains = (w: string) => rawLower.includes(w) || [...readings].some((r) => r.includes(w));
  if (words.username.some(contains)) problems.push('password_contains_username');
  if (words.name.some(contains)) problems.push('password_contains_name');
  return problems;
};

/** A random password that satisfies the policy, for accounts created or reset by an administrator. */
export const generateInitialPassword = (random: (n: number) => Buffer): string => {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '!@#$%&*?'];
  let pw = '';
  // Random output almost never trips the pattern or list rules; draw again in the rare case it does.
  for (let attempt = 0; attempt < 10; attempt++) {
    const bytes = random(16);
    // The offsets keep each draw uniform and make every attempt differ even for the same bytes.
    const chars = Array.from(bytes.subarray(0, 12), (b, i) => {
      const set = sets[i % 4]!;
      return set[(b + i * 7 + attempt * 5) % set.length]!;
    });
    // Shuffle deterministically from the remaining bytes so the class pattern is not fixed.
    for (let i = chars.length - 1; i > 0; i--) {
      const j = (bytes[12 + (i % 4)]! + attempt) % (i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    pw = chars.join('');
    if (patternCoverage(pw) < 0.6 && ![...passwordReadings(pw)].some((r) => commonPasswords().has(r)))
      return pw;
  }
  return pw;
};
