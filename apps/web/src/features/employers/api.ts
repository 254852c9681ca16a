/** 用人单位库 and 用人单位注册: the base database, a record with its versions, and the registration queue. */
import {
  employerRiskClasses,
  type EmployerDetail,
  type EmployerPatch,
  type EmployerRegistrationInput,
  type EmployerStatusInput,
  type EmployerSummary,
  type EmployerVersionDetail,
  type RegistrationPublicStatus,
  type RegistrationSummary,
} from '@ohp/contracts';
import { api, type PageResult, type Query } from '../../shared/api';
import { i18n } from '../../shared/i18n';

export const listEmployers = (q: Query) => api.get<PageResult<EmployerSummary>>('/employers', q);
export const exportEmployers = (q: Query) => api.download('/employers/export', q, 'employers.xlsx');
export const getEmployer = (id: number) => api.get<EmployerDetail>(`/employers/${id}`);
export const getEmployerVersion = (id: number, version: number) =>
  api.get<EmployerVersionDetail>(`/employers/${id}/versions/${version}`);
export const exportEmployerVersions = (id: number) =>
  api.download(`/employers/${id}/versions/export`, undefined, i18n.t('employers.files.versions'));
export const updateEmployer = (id: number, body: EmployerPatch) =>
  api.patch<EmployerDetail>(`/employers/${id}`, body);
export const setEmployerStatus = (id: number, body: EmployerStatusInput) =>
  api.post<EmployerDetail>(`/employers/${id}/status`, body);

export const submitRegistration = (body: EmployerRegistrationInput) =>
  api.post<{ lookupCode: string; status: string }>('/employer-registrations', body);
export const registrationStatus = (code: string) =>
  api.get<RegistrationPublicStatus>('/employer-registrations/status', { code }, { quiet: true });
export const listRegistrations = (q: Query) =>
  api.get<PageResult<RegistrationSummary>>('/employer-registrations', q);
export const exportRegistrations = (q: Query) =>
  api.download('/employer-registrations/export', q, i18n.t('employers.files.registrations'));
export const approveRegistration = (id: number) =>
  api.post<{ id: number; status: string }>(`/employer-registrations/${id}/approve`);
export const rejectRegistration = (id: number, opinion: string) =>
  api.post<{ id: number; status: string }>(`/employer-registrations/${id}/reject`, { opinion });

/** The risk classes (严重 / 一般 / 待评价, in the contract's order) by colour and by text key. */
const RISK_KEYS = ['severe', 'general', 'evaluate'] as const;
export const RISK_COLOURS: Record<string, string> = Object.fromEntries(
  employerRiskClasses.map((c, i) => [c, ['red', 'gold', 'default'][i]!]),
);
export const riskKeyOf = (riskClass: string): string =>
  RISK_KEYS[employerRiskClasses.indexOf(riskClass as (typeof employerRiskClasses)[number])] ?? 'evaluate';
export const PROGRAMME_COLOURS: Record<string, string> = {
  active: 'green',
  not_applicable: 'default',
  closed: 'volcano',
  relocated: 'purple',
};
