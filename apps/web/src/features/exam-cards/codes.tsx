/** The cards' coded values as people read them: coloured tags for conclusions and review states. */
import { returnedStatuses, type ReviewLevel } from '@ohp/contracts';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CATALOGUE, useCodeNames, type CodeNames } from './api';

/** Most serious first, as the server sorts a card's conclusions. */
export const CONCLUSION_COLOURS: Record<string, string | undefined> = {
  '03': 'red',
  '04': 'orange',
  '05': 'gold',
  '02': 'blue',
  '01': undefined,
};

/** Awaiting some level orange, approved on the way blue, approved by the province green, returned red. */
export const auditStatusColour = (code: string): string | undefined => {
  if (returnedStatuses.includes(code)) return 'red';
  if (code === '07' || code === '09') return 'green';
  if (['02', '11', '12', '13'].includes(code)) return 'orange';
  if (code === '03' || code === '05') return 'blue';
  return undefined;
};

/** The code tables every card screen names codes from. */
export const useCardCodes = () => ({
  auditStatuses: useCodeNames(CATALOGUE.auditStatuses),
  conclusions: useCodeNames(CATALOGUE.conclusions),
  examTypes: useCodeNames(CATALOGUE.examTypes),
  factors: useCodeNames(CATALOGUE.hazardFactors),
  sexes: useCodeNames(CATALOGUE.sexes),
});
export type CardCodes = ReturnType<typeof useCardCodes>;

export const AuditStatusTag = ({ code, names }: { code: string; names: CodeNames }) => (
  <Tag
    color={auditStatusColour(code)}
    style={{ marginInlineEnd: 0, whiteSpace: 'normal', maxWidth: '100%' }}
    data-status={code}
  >
    {names.name(code)}
  </Tag>
);

/** A conclusion as a tag: the short label in lists, the catalogue's full name on hover and in details. */
export const ConclusionTag = ({
  code,
  names,
  full = false,
}: {
  code: string;
  names: CodeNames;
  full?: boolean;
}) => {
  const { t, i18n } = useTranslation();
  const short = i18n.exists(`examCards.conclusionShort.${code}`)
    ? t(`examCards.conclusionShort.${code}`)
    : names.name(code);
  return (
    <Tag
      color={CONCLUSION_COLOURS[code]}
      title={names.name(code)}
      style={{ marginInlineEnd: 4, marginBlock: 1, whiteSpace: 'normal', maxWidth: '100%' }}
      data-conclusion={code}
    >
      {full ? names.name(code) : short}
    </Tag>
  );
};

export const levelLabel = (t: (k: string) => string, level: ReviewLevel) => t(`examCards.levels.${level}`);

/** 14 年 2 个月 (either part may be missing). */
export const yearsMonths = (
  t: (k: string, o?: Record<string, unknown>) => string,
  years: number | null | undefined,
  months: number | null | undefined,
): string | null =>
  years === null || years === undefined
    ? months === null || months === undefined
      ? null
      : t('examCards.yearsMonths', { years: 0, months })
    : t('examCards.yearsMonths', { years, months: months ?? 0 });
