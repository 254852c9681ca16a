/** One outbound-exam notice, read-only: what the institution notified and where it went. */
import type { OutboundNoticeDetail } from '@ohp/contracts';
import { Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { fmtDateTime } from '../../shared/format';
import { useRegionNames } from '../exam-cards/api';
import { STATUS_COLOURS } from './api';

export const StatusTag = ({ status, delegated }: { status: string; delegated?: boolean }) => {
  const { t } = useTranslation();
  return (
    <Space size={4}>
      <Tag color={STATUS_COLOURS[status]} data-testid={`outbound-status-${status}`}>
        {t(`outbound.statuses.${status}`)}
      </Tag>
      {delegated && <Tag color="purple">{t('outbound.delegated')}</Tag>}
    </Space>
  );
};

export const NoticeView = ({ n }: { n: OutboundNoticeDetail }) => {
  const { t } = useTranslation();
  const regions = useRegionNames([n.employerRegionCode]);
  return (
    <Descriptions bordered size="small" column={2} data-testid="outbound-detail">
      <Descriptions.Item label={t('outbound.status')} span={2}>
        <Space>
          <StatusTag status={n.status} delegated={n.delegated} />
          {n.document && (
            <Link to={`/documents/${n.document.documentId}`} data-testid="outbound-print">
              {t('outbound.print')}
            </Link>
          )}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.institution')}>{n.institutionName}</Descriptions.Item>
      <Descriptions.Item label={t('outbound.filingNo')}>{n.filingNo ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('outbound.employer')}>{n.employerName}</Descriptions.Item>
      <Descriptions.Item label={t('outbound.creditCode')}>{n.employerCreditCode ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('outbound.employerRegion')}>
        {regions.path(n.employerRegionCode)}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.siteAddress')}>{n.siteAddress}</Descriptions.Item>
      <Descriptions.Item label={t('outbound.dates')}>
        {n.startDate} ~ {n.endDate}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.expectedCount')}>{n.expectedCount}</Descriptions.Item>
      <Descriptions.Item label={t('outbound.hazards')} span={2}>
        {n.hazards.map((h) => (
          <Tag key={h.code}>
            {h.code} {h.name}
          </Tag>
        ))}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.examItems')} span={2}>
        {n.examItems ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.staff')} span={2}>
        {n.staff.map((s) => s.name).join('、') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.vehicles')}>
        {n.vehicles.map((v) => `${v.plateNo}${v.purpose ? `（${v.purpose}）` : ''}`).join('、') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.equipment')}>
        {n.equipment.map((e) => `${e.name} × ${e.quantity}`).join('；') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.contact')}>
        {[n.contactName, n.contactPhone].filter(Boolean).join(' ') || '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.note')}>{n.note ?? '—'}</Descriptions.Item>
      <Descriptions.Item label={t('outbound.receiving')}>
        {n.receivingOrganisationName ?? '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.rule')}>
        {n.noticeWorkingDays
          ? t('outbound.ruleValue', {
              n: n.noticeWorkingDays,
              convention: t(`outbound.conventions.${n.convention ?? 'clear_days'}`),
            })
          : '—'}
      </Descriptions.Item>
      <Descriptions.Item label={t('outbound.submittedAt')}>{fmtDateTime(n.submittedAt)}</Descriptions.Item>
      <Descriptions.Item label={t('outbound.acknowledgedAt')}>
        {fmtDateTime(n.acknowledgedAt)}
        {n.acknowledgeNote ? `（${n.acknowledgeNote}）` : ''}
      </Descriptions.Item>
      {n.withdrawReason && (
        <Descriptions.Item label={t('outbound.withdrawReason')} span={2}>
          {n.withdrawReason}
        </Descriptions.Item>
      )}
    </Descriptions>
  );
};
