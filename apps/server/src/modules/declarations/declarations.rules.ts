/**
 * The declaration's pure rules: dates of the clocks (calendar months for the annual window), the form's
 * field checks against the national tables (credit code, industry, economic type, hazard codes), the
 * annual update's locked fields, and the receipt number.
 */
import {
  annualLockedFields,
  categoryOfHazardCode,
  computeDeclaration,
  missingForSubmit,
  type DeclarationForm,
  type DeclarationIssue,
  type DeclarationType,
} from '@ohp/contracts';
import { economicTypes, findExchangeCode, getIndustry, normalizeIndustryCode } from '@ohp/reference';
import { validateCreditCode } from '@ohp/standards';
import { enterpriseSizeOf } from '../employers/index.js';

export const addDays = (iso: string, n: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/** Calendar months later, the day clamped to the month's end (2025-01-31 + 1 → 2025-02-28). */
export const addMonths = (iso: string, n: number): string => {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + n;
  const ny = Math.floor(total / 12);
  const nm = (total % 12) + 1;
  const last = new Date(Date.UTC(ny, nm, 0)).getUTCDate();
  return `${ny}-${String(nm).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
};

/**
 * The annual update's window after the last accepted declaration (Tianjin 静海 FAQ 2022-06-30: interval
 * more than 11 and less than 13 months; beyond 13 months late): it opens the day after 11 months and is
 * due on the day 13 months later.
 */
export const annualWindow = (lastAcceptedOn: string) => ({
  opensOn: addDays(addMonths(lastAcceptedOn, 11), 1),
  dueOn: addMonths(lastAcceptedOn, 13),
});

const PHONE = /^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|[48]00-?\d{3}-?\d{4})$/;
const ECONOMIC = new Set(economicTypes.map((e) => e.code));

/** The form with what the server computes (企业规模) filled in and strings trimmed. */
export const normaliseForm = (form: DeclarationForm): DeclarationForm => {
  const basic = form.basic ? { ...form.basic } : undefined;
  if (basic) {
    for (const k of Object.keys(basic) as Array<keyof typeof basic>)
      if (typeof basic[k] === 'string') (basic as Record<string, unknown>)[k] = basic[k].trim();
    if (basic.creditCode) basic.creditCode = basic.creditCode.toUpperCase();
    if (basic.industryCode)
      basic.industryCode = normalizeIndustryCode(basic.industryCode) ?? basic.industryCode;
    const size = enterpriseSizeOf(basic.industryCode, basic.employees, basic.revenueWanYuan);
    if (size) basic.enterpriseSize = size;
    else delete basic.enterpriseSize;
  }
  return { ...form, ...(basic && { basic }) };
};

/** Field checks against the national tables (a format error is refused on every save). */
export const fieldIssues = (form: DeclarationForm): DeclarationIssue[] => {
  const out: DeclarationIssue[] = [];
  const b = form.basic;
  if (b?.creditCode && !validateCreditCode(b.creditCode).ok)
    out.push({ path: 'basic.creditCode', reason: 'declaration_credit_code_invalid' });
  if (b?.industryCode && !getIndustry(b.industryCode))
    out.push({ path: 'basic.industryCode', reason: 'declaration_industry_unknown' });
  if (b?.economicTypeCode && !ECONOMIC.has(b.economicTypeCode))
    out.push({ path: 'basic.economicTypeCode', reason: 'declaration_economic_type_unknown' });
  if (b?.legalRepresentativePhone && !PHONE.test(b.legalRepresentativePhone.replace(/\s+/g, '')))
    out.push({ path: 'basic.legalRepresentativePhone', reason: 'declaration_phone_format' });
  (form.workplaces ?? []).forEach((w, i) =>
    w.factors.forEach((f, j) => {
      const hit = findExchangeCode('hazard-factors', f.code) as { level?: string } | undefined;
      if (!hit || hit.level !== 'factor' || !categoryOfHazardCode(f.code))
        out.push({ path: `workplaces.${i}.factors.${j}.code`, reason: 'declaration_hazard_code_unknown' });
    }),
  );
  return out;
};

/** 年度更新 keeps 规模, 经济类型 and 行业 of the declaration it follows (Tianjin 静海 FAQ). */
export const annualLockIssues = (
  form: DeclarationForm,
  previous: DeclarationForm | null,
): DeclarationIssue[] =>
  previous
    ? annualLockedFields
        .filter((k) => (form.basic?.[k] ?? null) !== (previous.basic?.[k] ?? null))
        .map((k) => ({ path: `basic.${k}`, reason: 'declaration_annual_locked_field' }))
    : [];

/** Everything that stops a submission: missing fields, format errors, failing cross-checks, locked fields. */
export const submitIssues = (
  type: DeclarationType,
  form: DeclarationForm,
  previous: DeclarationForm | null,
): DeclarationIssue[] => {
  const seen = new Set<string>();
  return [
    ...missingForSubmit(type, form),
    ...fieldIssues(form),
    ...computeDeclaration(form).issues,
    ...(type === 'annual' ? annualLockIssues(form, previous) : []),
  ].filter((i) => {
    const k = `${i.path}|${i.reason}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** The receipt number: <receiving region>-<year>-<declaration id, 6 digits> (a platform format). */
export const receiptNumber = (regionCode: string, on: string, id: number): string =>
  `SB${regionCode}${on.slice(0, 4)}${String(id).padStart(6, '0')}`;
