/**
 * The rules of a filing's content, pure: codes and categories checked against the national hazard table
 * (cdc2021-hazard-factors, packages/reference), what a complete filing holds before it can be submitted
 * (the conditions of 《职业健康检查管理办法》第五条 as far as the sources give them), the difference of a
 * change against the filed version, attachment types by content, and the filing number.
 */
import {
  filingCategories,
  filingCategoryCodePrefixes,
  filingCategoryLabels,
  type FilingContent,
  type FilingDiffEntry,
} from '@ohp/contracts';
import { findExchangeCode, regionPath, type ExchangeHazardFactor } from '@ohp/reference';

export type Issue = { path: string; reason: string };

const hazard = (code: string) => findExchangeCode('hazard-factors', code) as ExchangeHazardFactor | undefined;

export const hazardName = (code: string): string => hazard(code)?.name ?? code;

/**
 * Hazard codes as a public list prints them: one line per filing category (接触粉尘类：矽尘、煤尘…), in the
 * categories' order, each factor by its national name (the code when the table does not know it).
 */
export const hazardItemsByCategory = (codes: readonly string[]): string[] =>
  filingCategories.flatMap((c) => {
    const inCat = [...new Set(codes)]
      .filter((code) => filingCategoryCodePrefixes[c].some((p) => code.startsWith(p)))
      .sort();
    return inCat.length ? [`${filingCategoryLabels[c].zh}：${inCat.map(hazardName).join('、')}`] : [];
  });

/** 省 市 县 names of a region code, space-separated (the code itself when unknown; 市辖区 left out). */
export const regionFullName = (code: string): string => {
  const names = regionPath(code)
    .map((r) => r.name)
    .filter((n) => n !== '市辖区' && n !== '县');
  return names.length ? names.join(' ') : code;
};

/** What is wrong with the codes of a (possibly partial) content: checked at every save. */
export const contentIssues = (c: FilingContent): Issue[] => {
  const issues: Issue[] = [];
  const seenCategories = new Set<string>();
  const seenCodes = new Set<string>();
  (c.categories ?? []).forEach((cat, i) => {
    if (seenCategories.has(cat.category))
      issues.push({ path: `categories.${i}.category`, reason: 'filing_category_duplicate' });
    seenCategories.add(cat.category);
    const prefixes = filingCategoryCodePrefixes[cat.category];
    cat.hazardCodes.forEach((code, j) => {
      const path = `categories.${i}.hazardCodes.${j}`;
      const row = hazard(code);
      if (!row || row.level !== 'factor') issues.push({ path, reason: 'filing_hazard_unknown' });
      else if (!prefixes.includes(row.parentCode ?? ''))
        issues.push({ path, reason: 'filing_hazard_wrong_category' });
      else if (seenCodes.has(code)) issues.push({ path, reason: 'filing_hazard_duplicate' });
      seenCodes.add(code);
    });
  });
  return issues;
};

/** The attachments a filing must carry by kind (the 执业许可证; 放射诊疗许可证 for radiation items). */
export const requiredAttachments = (
  kind: 'exam' | 'diagnosis' | 'service',
  c: FilingContent,
): Array<'practice_licence' | 'radiation_licence'> => {
  const req: Array<'practice_licence' | 'radiation_licence'> = ['practice_licence'];
  if (
    kind !== 'service' &&
    (c.categories ?? []).some((x) => x.category === 'radiation' && x.hazardCodes.length)
  )
    req.push('radiation_licence');
  return req;
};

/** Minimum total area of an exam institution's premises, m² (第五条 (二); V3 in ../shared/NATIONAL-DATA-SETS.md §4.1). */
export const EXAM_MIN_AREA_M2 = 400;

/** What a complete filing still lacks (empty: it may be submitted). */
export const missingForSubmit = (
  kind: 'exam' | 'diagnosis' | 'service',
  c: FilingContent,
  attachmentKinds: ReadonlySet<string>,
): Issue[] => {
  const m: Issue[] = [...contentIssues(c)];
  const inst = c.institution;
  if (!inst?.name?.trim()) m.push({ path: 'institution.name', reason: 'value_required' });
  if (!inst?.creditCode?.trim()) m.push({ path: 'institution.creditCode', reason: 'value_required' });
  if (!inst?.legalRepresentative?.trim())
    m.push({ path: 'institution.legalRepresentative', reason: 'value_required' });
  if (!inst?.address?.trim()) m.push({ path: 'institution.address', reason: 'value_required' });
  if (!inst?.contactPhone?.trim()) m.push({ path: 'institution.contactPhone', reason: 'value_required' });
  if (!inst?.practiceLicenceNo?.trim())
    m.push({ path: 'institution.practiceLicenceNo', reason: 'value_required' });
  const people = c.personnel ?? [];
  if (!people.length) m.push({ path: 'personnel', reason: 'value_required' });
  if (kind === 'exam' && !people.some((p) => p.role === 'chief_examiner'))
    m.push({ path: 'personnel', reason: 'filing_chief_examiner_required' });
  if (kind === 'diagnosis' && !people.some((p) => p.role === 'diagnosis_physician'))
    m.push({ path: 'personnel', reason: 'filing_diagnosis_physician_required' });
  people.forEach((p, i) => {
    if ((p.role === 'chief_examiner' || p.role === 'diagnosis_physician') && !p.qualificationNo?.trim())
      m.push({ path: `personnel.${i}.qualificationNo`, reason: 'filing_qualification_required' });
  });
  if (kind !== 'service') {
    if (!(c.equipment ?? []).length) m.push({ path: 'equipment', reason: 'value_required' });
    const venues = c.venues ?? [];
    if (!venues.length) m.push({ path: 'venues', reason: 'value_required' });
    else if (kind === 'exam' && venues.reduce((s, v) => s + v.areaM2, 0) < EXAM_MIN_AREA_M2)
      m.push({ path: 'venues', reason: 'filing_area_too_small' });
  }
  const cats = (c.categories ?? []).filter((x) => x.hazardCodes.length);
  if (!cats.length) m.push({ path: 'categories', reason: 'filing_category_empty' });
  if (cats.some((x) => x.category === 'radiation') && kind !== 'service' && !inst?.radiationLicenceNo?.trim())
    m.push({ path: 'institution.radiationLicenceNo', reason: 'filing_radiation_licence_required' });
  for (const k of requiredAttachments(kind, c))
    if (!attachmentKinds.has(k)) m.push({ path: `attachments.${k}`, reason: 'filing_attachment_required' });
  return m;
};

