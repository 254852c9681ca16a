/**
 * RuoYi's list page: a narrow card on the left (tree or list) and the table on the right. On a phone
 * the side card folds into a collapsible panel above the table, so the table keeps the full width.
 */
import { Card, Col, Collapse, Grid, Row } from 'antd';
import type { ReactNode } from 'react';

export const SidePanelLayout = ({
  side,
  sideTitle,
  children,
  sideWidth = 260,
}: {
  side: ReactNode;
  sideTitle: ReactNode;
  children: ReactNode;
  /** Width of the side card on a desktop, in px (a wide table may need a narrower tree). */
  sideWidth?: number;
}) => {
  const screens = Grid.useBreakpoint();
  if (screens.md === false)
    return (
      <>
        <Collapse
          size="small"
          style={{ marginBottom: 12, background: '#fff' }}
          items={[{ key: 'side', label: sideTitle, children: side }]}
          data-testid="side-panel-collapsed"
        />
        {children}
      </>
    );
  return (
    <Row gutter={16} wrap={false}>
      <Col flex={`${sideWidth}px`} style={{ minWidth: 0 }}>
        <Card size="small" title={sideTitle} className="ohp-side-card" style={{ height: '100%' }}>
          {side}
        </Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {children}
      </Col>
    </Row>
  );
};
