/**
 * 个案卡详情: the card as received (the worker masked), its conclusions and items, the report, the
 * review trail (逐级审核) and the versions; 审核通过 / 退回 when the card awaits the user's level.
 */
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { returnedStatuses } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Grid,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../shared/errors';
import { fmtDate, fmtDateTime } from '../../shared/format';
import type {
  ExamCardConclusion,
  ExamCardDetail as Detail,
  ExamCardEnterprise,
  ExamCardInput,
  ExamCardItem,
} from '../../shared/types';
import {
  CARDS_KEY,
  CATALOGUE,
  entryName,
  getExamCard,
  useCodeEntry,
  useCodeNames,
  useRegionNames,
} from './api';
import {
  AuditStatusTag,
  ConclusionTag,
  levelLabel,
  useCardCodes,
  yearsMonths,
  type CardCodes,
} from './codes';
import type { ReviewTarget } from './ReviewModal';

/** The stored card: the national fields, the worker's name and ID number masked and no phone. */
type Card = Omit<ExamCardInput, 'worker' | 'employer'> & {
  worker: Omit<ExamCardInput['worker'], 'phone'> & { phone: string | null };
  employer: ExamCardInput['employer'];
};

const dash = <Typography.Text type="secondary">-</Typography.Text>;
const orDash = (v: ReactNode) => (v === null || v === undefined || v === '' ? dash : v);
/** A name with its code after it: 电焊工（09-033）. */
const named = (name: string | undefined, code: string | null | undefined): ReactNode =>
  !code ? dash : name && name !== code ? `${name}（${code}）` : code;

const Section = ({ title, children, extra }: { title: string; children: ReactNode; extra?: ReactNode }) => (
  <section style={{ marginTop: 20 }} data-section={title}>
    <div style={{ marginBottom: 8 }}>
      <Space align="baseline" wrap>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {extra}
      </Space>
    </div>
    {children}
  </section>
);

type Item = { key: string; label: string; children: ReactNode; span?: number };

const Fields = ({ items, column }: { items: Item[]; column: number }) => {
  const screens = Grid.useBreakpoint();
  const cols = screens.sm === false ? 1 : column;
  return (
    <Descriptions
      bordered
      size="small"
      column={cols}
      styles={{ label: { width: screens.sm === false ? 104 : 132, whiteSpace: 'nowrap' } }}
      items={items.map((i) => ({ ...i, span: Math.min(i.span ?? 1, cols) }))}
    />
  );
};

const Enterprise = ({
  e,
  withContact,
}: {
  e: ExamCardEnterprise & Partial<Card['employer']>;
  withContact?: boolean;
}) => {
  const { t } = useTranslation();
  const regions = useRegionNames([e.regionCode]);
  const industry = useCodeEntry(CATALOGUE.industries, e.industryCode);
  const economic = useCodeNames(CATALOGUE.economicTypes);
  const sizes = useCodeNames(CATALOGUE.enterpriseSizes);
  const items: Item[] = [
    { key: 'name', label: t('examCards.enterpriseName'), children: e.name, span: 2 },
    {
      key: 'creditCode',
      label: t('examCards.creditCode'),
      children: <Typography.Text style={{ fontFamily: 'monospace' }}>{e.creditCode}</Typography.Text>,
    },
    {
      key: 'region',
      label: t('examCards.region'),
      children: named(regions.path(e.regionCode), e.regionCode),
    },
    { key: 'industry', label: t('examCards.industry'), children: named(entryName(industry), e.industryCode) },
    {
      key: 'economic',
      label: t('examCards.economicType'),
      children: named(e.economicTypeCode ? economic.name(e.economicTypeCode) : undefined, e.economicTypeCode),
    },
    {
      key: 'scale',
      label: t('examCards.scale'),
      children: e.scaleCode ? sizes.name(e.scaleCode) : dash,
    },
  ];
  if (withContact)
    items.push(
      { key: 'zip', label: t('examCards.zipCode'), children: orDash(e.zipCode) },
      { key: 'address', label: t('examCards.address'), children: orDash(e.address), span: 2 },
      { key: 'contact', label: t('examCards.contact'), children: orDash(e.contact) },
      { key: 'phone', label: t('examCards.phone'), children: orDash(e.phone) },
    );
  return <Fields items={items} column={2} />;
};

