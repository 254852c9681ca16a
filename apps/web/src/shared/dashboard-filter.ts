/**
 * The filter a list opens with when the dashboard (驾驶舱) links to it: `?region=2201&period=2026-Q3`
 * becomes the list's region and its date range (first and last day of the period, inclusive).
 */
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export type DashboardFilter = { regionCode?: string; range?: [string, string] };

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export const dashboardFilter = (params: URLSearchParams): DashboardFilter => {
  const out: DashboardFilter = {};
  const region = params.get('region');
  if (region && /^\d{2}(\d{2}){0,2}$/.test(region)) out.regionCode = region;
  const period = params.get('period') ?? '';
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})$/.exec(period))) out.range = [`${m[1]}-01-01`, `${m[1]}-12-31`];
  else if ((m = /^(\d{4})-Q([1-4])$/.exec(period))) {
    const y = Number(m[1]);
    const q = Number(m[2]);
    out.range = [`${y}-${pad(q * 3 - 2)}-01`, `${y}-${pad(q * 3)}-${lastDay(y, q * 3)}`];
  } else if ((m = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(period))) {
    const y = Number(m[1]);
    const mo = Number(m[2]);
    out.range = [`${y}-${pad(mo)}-01`, `${y}-${pad(mo)}-${lastDay(y, mo)}`];
  }
  return out;
};

/** The filter of the URL the page was opened with (read once: the page's own filters take over). */
export const useDashboardFilter = (): DashboardFilter => {
  const [searchParams] = useSearchParams();
  const [filter] = useState(() => dashboardFilter(searchParams));
  return filter;
};
