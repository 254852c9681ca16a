import dayjs from 'dayjs';
import { organisationKindLabels, type OrganisationKind } from '@ohp/contracts';
import { currentLang } from './i18n';

export const fmtDateTime = (v: string | null | undefined): string =>
  v ? dayjs(v).format('YYYY-MM-DD HH:mm:ss') : '-';
export const fmtDate = (v: string | null | undefined): string => (v ? dayjs(v).format('YYYY-MM-DD') : '-');

export const kindLabel = (kind: string): string => {
  const l = organisationKindLabels[kind as OrganisationKind];
  if (!l) return kind;
  return currentLang() === 'en' ? l.en : l.zh;
};

export const roleName = (r: { nameZh: string; nameEn: string }): string =>
  currentLang() === 'en' ? r.nameEn : r.nameZh;