const Worker = ({ card, codes }: { card: Card; codes: CardCodes }) => {
  const { t } = useTranslation();
  const idTypes = useCodeNames(CATALOGUE.idTypes);
  const w = card.worker;
  return (
    <>
      <Alert type="info" showIcon message={t('examCards.workerMasked')} style={{ marginBottom: 8 }} />
      <Fields
        column={2}
        items={[
          { key: 'name', label: t('examCards.workerName'), children: w.name },
          { key: 'sex', label: t('examCards.sex'), children: codes.sexes.name(w.genderCode) },
          { key: 'idType', label: t('examCards.idType'), children: idTypes.name(w.idTypeCode) },
          {
            key: 'idNumber',
            label: t('examCards.idNumber'),
            children: <Typography.Text style={{ fontFamily: 'monospace' }}>{w.idNumber}</Typography.Text>,
          },
          { key: 'birth', label: t('examCards.birthDate'), children: fmtDate(w.birthDate) },
          {
            key: 'phone',
            label: t('examCards.phone'),
            children: (
              <Typography.Text type="secondary">{w.phone ?? t('examCards.phoneHidden')}</Typography.Text>
            ),
          },
        ]}
      />
    </>
  );
};

const FactorNames = ({
  codes,
  other,
  names,
}: {
  codes: string[];
  other?: string | null;
  names: CardCodes['factors'];
}) => (
  <Space size={[4, 4]} wrap>
    {codes.map((c) => (
      <Tag key={c} style={{ marginInlineEnd: 0, whiteSpace: 'normal' }} title={c}>
        {names.name(c)}
      </Tag>
    ))}
    {other ? <Tag style={{ marginInlineEnd: 0 }}>{other}</Tag> : null}
  </Space>
);

const ExamInfo = ({
  card,
  detail,
  codes,
  onOpenCard,
}: {
  card: Card;
  detail: Detail;
  codes: CardCodes;
  onOpenCard: (id: number) => void;
}) => {
  const { t } = useTranslation();
  const monitoring = useCodeNames(CATALOGUE.monitoringTypes);
  const workType = useCodeEntry(CATALOGUE.workTypes, card.workTypeCode);
  const reexam = detail.reexamOf ? (
    <a onClick={() => onOpenCard(detail.reexamOf!.id)} data-testid="card-reexam-link">
      {detail.reexamOf.recordId}
    </a>
  ) : (
    card.reexamOf
  );
  return (
    <Fields
      column={2}
      items={[
        { key: 'type', label: t('examCards.examType'), children: codes.examTypes.name(card.examTypeCode) },
        { key: 'date', label: t('examCards.examDate'), children: fmtDate(card.examDate) },
        {
          key: 'monitoring',
          label: t('examCards.monitoringType'),
          children: monitoring.name(card.monitoringTypeCode),
        },
        {
          key: 'workType',
          label: t('examCards.workType'),
          children: card.workTypeOther
            ? `${card.workTypeOther}（${card.workTypeCode}）`
            : named(entryName(workType), card.workTypeCode),
        },
        {
          key: 'factors',
          label: t('examCards.factors'),
          children: (
            <FactorNames
              codes={card.contactFactorCodes}
              other={card.contactFactorOther}
              names={codes.factors}
            />
          ),
          span: 2,
        },
        {
          key: 'reexam',
          label: t('examCards.isReexam'),
          children: card.isReexam ? t('common.yes') : t('common.no'),
        },
        { key: 'reexamOf', label: t('examCards.reexamOf'), children: orDash(reexam) },
        {
          key: 'service',
          label: t('examCards.serviceTime'),
          children: orDash(yearsMonths(t, card.serviceYears, card.serviceMonths)),
        },
        { key: 'examNo', label: t('examCards.examNo'), children: orDash(card.examNo) },
        ...(card.remark
          ? [{ key: 'remark', label: t('examCards.remark'), children: card.remark, span: 2 }]
          : []),
      ]}
    />
  );
};

