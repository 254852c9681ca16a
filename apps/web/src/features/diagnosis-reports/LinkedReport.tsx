/**
 * The diagnosis report that resolved a suspected case, as a link for the suspected-case tracker (shown
 * to users who read diagnosis reports, on cases with an outcome).
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { listDiagnosisReports, REPORTS_KEY } from './api';

export const LinkedReport = ({ caseId, onOpen }: { caseId: number; onOpen: (id: number) => void }) => {
  const { t } = useTranslation();
  const q = useQuery({
    queryKey: [REPORTS_KEY, 'of-case', caseId],
    queryFn: () => listDiagnosisReports({ suspectedCaseId: caseId, pageSize: 1 }),
  });
  const report = q.data?.data[0];
  return report ? (
    <a onClick={() => onOpen(report.id)} data-testid="case-report" title={report.recordId}>
      {t('diagnosis.linkedReport')}
    </a>
  ) : null;
};
