/**
 * 季调度表 (issue 17 item 5, seed 002 三(三)1): the quarterly dispatch of declaration progress per region
 * for a chosen quarter, as a table that prints on one A4 landscape page per region table (print CSS
 * below hides the application shell), and as xlsx (audited on the server).
 */
import { PageContainer } from '@ant-design/pro-components';
import type { DispatchRow } from '@ohp/contracts';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../../shared/errors';
import { OVERSIGHT_KEY, exportDispatch, getDispatch, pct, pp, quarterOptions } from './api';

const PRINT_CSS = `
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body * { visibility: hidden; }
  #dispatch-print, #dispatch-print * { visibility: visible; }
  #dispatch-print { position: absolute; left: 0; top: 0; width: 100%; }
  #dispatch-print .no-print { display: none !important; }
  #dispatch-print .ant-table-content, #dispatch-print .ant-table-container { overflow: visible !important; }
  #dispatch-print table { font-size: 9px; width: 100% !important; min-width: 0 !important; table-layout: auto !important; }
  #dispatch-print col { width: auto !important; }
  #dispatch-print .ant-table-cell-fix-left { position: static !important; }
  #dispatch-print .ant-table-cell { padding: 2px 4px !important; }
  #dispatch-print .dispatch-region { page-break-after: always; }
}
`;

export const DispatchPage = () => {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const quarters = quarterOptions();
  const [quarter, setQuarter] = useState(quarters[1] ?? quarters[0]!);
  const q = useQuery({
    queryKey: [OVERSIGHT_KEY, 'dispatch', quarter],
    queryFn: () => getDispatch({ quarter }),
  });
  const r = q.data;
  const k = (s: string) => t(`declarationOversight.dispatch.${s}`);
  const rateCols = (m: 'a' | 'b') => ({
    title: t(`declarationOversight.measures.${m}`),
    children: [
      {
        title: k('denominator'),
        key: `${m}d`,
        width: 70,
        render: (_: unknown, x: DispatchRow) => x[m].denominator,
      },
      {
        title: k('declared'),
        key: `${m}x`,
        width: 70,
        render: (_: unknown, x: DispatchRow) => x[m].declared,
      },
      {
        title: t('declarationOversight.rate'),
        key: `${m}r`,
        width: 70,
        render: (_: unknown, x: DispatchRow) => pct(x[m].rate),
      },
      {
        title: k('change'),
        key: `${m}c`,
        width: 70,
        render: (_: unknown, x: DispatchRow) => pp(x[m].change),
      },
    ],
  });
  return (
    <PageContainer title={false} breadcrumbRender={false} loading={q.isLoading}>
      <style>{PRINT_CSS}</style>
      <div id="dispatch-print">
        <Alert className="no-print" type="info" showIcon message={k('intro')} style={{ marginBottom: 12 }} />
        <Space className="no-print" wrap style={{ marginBottom: 12 }}>
          <Typography.Text>{k('quarter')}</Typography.Text>
          <Select
            style={{ width: 120 }}
            value={quarter}
            onChange={setQuarter}
            options={quarters.map((x) => ({ value: x, label: x }))}
            data-testid="dispatch-quarter"
          />
          <Button onClick={() => window.print()}>{k('print')}</Button>
          <Button
            type="primary"
            onClick={() => void exportDispatch({ quarter }).catch((e: unknown) => reportError(message, e))}
          >
            {k('download')}
          </Button>
        </Space>
        {r && (
          <div className="dispatch-region">
            <Typography.Title level={4} style={{ textAlign: 'center' }}>
              {`${r.regionName}${k('title')}`}
            </Typography.Title>
            <Typography.Paragraph style={{ textAlign: 'center' }}>
              {`${r.quarter}：${t('declarationOversight.dispatch.period', { from: r.from, to: r.to, prev: r.previousQuarter })}`}
            </Typography.Paragraph>
            <Table<DispatchRow>
              rowKey="regionCode"
              size="small"
              bordered
              data-testid="dispatch-table"
              dataSource={r.rows}
              pagination={false}
              scroll={{ x: 1300 }}
              summary={() => (
                <Table.Summary.Row>
                  {[
                    k('total'),
                    r.total.employers,
                    r.total.inProgramme,
                    r.total.a.denominator,
                    r.total.a.declared,
                    pct(r.total.a.rate),
                    pp(r.total.a.change),
                    r.total.b.denominator,
                    r.total.b.declared,
                    pct(r.total.b.rate),
                    pp(r.total.b.change),
                    r.total.newInitial,
                    r.total.newChange,
                    r.total.newAnnual,
                    r.total.newCancel,
                    r.total.late,
                    r.total.annualOverdue,
                    r.total.followUps ?? k('notAvailable'),
                    r.total.verified ? pct(r.total.verified.rate) : '—',
                  ].map((v, i) => (
                    <Table.Summary.Cell key={i} index={i}>
                      <Typography.Text strong>{v}</Typography.Text>
                    </Table.Summary.Cell>
                  ))}
                </Table.Summary.Row>
              )}
              columns={[
                {
                  title: t('declarationOversight.region'),
                  dataIndex: 'regionName',
                  width: 110,
                  fixed: 'left',
                },
                { title: k('inDb'), dataIndex: 'employers', width: 70 },
                { title: k('inProgramme'), dataIndex: 'inProgramme', width: 70 },
                rateCols('a'),
                rateCols('b'),
                {
                  title: k('newInQuarter'),
                  children: (['newInitial', 'newChange', 'newAnnual', 'newCancel'] as const).map((f) => ({
                    title: k(f),
                    dataIndex: f,
                    width: 60,
                  })),
                },
                { title: k('late'), dataIndex: 'late', width: 70 },
                { title: k('overdue'), dataIndex: 'annualOverdue', width: 80 },
                {
                  title: k('followUps'),
                  dataIndex: 'followUps',
                  width: 70,
                  render: (v: number | null) => v ?? k('notAvailable'),
                },
                {
                  title: t('declarationOversight.verified'),
                  key: 'verified',
                  width: 100,
                  render: (_: unknown, x: DispatchRow) => (x.verified ? pct(x.verified.rate) : '—'),
                },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
              {k('footnote')}
            </Typography.Paragraph>
          </div>
        )}
      </div>
    </PageContainer>
  );
};
