/**
 * A small User-Agent reader: the browser and operating system a person would name ("Chrome 126",
 * "Windows 10/11"), for the online-users page, the login log and their exports. It knows the browsers
 * and systems met in Chinese offices (WeChat, WeCom, DingTalk, 360, QQ, Sogou, UOS, Kylin, HarmonyOS)
 * besides the usual ones; anything else gives null and the raw string is shown instead.
 */
export type UserAgentInfo = {
  browser: string | null;
  browserVersion: string | null;
  os: string | null;
  osVersion: string | null;
};

type Lang = string;
type Named = { zh: string; en: string } | string;
type Rule = { re: RegExp; name: Named };

const nameIn = (n: Named, lang: Lang): string => (typeof n === 'string' ? n : lang === 'en' ? n.en : n.zh);

// Order matters: apps embedding Chromium, then Chromium forks, then Chrome, Firefox, Safari.
const BROWSERS: Rule[] = [
  { re: /wxwork\/([\d.]+)/i, name: { zh: '企业微信', en: 'WeCom' } },
  { re: /MicroMessenger\/([\d.]+)/i, name: { zh: '微信', en: 'WeChat' } },
  { re: /DingTalk\/([\d.]+)/i, name: { zh: '钉钉', en: 'DingTalk' } },
  { re: /(?:MQQBrowser|QQBrowser)\/([\d.]+)/i, name: { zh: 'QQ 浏览器', en: 'QQ Browser' } },
  {
    re: /(?:QihooBrowser|QHBrowser|360SE|360EE)(?:\/([\d.]+))?/i,
    name: { zh: '360 浏览器', en: '360 Browser' },
  },
  { re: /UCBrowser\/([\d.]+)/i, name: { zh: 'UC 浏览器', en: 'UC Browser' } },
  {
    re: /(?:SogouMobileBrowser\/([\d.]+)|MetaSr(?: ([\d.]+))?)/i,
    name: { zh: '搜狗浏览器', en: 'Sogou Browser' },
  },
  { re: /HuaweiBrowser\/([\d.]+)/i, name: { zh: '华为浏览器', en: 'Huawei Browser' } },
  { re: /MiuiBrowser\/([\d.]+)/i, name: { zh: '小米浏览器', en: 'Xiaomi Browser' } },
  { re: /SamsungBrowser\/([\d.]+)/i, name: 'Samsung Internet' },
  { re: /YaBrowser\/([\d.]+)/i, name: 'Yandex' },
  { re: /(?:Edg|Edge|EdgA|EdgiOS)\/([\d.]+)/, name: 'Edge' },
  { re: /(?:OPR|Opera)\/([\d.]+)/, name: 'Opera' },
  { re: /HeadlessChrome\/([\d.]+)/, name: 'Headless Chrome' },
  { re: /(?:CriOS)\/([\d.]+)/, name: 'Chrome' },
  { re: /(?:FxiOS)\/([\d.]+)/, name: 'Firefox' },
  { re: /Chrome\/([\d.]+)/, name: 'Chrome' },
  { re: /Chromium\/([\d.]+)/, name: 'Chromium' },
  { re: /Firefox\/([\d.]+)/, name: 'Firefox' },
  { re: /MSIE ([\d.]+)/, name: 'Internet Explorer' },
  { re: /Trident\/.*rv:([\d.]+)/, name: 'Internet Explorer' },
  { re: /Version\/([\d.]+).*Safari\//, name: 'Safari' },
  { re: /AppleWebKit.*Mobile\//, name: 'Safari' },
  { re: /^curl\/([\d.]+)/, name: 'curl' },
];

const WINDOWS_NT: Record<string, string> = {
  '10.0': '10/11',
  '6.3': '8.1',
  '6.2': '8',
  '6.1': '7',
  '6.0': 'Vista',
  '5.2': 'XP',
  '5.1': 'XP',
};

const osOf = (ua: string, lang: Lang): { os: string | null; osVersion: string | null } => {
  let m: RegExpExecArray | null;
  if ((m = /(?:OpenHarmony|HarmonyOS)[ /]?([\d.]+)?/i.exec(ua)))
    return { os: 'HarmonyOS', osVersion: m[1] ?? null };
  if (/\bUOS\b|UnionTech/i.test(ua)) return { os: lang === 'en' ? 'UOS' : '统信 UOS', osVersion: null };
  if (/Kylin/i.test(ua)) return { os: lang === 'en' ? 'Kylin' : '麒麟', osVersion: null };
  if ((m = /Windows NT ([\d.]+)/.exec(ua))) return { os: 'Windows', osVersion: WINDOWS_NT[m[1]!] ?? m[1]! };
  if (/Windows/.test(ua)) return { os: 'Windows', osVersion: null };
  if ((m = /\((?:iPhone|iPod)[^)]*? OS ([\d_]+)/.exec(ua)))
    return { os: 'iOS', osVersion: m[1]!.replace(/_/g, '.') };
  if ((m = /\(iPad[^)]*? OS ([\d_]+)/.exec(ua))) return { os: 'iPadOS', osVersion: m[1]!.replace(/_/g, '.') };
  if ((m = /Android ([\d.]+)/.exec(ua))) return { os: 'Android', osVersion: m[1]! };
  if (/Android/.test(ua)) return { os: 'Android', osVersion: null };
  if (/CrOS/.test(ua)) return { os: 'ChromeOS', osVersion: null };
  // Browsers on macOS 11 and later still report 10_15_7; only older versions are told apart.
  if ((m = /Mac OS X ([\d_.]+)/.exec(ua))) {
    const v = m[1]!.replace(/_/g, '.');
    return { os: 'macOS', osVersion: v.startsWith('10.15') ? null : v };
  }
  if (/Macintosh/.test(ua)) return { os: 'macOS', osVersion: null };
  if (/Ubuntu/.test(ua)) return { os: 'Ubuntu', osVersion: null };
  if (/Linux|X11/.test(ua)) return { os: 'Linux', osVersion: null };
  return { os: null, osVersion: null };
};

/** Reads a User-Agent string; product names of Chinese apps are given in the language. */
export const parseUserAgent = (ua: string | null | undefined, lang: Lang = 'zh-CN'): UserAgentInfo => {
  if (!ua) return { browser: null, browserVersion: null, os: null, osVersion: null };
  let browser: string | null = null;
  let browserVersion: string | null = null;
  for (const rule of BROWSERS) {
    const m = rule.re.exec(ua);
    if (!m) continue;
    browser = nameIn(rule.name, lang);
    browserVersion = m.slice(1).find((x) => x !== undefined) ?? null;
    break;
  }
  return { browser, browserVersion, ...osOf(ua, lang) };
};

const major = (v: string | null): string | null => (v ? (v.split('.')[0] ?? v) : null);

/**
 * "Chrome 126" and "Windows 10/11" (browser major version, OS version as read); null when unknown.
 * Both null means the string names no browser or system this reader knows: show it raw.
 */
export const describeUserAgent = (
  ua: string | null | undefined,
  lang: Lang = 'zh-CN',
): { browser: string | null; os: string | null } => {
  const p = parseUserAgent(ua, lang);
  const v = major(p.browserVersion);
  return {
    browser: p.browser ? (v ? `${p.browser} ${v}` : p.browser) : null,
    os: p.os ? (p.osVersion ? `${p.os} ${p.osVersion}` : p.os) : null,
  };
};
