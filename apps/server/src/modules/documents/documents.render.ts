/**
 * The printable page of a document: one HTML template per kind (today all kinds share the official
 * layout — issuer, title, number, the fields as a table, issue date, and the verification block with
 * the code, the verify URL and its QR code). The same HTML is served for printing in the browser and
 * rendered to PDF by documents.pdf.ts; the CJK font is named by `@font-face` (documents.fonts.ts) so
 * that the PDF embeds it and shows Chinese on any reader.
 */
import QRCode from 'qrcode';
import type { DocumentRow } from './documents.repository.js';
import { fieldsOf, formatCode, verifyPathOf, type DocumentField } from './documents.service.js';
import { fontFaceCss, FONT_FAMILY } from './documents.fonts.js';

export type RenderLang = 'zh-CN' | 'en';

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** A date as printed on Chinese official documents (in China's time zone): 2026年12月5日. */
export const chineseDate = (d: Date): string => {
  const c = new Date(d.getTime() + 8 * 3_600_000);
  return `${c.getUTCFullYear()}年${c.getUTCMonth() + 1}月${c.getUTCDate()}日`;
};
const englishDate = (d: Date): string => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

const T = {
  'zh-CN': {
    number: '编号',
    organisation: '单位名称',
    issuer: '出具单位',
    issuedOn: '出具日期',
    seal: '（盖章）',
    code: '验证码',
    verifyAt: '核验网址',
    verifyHint: '扫描二维码或打开核验网址，可核对本文书的真实性及内容；无需登录。',
    revoked: '已作废',
    revokedOn: '作废日期',
    revokeReason: '作废原因',
    printHint: '按 Ctrl+P（或浏览器菜单“打印”）打印本文书，或另存为 PDF。',
  },
  en: {
    number: 'No.',
    organisation: 'Organisation',
    issuer: 'Issued by',
    issuedOn: 'Issued on',
    seal: '(seal)',
    code: 'Verification code',
    verifyAt: 'Verify at',
    verifyHint:
      'Scan the QR code or open the address to check that this document is genuine and what it says; no login needed.',
    revoked: 'REVOKED',
    revokedOn: 'Revoked on',
    revokeReason: 'Reason',
    printHint: 'Press Ctrl+P (or the browser menu “Print”) to print this document or save it as PDF.',
  },
} as const;

export type RenderOptions = {
  lang: RenderLang;
  /** Scheme and host the verify URL is printed with, e.g. https://zyjk.example.gov.cn */
  origin: string;
  /** Show the “press Ctrl+P” banner (the browser route; never in the PDF). */
  printHint: boolean;
  /** For the PDF renderer: the font faces also name the font files it serves (documents.pdf.ts). */
  forPdf?: boolean;
};

/** The kinds with a template of their own; any other kind uses the official layout. */
const templates: Record<
  string,
  (d: DocumentRow, o: RenderOptions, verify: { url: string; qr: string }) => string
> = {};

const fieldRows = (fields: DocumentField[], lang: RenderLang): string =>
  fields
    .map(
      (f) =>
        `<tr><th>${esc(lang === 'en' ? f.label.en : f.label.zh)}</th><td>${esc(f.value).replace(/\n/g, '<br>')}</td></tr>`,
    )
    .join('');

const officialLayout = (d: DocumentRow, o: RenderOptions, verify: { url: string; qr: string }): string => {
  const t = T[o.lang];
  const issued = o.lang === 'en' ? englishDate(d.issued_at) : chineseDate(d.issued_at);
  const title = o.lang === 'en' ? d.title_en : d.title_zh;
  const revoked = d.revoked_at
    ? `<div class="void" aria-hidden="true">${t.revoked}</div>
       <p class="void-note">${t.revoked}：${t.revokedOn} ${esc(o.lang === 'en' ? englishDate(d.revoked_at) : chineseDate(d.revoked_at))}；${t.revokeReason}：${esc(d.revoke_reason ?? '')}</p>`
    : '';
  return `
  <main class="sheet">
    ${revoked}
    <p class="issuer-head">${esc(d.issuer_name)}</p>
    <h1>${esc(title)}</h1>
    ${d.number ? `<p class="number">${t.number}：<span>${esc(d.number)}</span></p>` : ''}
    <table class="fields">
      <tbody>
        <tr><th>${t.organisation}</th><td>${esc(d.organisation_name)}</td></tr>
        ${fieldRows(fieldsOf(d), o.lang)}
      </tbody>
    </table>
    <div class="sign">
      <p>${t.issuer}：${esc(d.issuer_name)} <span class="seal">${t.seal}</span></p>
      <p>${t.issuedOn}：${issued}</p>
    </div>
    <section class="verify">
      <div class="qr">${verify.qr}</div>
      <div class="verify-text">
        <p><b>${t.code}：</b><span class="code">${esc(formatCode(d.verification_code))}</span></p>
        <p><b>${t.verifyAt}：</b><span class="url">${esc(verify.url)}</span></p>
        <p class="hint">${t.verifyHint}</p>
      </div>
    </section>
  </main>`;
};

const CSS = `
  @page { size: A4; margin: 18mm 18mm 16mm 18mm; }
  * { box-sizing: border-box; }
  html, body { margin: 0; padding: 0; background: #fff; color: #111; }
  body { font-family: ${FONT_FAMILY}; font-size: 12pt; line-height: 1.5; }
  .print-hint { font-family: sans-serif; background: #fffbe6; border: 1px solid #ffe58f; padding: 8px 12px; margin: 12px auto; max-width: 180mm; font-size: 10pt; }
  @media print { .print-hint { display: none; } }
  .sheet { position: relative; max-width: 174mm; margin: 0 auto; padding: 4mm 0; }
  .issuer-head { text-align: center; color: #b40000; font-size: 16pt; font-weight: 700; letter-spacing: 0.2em; margin: 0 0 2mm; padding-bottom: 3mm; border-bottom: 2px solid #b40000; }
  h1 { text-align: center; font-size: 20pt; font-weight: 700; margin: 6mm 0 3mm; letter-spacing: 0.08em; }
  .number { text-align: right; margin: 0 0 4mm; }
  table.fields { width: 100%; border-collapse: collapse; margin: 2mm 0 5mm; font-size: 11pt; }
  table.fields th, table.fields td { border: 1px solid #333; padding: 1.5mm 3mm; vertical-align: top; text-align: left; }
  table.fields th { width: 32%; font-weight: 700; background: #f4f4f4; white-space: nowrap; }
  table.fields tr { break-inside: avoid; }
  .sign { text-align: right; margin: 6mm 0 5mm; }
  .sign p { margin: 1mm 0; }
  .seal { color: #777; margin-left: 4mm; }
  .verify { display: flex; gap: 5mm; align-items: center; border-top: 1px dashed #888; padding-top: 4mm; break-inside: avoid; font-size: 10pt; }
  .qr svg { width: 30mm; height: 30mm; display: block; }
  .verify-text p { margin: 0.8mm 0; }
  .code { font-family: 'DejaVu Sans Mono', monospace; font-size: 13pt; letter-spacing: 0.06em; }
  .url { word-break: break-all; }
  .hint { color: #555; }
  .void { position: absolute; top: 70mm; left: 0; right: 0; text-align: center; font-size: 72pt; font-weight: 700; color: rgba(200, 0, 0, 0.18); transform: rotate(-20deg); pointer-events: none; }
  .void-note { color: #b40000; font-weight: 700; text-align: center; }
`;

/** The QR code of the verify URL as inline SVG (no script, no external image: fits the CSP). */
export const qrSvg = async (url: string): Promise<string> =>
  QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });

export const verifyUrlOf = (origin: string, code: string): string =>
  `${origin.replace(/\/+$/, '')}${verifyPathOf(code)}`;

/** The whole printable page of a document. */
export const renderDocumentHtml = async (d: DocumentRow, o: RenderOptions): Promise<string> => {
  const url = verifyUrlOf(o.origin, d.verification_code);
  const verify = { url, qr: await qrSvg(url) };
  const body = (templates[d.kind] ?? officialLayout)(d, o, verify);
  const title = o.lang === 'en' ? d.title_en : d.title_zh;
  return `<!doctype html>
<html lang="${o.lang === 'en' ? 'en' : 'zh-CN'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}${d.number ? ` ${esc(d.number)}` : ''}</title>
<style>${fontFaceCss({ files: o.forPdf === true })}${CSS}</style>
</head>
<body>
${o.printHint ? `<p class="print-hint">${T[o.lang].printHint}</p>` : ''}
${body}
</body>
</html>`;
};
