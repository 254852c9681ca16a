/**
 * The pinyin sort key of an organisation name (migration 0006). PGlite has no ICU and libc collations
 * differ between servers, so names are sorted by a key the application computes and the database
 * compares byte by byte (COLLATE "C"): the same order everywhere.
 *
 * The key: the name in full pinyin (pinyin-pro, word-aware, so 长春 reads chang chun and 重庆 chong
 * qing), lower case, without tones, ü as v; Latin letters and digits kept, other punctuation dropped;
 * digit runs padded to 10 places so （2） sorts before （12）; syllables separated by one space; then two
 * spaces and the original name, which breaks ties between names that read alike. Two spaces sort below
 * a space followed by any syllable, so a name sorts before every longer name it begins (长春 before
 * 长春市), and 西安 (xi an) before 先 (xian), as in a dictionary.
 */
import { pinyin } from 'pinyin-pro';

/**
 * Bump when the rule above changes, or when a pinyin-pro upgrade reads names differently: at the next
 * start the server recomputes every stored key (backfillOrganisationSortKeys).
 */
export const SORT_KEY_VERSION = 1;

export const organisationSortKey = (name: string): string => {
  const words = pinyin(name.normalize('NFKC').toLowerCase(), {
    toneType: 'none',
    type: 'array',
    v: true,
    nonZh: 'consecutive',
  })
    .flatMap((token) => token.split(/[^\p{L}\p{N}]+/u))
    .filter(Boolean)
    .map((word) => word.replace(/\d+/g, (digits) => digits.padStart(10, '0')));
  return `${words.join(' ')}  ${name}`;
};