/** The filed hazard codes of a content (its capability). */
export const filedCodes = (c: FilingContent): string[] =>
  [...new Set((c.categories ?? []).flatMap((x) => x.hazardCodes))].sort();

const show = (v: unknown): string | null =>
  v === undefined || v === null || v === '' ? null : typeof v === 'string' ? v : JSON.stringify(v);

const rowLabel: Record<string, (r: Record<string, unknown>) => string> = {
  personnel: (r) =>
    [r.name, r.role, r.title, r.qualificationNo, r.trainingCertificateNo, r.practiceCertificateNo]
      .filter(Boolean)
      .join(' / '),
  equipment: (r) =>
    [r.name, r.model, `×${String(r.quantity)}`, r.calibrationDue, r.radiation ? 'radiation' : null]
      .filter(Boolean)
      .join(' / '),
  vehicles: (r) => [r.plateNo, r.purpose, r.equipment].filter(Boolean).join(' / '),
  venues: (r) => [r.name, r.address, `${String(r.areaM2)} m²`, r.purpose].filter(Boolean).join(' / '),
};

/** What a change alters against the filed version, step by step (rows added or removed, fields changed). */
export const diffContent = (before: FilingContent, after: FilingContent): FilingDiffEntry[] => {
  const out: FilingDiffEntry[] = [];
  const bi = (before.institution ?? {}) as Record<string, unknown>;
  const ai = (after.institution ?? {}) as Record<string, unknown>;
  for (const k of [...new Set([...Object.keys(bi), ...Object.keys(ai)])].sort())
    if (show(bi[k]) !== show(ai[k]))
      out.push({ step: 'institution', path: `institution.${k}`, before: show(bi[k]), after: show(ai[k]) });
  for (const step of ['personnel', 'equipment', 'vehicles', 'venues'] as const) {
    const label = rowLabel[step]!;
    const b = ((before[step] ?? []) as Array<Record<string, unknown>>).map(label);
    const a = ((after[step] ?? []) as Array<Record<string, unknown>>).map(label);
    for (const r of b) if (!a.includes(r)) out.push({ step, path: step, before: r, after: null });
    for (const r of a) if (!b.includes(r)) out.push({ step, path: step, before: null, after: r });
  }
  const codes = (c: FilingContent) =>
    new Map((c.categories ?? []).flatMap((x) => x.hazardCodes.map((code) => [code, x.category] as const)));
  const bc = codes(before);
  const ac = codes(after);
  for (const [code, cat] of bc)
    if (!ac.has(code))
      out.push({
        step: 'categories',
        path: `categories.${cat}`,
        before: `${code} ${hazardName(code)}`,
        after: null,
      });
  for (const [code, cat] of ac)
    if (!bc.has(code))
      out.push({
        step: 'categories',
        path: `categories.${cat}`,
        before: null,
        after: `${code} ${hazardName(code)}`,
      });
  return out;
};

export type AttachmentType = {
  mediaType: 'application/pdf' | 'image/jpeg' | 'image/png';
  extensions: string[];
};

/** The file's type by its first bytes (magic numbers), or null when it is none of PDF, JPEG, PNG. */
export const sniffAttachment = (buf: Buffer): AttachmentType | null => {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-')
    return { mediaType: 'application/pdf', extensions: ['pdf'] };
  if (
    buf.length >= 8 &&
    buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
  )
    return { mediaType: 'image/png', extensions: ['png'] };
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff)
    return { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'] };
  return null;
};

/** The type of an upload when its content is PDF / JPEG / PNG and its name says the same, else null. */
export const attachmentTypeOf = (fileName: string, buf: Buffer): AttachmentType | null => {
  const t = sniffAttachment(buf);
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  return t && ext && t.extensions.includes(ext) ? t : null;
};

/** Filing-number letters by kind: 职检 (exam), 职诊 (diagnosis), 技服 (technical service). */
const NO_LETTERS = { exam: 'ZJ', diagnosis: 'ZD', service: 'JF' } as const;

/**
 * The platform's filing number (no source gives a format; docs/STANDARDS.md, Filings — uncertain):
 * `<province code>-<ZJ|ZD|JF>-<year>-<4-digit sequence>`, e.g. 22-ZJ-2026-0001, the sequence running per
 * province, kind and year.
 */
export const filingNoPrefix = (
  authorityRegion: string,
  kind: 'exam' | 'diagnosis' | 'service',
  year: string,
) => `${authorityRegion}-${NO_LETTERS[kind]}-${year}-`;

export const nextFilingNo = (prefix: string, last: string | null): string => {
  const n = last ? Number(last.slice(prefix.length)) + 1 : 1;
  return `${prefix}${String(n).padStart(4, '0')}`;
};
