/** 设备配置: the catalogue (and its import), ledgers, compliance by region and institution. */
import type {
  ComplianceReport,
  EquipmentInstitutionList,
  EquipmentItemInput,
  EquipmentItemPatch,
  EquipmentItemRecord,
  EquipmentLedger,
  EquipmentRequirementInput,
  EquipmentRequirementList,
  EquipmentRequirementPatch,
  EquipmentRequirementRecord,
} from '@ohp/contracts';
import { equipmentDomainLabels, equipmentLevelLabels, type EquipmentDomain } from '@ohp/contracts';
import { api, type Query } from '../../shared/api';
import { currentLang, i18n } from '../../shared/i18n';
import type { ImportBatch, ImportReport } from '../../shared/types';

export const EQUIPMENT_KEY = 'equipment';

export const listRequirements = (q: Query) => api.get<EquipmentRequirementList>('/equipment/requirements', q);
export const createRequirement = (body: EquipmentRequirementInput) =>
  api.post<EquipmentRequirementRecord>('/equipment/requirements', body);
export const updateRequirement = (id: number, body: EquipmentRequirementPatch) =>
  api.patch<EquipmentRequirementRecord>(`/equipment/requirements/${id}`, body);
export const deleteRequirement = (id: number) => api.delete<void>(`/equipment/requirements/${id}`);

export const downloadEquipmentTemplate = () =>
  api.download('/equipment/requirements/import/template', undefined, i18n.t('equipment.files.template'));
export const downloadEquipmentErrors = (batchId: string | number) =>
  api.download(
    `/equipment/requirements/import/${batchId}/errors`,
    undefined,
    i18n.t('equipment.files.errors', { batch: batchId }),
  );
export const importRequirements = (file: File, dryRun: boolean) => {
  const fd = new FormData();
  fd.append('file', file);
  return api.upload<ImportReport | ImportBatch>('/equipment/requirements/import', fd, { dryRun });
};

export const listEquipmentInstitutions = (q: Query) =>
  api.get<EquipmentInstitutionList>('/equipment/institutions', q);
export const getLedger = (id: number, date?: string) =>
  api.get<EquipmentLedger>(`/equipment/institutions/${id}`, { date });
export const createItem = (body: EquipmentItemInput) =>
  api.post<EquipmentItemRecord>('/equipment/items', body);
export const updateItem = (id: number, body: EquipmentItemPatch) =>
  api.patch<EquipmentItemRecord>(`/equipment/items/${id}`, body);
export const deleteItem = (id: number) => api.delete<void>(`/equipment/items/${id}`);

export const getCompliance = (q: Query) => api.get<ComplianceReport>('/equipment/compliance', q);

export const domainLabel = (d: string): string => {
  const l = equipmentDomainLabels[d as EquipmentDomain];
  return l ? (currentLang() === 'en' ? l.en : l.zh) : d;
};
export const levelLabel = (l: string | null): string => {
  if (l === null) return i18n.t('equipment.allLevels');
  const x = equipmentLevelLabels[l as keyof typeof equipmentLevelLabels];
  return x ? (currentLang() === 'en' ? x.en : x.zh) : l;
};
export const pct = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);
/** Server-given zh/en pairs (formula, rules) in the UI language. */
export const pickText = (t: { zh: string; en: string }): string => (currentLang() === 'en' ? t.en : t.zh);