const Conclusions = ({ card, codes }: { card: Card; codes: CardCodes }) => {
  const { t } = useTranslation();
  const diseases = useCodeNames(CATALOGUE.diseases);
  return (
    <Table<ExamCardConclusion>
      size="small"
      bordered
      pagination={false}
      rowKey={(r) => r.factorCodes.join(',')}
      dataSource={card.conclusions}
      tableLayout="fixed"
      scroll={{ x: 900 }}
      data-testid="card-conclusions"
      columns={[
        {
          title: t('examCards.factor'),
          width: 210,
          render: (_, r) => <FactorNames codes={r.factorCodes} other={r.factorOther} names={codes.factors} />,
        },
        {
          title: t('examCards.conclusion'),
          width: 140,
          render: (_, r) => <ConclusionTag code={r.conclusionCode} names={codes.conclusions} full />,
        },
        {
          title: t('examCards.suspectedDisease'),
          width: 130,
          render: (_, r) =>
            r.suspectedDiseaseCode ? (
              <Typography.Text type="danger">
                {named(diseases.name(r.suspectedDiseaseCode), r.suspectedDiseaseCode)}
              </Typography.Text>
            ) : (
              dash
            ),
        },
        { title: t('examCards.contraindication'), width: 110, render: (_, r) => orDash(r.contraindication) },
        { title: t('examCards.otherAbnormality'), width: 120, render: (_, r) => orDash(r.otherAbnormality) },
        {
          title: t('examCards.harmStart'),
          width: 106,
          render: (_, r) => (r.harmStartDate ? fmtDate(r.harmStartDate) : dash),
        },
        {
          title: t('examCards.harmTime'),
          width: 100,
          render: (_, r) => orDash(yearsMonths(t, r.harmYears, r.harmMonths)),
        },
      ]}
    />
  );
};

const Items = ({ card }: { card: Card }) => {
  const { t } = useTranslation();
  const flags = useCodeNames(CATALOGUE.abnormalFlags);
  const range = (r: ExamCardItem) =>
    r.referenceMin === null || r.referenceMin === undefined
      ? r.referenceMax === null || r.referenceMax === undefined
        ? null
        : `≤ ${r.referenceMax}`
      : r.referenceMax === null || r.referenceMax === undefined
        ? `≥ ${r.referenceMin}`
        : `${r.referenceMin} – ${r.referenceMax}`;
  return (
    <Table<ExamCardItem & { seq: number }>
      size="small"
      bordered
      rowKey="seq"
      dataSource={card.items.map((i, seq) => ({ ...i, seq }))}
      pagination={card.items.length > 20 ? { pageSize: 20, size: 'small', showSizeChanger: false } : false}
      scroll={{ x: 820 }}
      data-testid="card-items"
      columns={[
        { title: t('examCards.itemParent'), dataIndex: 'parentName', width: 130 },
        { title: t('examCards.itemName'), dataIndex: 'name', width: 190 },
        {
          title: t('examCards.result'),
          dataIndex: 'result',
          width: 200,
          render: (_, r) => (
            <Typography.Text type={r.abnormal === '1' ? 'danger' : undefined} strong={r.abnormal === '1'}>
              {r.result}
            </Typography.Text>
          ),
        },
        { title: t('examCards.unit'), dataIndex: 'unit', width: 64, render: (_, r) => orDash(r.unit) },
        { title: t('examCards.referenceRange'), width: 110, render: (_, r) => orDash(range(r)) },
        {
          title: t('examCards.abnormal'),
          dataIndex: 'abnormal',
          width: 86,
          render: (_, r) =>
            r.abnormal === '1' ? (
              <Tag color="red" style={{ marginInlineEnd: 0 }}>
                {flags.name(r.abnormal)}
              </Tag>
            ) : (
              <Typography.Text type={r.abnormal === '3' ? 'secondary' : undefined}>
                {flags.has(r.abnormal) ? flags.name(r.abnormal) : r.abnormal}
              </Typography.Text>
            ),
        },
      ]}
    />
  );
};

