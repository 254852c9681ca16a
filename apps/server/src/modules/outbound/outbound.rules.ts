/**
 * The rules of an outbound-exam notice, pure: the notice period on the working calendar (R47), and the
 * content checked against the institution's filing (R44: only its filed, not blocked hazard factors; its
 * filed personnel, vehicles and equipment).
 *
 * Timing convention (docs/STANDARDS.md, Outbound-exam notices). The Jilin text says "在开展工作前5个工作日内
 * 以书面形式告知" — the number is clear, whether the notice day counts is not (../shared/DOMAIN.md §11). The
 * province's setting names the convention; the default and the seeded Jilin row use 'clear_days':
 *  - clear_days: at least N working days lie strictly between the notice day and the start day (neither
 *    counts). Given on T, the earliest start is the day after the N-th working day after T.
 *  - notice_day_counts: the notice day counts as the first of the N when it is a working day.
 * Working days are those of the one working calendar (holidays excluded, make-up workdays counted); the
 * start day itself may be any day (an exam may start on a Saturday).
 */
import type { OutboundNoticeInput } from '@ohp/contracts';
import { addDays, findExchangeCode, type ExchangeHazardFactor, type WorkingCalendar } from '@ohp/reference';

export type Issue = { path: string; reason: string };
export type Convention = 'clear_days' | 'notice_day_counts';

export const hazardName = (code: string): string =>
  (findExchangeCode('hazard-factors', code) as ExchangeHazardFactor | undefined)?.name ?? code;

export type TimingResult = {
  earliestStartDate: string;
  workingDaysCounted: number | null;
  allowed: boolean | null;
  latestNoticeDate: string | null;
  provisional: boolean;
};

/** The notice period applied to a notice given on `noticeDate` (and, when given, a start date). */
export const noticeTiming = (
  cal: WorkingCalendar,
  n: number,
  convention: Convention,
  noticeDate: string,
  startDate?: string | null,
): TimingResult => {
  const noticeCounts = convention === 'notice_day_counts' && cal.isWorkingDay(noticeDate);
  const nth = cal.addWorkingDays(noticeDate, noticeCounts ? n - 1 : n);
  const earliestStartDate = addDays(nth.date, 1);
  let provisional = nth.provisional;
  if (!startDate) {
    return {
      earliestStartDate,
      workingDaysCounted: null,
      allowed: null,
      latestNoticeDate: null,
      provisional,
    };
  }
  const between =
    startDate > noticeDate
      ? cal.workingDaysBetween(noticeDate, addDays(startDate, -1))
      : { days: 0, provisional: false };
  provisional ||= between.provisional;
  const counted = Math.max(0, between.days) + (noticeCounts && startDate > noticeDate ? 1 : 0);
  const latest = cal.workingDaysBefore(startDate, n, convention);
  provisional ||= latest.provisional;
  return {
    earliestStartDate,
    workingDaysCounted: counted,
    allowed: counted >= n,
    latestNoticeDate: latest.date,
    provisional,
  };
};

export type FilingPicks = {
  filed: Set<string>;
  blocked: Set<string>;
  staff: Array<{ name: string; role?: string; qualificationNo?: string | null }>;
  vehicles: Array<{ plateNo: string; purpose?: string | null; equipment?: string | null }>;
  equipment: Array<{ name: string; model?: string | null; quantity: number }>;
};

/** What in the notice's content its filing does not cover. */
export const contentIssues = (
  c: Pick<OutboundNoticeInput, 'hazardCodes' | 'staff' | 'vehicles' | 'equipment' | 'startDate' | 'endDate'>,
  picks: FilingPicks,
): Issue[] => {
  const issues: Issue[] = [];
  if (c.endDate < c.startDate) issues.push({ path: 'endDate', reason: 'outbound_end_before_start' });
  const seen = new Set<string>();
  c.hazardCodes.forEach((code, i) => {
    if (seen.has(code)) issues.push({ path: `hazardCodes.${i}`, reason: 'duplicate' });
    seen.add(code);
    if (picks.blocked.has(code)) issues.push({ path: `hazardCodes.${i}`, reason: 'outbound_hazard_blocked' });
    else if (!picks.filed.has(code))
      issues.push({ path: `hazardCodes.${i}`, reason: 'outbound_hazard_not_filed' });
  });
  const names = new Set(picks.staff.map((p) => p.name));
  c.staff.forEach((p, i) => {
    if (!names.has(p.name)) issues.push({ path: `staff.${i}.name`, reason: 'outbound_staff_not_filed' });
  });
  const plates = new Set(picks.vehicles.map((v) => v.plateNo));
  c.vehicles.forEach((v, i) => {
    if (!plates.has(v.plateNo))
      issues.push({ path: `vehicles.${i}.plateNo`, reason: 'outbound_vehicle_not_filed' });
  });
  c.equipment.forEach((e, i) => {
    const filed = picks.equipment.filter((x) => x.name === e.name).reduce((s, x) => s + x.quantity, 0);
    if (filed === 0 || e.quantity > filed)
      issues.push({ path: `equipment.${i}.name`, reason: 'outbound_equipment_not_filed' });
  });
  return issues;
};
