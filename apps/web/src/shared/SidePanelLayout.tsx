/** RuoYi's list page: a narrow card on the left (tree or list) and the table on the right. */
import { Card, Col, Row } from 'antd';
import type { ReactNode } from 'react';

export const SidePanelLayout = ({
  side,
  sideTitle,
  children,
}: {
  side: ReactNode;
  sideTitle: ReactNode;
  children: ReactNode;
}) => (
  <Row gutter={16} wrap={false}>
    <Col flex="260px" style={{ minWidth: 0 }}>
      <Card size="small" title={sideTitle} className="ohp-side-card" style={{ height: '100%' }}>
        {side}
      </Card>
    </Col>
    <Col flex="auto" style={{ minWidth: 0 }}>
      {children}
    </Col>
  </Row>
);