const Report = ({ card }: { card: Card }) => {
  const { t } = useTranslation();
  const person = (p: { name: string; phone: string }) => (
    <span>
      {p.name} <Typography.Text type="secondary">{p.phone}</Typography.Text>
    </span>
  );
  return (
    <Fields
      column={2}
      items={[
        { key: 'chief', label: t('examCards.chiefPhysician'), children: orDash(card.chiefPhysician) },
        { key: 'unit', label: t('examCards.reportUnit'), children: card.reporter.unit },
        { key: 'writer', label: t('examCards.writer'), children: person(card.writer) },
        { key: 'writeDate', label: t('examCards.writeDate'), children: fmtDate(card.writer.date) },
        { key: 'reporter', label: t('examCards.reporter'), children: person(card.reporter) },
        { key: 'reportDate', label: t('examCards.reporterDate'), children: fmtDate(card.reporter.date) },
      ]}
    />
  );
};

const Reviews = ({ detail }: { detail: Detail }) => {
  const { t } = useTranslation();
  if (!detail.reviews.length)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('examCards.noReviews')} />;
  return (
    <Timeline
      data-testid="card-reviews"
      style={{ marginTop: 8 }}
      items={detail.reviews.map((r, i) => ({
        key: i,
        color: r.decision === 'approved' ? 'green' : 'red',
        children: (
          <div data-review={r.decision}>
            <Space wrap size={[8, 0]}>
              <Typography.Text strong>{levelLabel(t, r.level)}</Typography.Text>
              <Tag color={r.decision === 'approved' ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
                {t(r.decision === 'approved' ? 'examCards.approve' : 'examCards.return')}
              </Tag>
              <Typography.Text type="secondary">{fmtDateTime(r.reviewedAt)}</Typography.Text>
            </Space>
            <div>
              <Typography.Text type="secondary">{t('examCards.reviewBy')}</Typography.Text> {r.reviewerName}（
              {r.organisationName}）
              <Typography.Text type="secondary">
                {' · '}
                {t('examCards.reviewVersion', { version: r.cardVersion })}
              </Typography.Text>
            </div>
            <div data-testid="review-opinion-text">
              <Typography.Text type="secondary">{t('examCards.opinion')}</Typography.Text>{' '}
              {r.opinion ? (
                <Typography.Text type={r.decision === 'returned' ? 'danger' : undefined}>
                  {r.opinion}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('examCards.noOpinion')}</Typography.Text>
              )}
            </div>
          </div>
        ),
      }))}
    />
  );
};

const Versions = ({ detail }: { detail: Detail }) => {
  const { t } = useTranslation();
  return (
    <Space direction="vertical" size={2} data-testid="card-versions">
      <Typography.Text>{t('examCards.currentVersion', { version: detail.version })}</Typography.Text>
      {detail.versions.length === 0 ? (
        <Typography.Text type="secondary">{t('examCards.noVersions')}</Typography.Text>
      ) : (
        [...detail.versions]
          .sort((a, b) => b.version - a.version)
          .map((v) => (
            <Typography.Text type="secondary" key={v.version}>
              {t('examCards.versionReplaced', { version: v.version, at: fmtDateTime(v.replacedAt) })}
            </Typography.Text>
          ))
      )}
    </Space>
  );
};

/** The opinion of the return that sent the card back, for the banner of a returned card. */
const lastReturn = (d: Detail) =>
  returnedStatuses.includes(d.auditStatus)
    ? [...d.reviews].reverse().find((r) => r.decision === 'returned')
    : undefined;

