/** 规划目标: the coverage targets of the user's region, computed by the server per request. */
import type { CoverageReport } from '@ohp/contracts';
import { api } from '../../shared/api';

export const COVERAGE_KEY = 'coverage';
export const getCoverage = (region?: string) => api.get<CoverageReport>('/coverage', { region });
