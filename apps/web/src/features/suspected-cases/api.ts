/**
 * 疑似职业病追踪: the suspected cases in the user's card scope with their clocks, and the steps the
 * user records one at a time (the server says which in `abilities.events`).
 */
import type { SuspectedCaseEvent } from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';
import type { SuspectedCase, SuspectedCaseEventInput } from '../../shared/types';

export const listSuspectedCases = (q: Query) => api.get<PageResult<SuspectedCase>>('/suspected-cases', q);
export const recordCaseEvent = (id: number, body: SuspectedCaseEventInput) =>
  api.post<{ id: number; status: string }>(`/suspected-cases/${id}/events`, body);

/** The react-query key prefix of this feature. */
export const CASES_KEY = 'suspected-cases';

export const isCaseEvent = (e: string): e is SuspectedCaseEvent =>
  e === 'employer_notified' || e === 'referred' || e === 'diagnosed' || e === 'excluded';
