/**
 * The CJK font of printed documents. Without one every Chinese glyph prints as a box, so the font is
 * named by `@font-face` and Chromium embeds (a subset of) it in every PDF: the PDF then shows Chinese on
 * any reader, whatever fonts the reader has. The file is found once on the system: OHP_CJK_FONT (config; a
 * file), else `fc-list :lang=zh` preferring a serif SC face (official documents are set in 宋体 style),
 * else the usual Debian paths of fonts-noto-cjk and fonts-wqy-microhei.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

/** A font file and the names Chromium finds the same face by on this system (local()). */
export type CjkFont = { file: string; family: string; names: string[] };
export type CjkFonts = { regular: CjkFont | null; bold: CjkFont | null };

/** Where the PDF renderer serves the font files from (intercepted; never reaches a network). */
export const FONT_ORIGIN = 'https://ohp-fonts.invalid';

export const FONT_FAMILY = [
  "'OHP CJK'",
  "'Noto Serif CJK SC'",
  "'Source Han Serif SC'",
  "'Noto Sans CJK SC'",
  "'Source Han Sans SC'",
  "'SimSun'",
  "'Songti SC'",
  "'WenQuanYi Micro Hei'",
  "'Microsoft YaHei'",
  'serif',
].join(', ');

const NOTO = '/usr/share/fonts/opentype/noto';
const KNOWN: Candidate[] = [
  {
    file: `${NOTO}/NotoSerifCJK-Regular.ttc`,
    family: 'Noto Serif CJK SC',
    names: ['Noto Serif CJK SC', 'NotoSerifCJKsc-Regular'],
    bold: false,
  },
  {
    file: `${NOTO}/NotoSerifCJK-Bold.ttc`,
    family: 'Noto Serif CJK SC',
    names: ['Noto Serif CJK SC Bold', 'NotoSerifCJKsc-Bold'],
    bold: true,
  },
  {
    file: `${NOTO}/NotoSansCJK-Regular.ttc`,
    family: 'Noto Sans CJK SC',
    names: ['Noto Sans CJK SC', 'NotoSansCJKsc-Regular'],
    bold: false,
  },
  {
    file: `${NOTO}/NotoSansCJK-Bold.ttc`,
    family: 'Noto Sans CJK SC',
    names: ['Noto Sans CJK SC Bold', 'NotoSansCJKsc-Bold'],
    bold: true,
  },
  {
    file: '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc',
    family: 'WenQuanYi Micro Hei',
    names: ['WenQuanYi Micro Hei'],
    bold: false,
  },
  {
    file: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    family: 'WenQuanYi Zen Hei',
    names: ['WenQuanYi Zen Hei'],
    bold: false,
  },
];

const rank = (family: string): number => {
  const order = [
    /Serif CJK SC/,
    /Sans CJK SC/,
    /Han Serif SC|Han Serif CN/,
    /Han Sans SC|Han Sans CN/,
    /WenQuanYi/,
    /CJK/,
  ];
  const i = order.findIndex((re) => re.test(family));
  return i < 0 ? order.length : i;
};

type Candidate = { file: string; family: string; names: string[]; bold: boolean };

const fromFontconfig = (): Candidate[] => {
  try {
    const out = execFileSync(
      'fc-list',
      ['-f', '%{file}|%{family}|%{fullname}|%{postscriptname}|%{style}\\n', ':lang=zh'],
      { encoding: 'utf8', timeout: 5_000, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    return out
      .split('\n')
      .map((line): Candidate | null => {
        const [file, family, fullname, postscript, style] = line.split('|');
        if (!file || !family || !/\.(ttc|otf|ttf)$/i.test(file)) return null;
        const fam = family.split(',').find((f) => /SC|CN/.test(f)) ?? family.split(',')[0]!;
        return {
          file,
          family: fam.trim(),
          names: [fullname?.split(',')[0], postscript].filter((n): n is string => !!n?.trim()),
          bold: /bold/i.test(style ?? ''),
        };
      })
      .filter((f): f is Candidate => f !== null);
  } catch {
    return [];
  }
};

let found: CjkFonts | null = null;
let override: string | null = null;

/** The configured font file (OHP_CJK_FONT, config.documents.cjkFont), or null to find one. */
export const useCjkFont = (file: string | null): void => {
  if (file === override) return;
  override = file;
  found = null;
};

export const findCjkFonts = (): CjkFonts => {
  if (found) return found;
  if (override && existsSync(override)) {
    found = { regular: { file: override, family: 'OHP CJK', names: [] }, bold: null };
    return found;
  }
  const all = [...fromFontconfig(), ...KNOWN.filter((k) => existsSync(k.file))];
  const best = (bold: boolean) =>
    all.filter((f) => f.bold === bold).sort((a, b) => rank(a.family) - rank(b.family))[0] ?? null;
  const regular = best(false);
  const bold = best(true);
  found = {
    regular: regular && { file: regular.file, family: regular.family, names: regular.names },
    // A bold face of the same family only; otherwise Chromium synthesises bold from the regular face.
    bold:
      bold && regular && bold.family === regular.family
        ? { file: bold.file, family: bold.family, names: bold.names }
        : null,
  };
  return found;
};

/** The bytes of a font file, read once (served to the PDF renderer's page). */
const cache = new Map<string, Buffer>();
export const fontBytes = (which: 'regular' | 'bold'): Buffer | null => {
  const f = findCjkFonts()[which];
  if (!f) return null;
  let b = cache.get(f.file);
  if (!b) {
    b = readFileSync(f.file);
    cache.set(f.file, b);
  }
  return b;
};

const cssString = (s: string) => `'${s.replace(/['\\]/g, '')}'`;

/**
 * `@font-face` rules for 'OHP CJK': the system font by name first (the browser printing the HTML and
 * Chromium on the server both find it), then, for the PDF renderer, the file itself (served at
 * FONT_ORIGIN by documents.pdf.ts), so the font found here is the one embedded.
 */
export const fontFaceCss = (opts: { files?: boolean } = {}): string => {
  const fonts = findCjkFonts();
  const face = (f: CjkFont | null, weight: number, which: 'regular' | 'bold') => {
    const local = (f?.names ?? []).map((n) => `local(${cssString(n)})`);
    const srcs = [...local, ...(f && opts.files ? [`url('${FONT_ORIGIN}/${which}')`] : [])];
    return srcs.length
      ? `@font-face { font-family: 'OHP CJK'; font-weight: ${weight}; font-style: normal; src: ${srcs.join(', ')}; }\n`
      : '';
  };
  return (
    face(fonts.regular, 400, 'regular') +
    face(fonts.bold ?? fonts.regular, 700, fonts.bold ? 'bold' : 'regular')
  );
};