export const ExamCardDetail = ({
  id,
  onClose,
  onOpen,
  onReview,
}: {
  id: number | null;
  onClose: () => void;
  /** Another card (the exam this one repeats). */
  onOpen: (id: number) => void;
  onReview: (target: ReviewTarget) => void;
}) => {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const codes = useCardCodes();
  const q = useQuery({
    queryKey: [CARDS_KEY, 'detail', id],
    queryFn: () => getExamCard(id!),
    enabled: id !== null,
  });
  const d = q.data && q.data.id === id ? q.data : undefined;
  const card = d?.card as Card | undefined;
  const returned = d ? lastReturn(d) : undefined;
  const abnormalItems = card?.items.filter((i) => i.abnormal === '1').length ?? 0;
  const target = (decision: ReviewTarget['decision']): ReviewTarget | null =>
    d ? { decision, cards: [{ id: d.id, recordId: d.recordId }] } : null;

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={screens.lg === false ? '100%' : 980}
      destroyOnHidden
      data-testid="card-detail"
      title={
        d ? (
          <Space wrap size={[8, 0]}>
            <span>{t('examCards.cardTitle', { record: d.recordId })}</span>
            <AuditStatusTag code={d.auditStatus} names={codes.auditStatuses} />
          </Space>
        ) : (
          t('examCards.detailTitle')
        )
      }
      extra={
        d?.abilities.review ? (
          <Space>
            <Button
              type="primary"
              icon={<CheckOutlined />}
              onClick={() => onReview(target('approved')!)}
              data-testid="card-approve"
            >
              {t('examCards.approve')}
            </Button>
            <Button
              danger
              icon={<RollbackOutlined />}
              onClick={() => onReview(target('returned')!)}
              data-testid="card-return"
            >
              {t('examCards.return')}
            </Button>
          </Space>
        ) : null
      }
    >
      {q.isError ? (
        <Alert type="error" showIcon message={errorMessage(q.error)} />
      ) : d && card ? (
        <div data-testid="card-detail-body">
          {returned ? (
            <Alert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="card-returned-alert"
              message={t('examCards.returnedAlert', {
                level: levelLabel(t, returned.level),
                opinion: returned.opinion ?? t('examCards.noOpinion'),
              })}
            />
          ) : null}
          <Fields
            column={3}
            items={[
              { key: 'record', label: t('examCards.recordId'), children: d.recordId },
              { key: 'examNo', label: t('examCards.examNo'), children: orDash(d.examNo) },
              {
                key: 'status',
                label: t('examCards.auditStatus'),
                children: <AuditStatusTag code={d.auditStatus} names={codes.auditStatuses} />,
              },
              { key: 'institution', label: t('examCards.institution'), children: d.institutionName, span: 2 },
              { key: 'examDate', label: t('examCards.examDate'), children: fmtDate(d.examDate) },
              {
                key: 'conclusions',
                label: t('examCards.conclusions'),
                span: 2,
                children: (
                  <Space size={[0, 4]} wrap>
                    {d.conclusionCodes.map((c) => (
                      <ConclusionTag key={c} code={c} names={codes.conclusions} full />
                    ))}
                  </Space>
                ),
              },
              { key: 'reportDate', label: t('examCards.reportDate'), children: fmtDate(d.reportDate) },
              {
                key: 'version',
                label: t('examCards.version'),
                children: t('examCards.versionN', { version: d.version }),
              },
              {
                key: 'updated',
                label: t('examCards.updatedAt'),
                children: fmtDateTime(d.updatedAt),
                span: 2,
              },
            ]}
          />
          <Section title={t('examCards.sections.worker')}>
            <Worker card={card} codes={codes} />
          </Section>
          <Section title={t('examCards.sections.employer')}>
            <Enterprise e={card.employer} withContact />
          </Section>
          <Section title={t('examCards.sections.employingUnit')}>
            {card.employingUnit.creditCode === card.employer.creditCode ? (
              <Typography.Text type="secondary" data-testid="card-same-employer">
                {t('examCards.sameAsEmployer')}
              </Typography.Text>
            ) : (
              <Enterprise e={card.employingUnit} />
            )}
          </Section>
          <Section title={t('examCards.sections.exam')}>
            <ExamInfo card={card} detail={d} codes={codes} onOpenCard={onOpen} />
          </Section>
          <Section title={t('examCards.sections.conclusions')}>
            <Conclusions card={card} codes={codes} />
          </Section>
          <Section
            title={t('examCards.sections.items')}
            extra={
              abnormalItems ? (
                <Typography.Text type="danger" data-testid="card-abnormal-count">
                  {t('examCards.abnormalCount', { count: abnormalItems })}
                </Typography.Text>
              ) : null
            }
          >
            <Items card={card} />
          </Section>
          <Section title={t('examCards.sections.report')}>
            <Report card={card} />
          </Section>
          <Section title={t('examCards.sections.reviews')}>
            <Reviews detail={d} />
          </Section>
          <Section title={t('examCards.sections.versions')}>
            <Versions detail={d} />
          </Section>
        </div>
      ) : (
        <Skeleton active />
      )}
    </Drawer>
  );
};
