/** 工作台: greeting, who and where I am, shortcuts to what I may open, and account notices. */
import { PageContainer } from '@ant-design/pro-components';
import { Alert, Button, Card, Col, Descriptions, Empty, Row, Space, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { useAuth } from '../../app/auth';
import { flatMenu, shortcutKeyOf, visibleMenu } from '../../app/menu';
import { kindLabel, roleName } from '../../shared/format';
import { TodoCards } from '../todos/TodoCards';

const greetingKey = (h: number) =>
  h < 11
    ? 'workbench.greetingMorning'
    : h < 13
      ? 'workbench.greetingNoon'
      : h < 18
        ? 'workbench.greetingAfternoon'
        : 'workbench.greetingEvening';

export const WorkbenchPage = () => {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const navigate = useNavigate();
  if (!me) return null;
  // Only pages the user may open, each described by what the user may do there.
  const shortcuts = flatMenu(visibleMenu(can)).flatMap((e) => {
    const key = shortcutKeyOf(e, can, me.organisation.kind);
    return key ? [{ ...e, shortcutKey: key }] : [];
  });
  const expires = me.user.passwordExpiresAt ? dayjs(me.user.passwordExpiresAt) : null;
  const daysLeft = expires ? expires.diff(dayjs(), 'day') : null;
  const notices: { key: string; type: 'warning' | 'info'; text: string }[] = [];
  if (me.user.totpRequired && !me.user.totpEnabled)
    notices.push({ key: 'totp', type: 'warning', text: t('workbench.totpRequired') });
  if (expires && daysLeft !== null) {
    notices.push(
      daysLeft <= 14
        ? {
            key: 'pwd',
            type: 'warning',
            text: t('workbench.passwordExpiresSoon', {
              date: expires.format('YYYY-MM-DD'),
              days: Math.max(daysLeft, 0),
            }),
          }
        : {
            key: 'pwd',
            type: 'info',
            text: t('workbench.passwordExpires', { date: expires.format('YYYY-MM-DD') }),
          },
    );
  }
  const levelLabel = t(`org.levels.${me.organisation.level}`, { defaultValue: me.organisation.level });

  return (
    <PageContainer title={false} breadcrumbRender={false}>
      <Card style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="greeting">
          {t('workbench.greeting', {
            greeting: t(greetingKey(new Date().getHours())),
            name: me.user.displayName,
          })}
        </Typography.Title>
        <Descriptions column={{ xs: 1, md: 2, xl: 4 }} size="small">
          <Descriptions.Item label={t('workbench.organisation')}>{me.organisation.name}</Descriptions.Item>
          <Descriptions.Item label={t('workbench.orgKind')}>
            {kindLabel(me.organisation.kind)}
          </Descriptions.Item>
          <Descriptions.Item label={t('workbench.region')}>
            {me.organisation.regionName}（{me.organisation.regionCode}，{levelLabel}）
          </Descriptions.Item>
          <Descriptions.Item label={t('workbench.roles')}>
            <Space size={4} wrap>
              {me.roles.map((r) => (
                <Tag color="blue" key={r.key}>
                  {roleName(r)}
                </Tag>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {/* 待办事项: counts by state, each opening the filtered to-do list (business users). */}
      {can('organisation_profile:update') ? <TodoCards /> : null}
      <Row gutter={16}>
        <Col xs={24} lg={16}>
          <Card title={t('workbench.shortcuts')} style={{ marginBottom: 16 }}>
            <Row gutter={[16, 16]}>
              {shortcuts.map((s) => (
                <Col xs={24} sm={12} xl={8} key={s.path}>
                  <Card
                    size="small"
                    hoverable
                    className="ohp-shortcut"
                    onClick={() => navigate(s.path)}
                    data-testid={`shortcut${s.path.replace(/\//g, '-')}`}
                  >
                    <Space align="start">
                      <span style={{ fontSize: 24, color: '#1677ff' }}>{s.icon}</span>
                      <div>
                        <Typography.Text strong>{t(s.labelKey)}</Typography.Text>
                        <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>
                          {t(`workbench.shortcut.${s.shortcutKey}`)}
                        </Typography.Paragraph>
                      </div>
                    </Space>
                  </Card>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card title={t('workbench.notices')} style={{ marginBottom: 16 }}>
            {notices.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('workbench.noNotices')} />
            ) : (
              <Space direction="vertical" style={{ width: '100%' }}>
                {notices.map((n) => (
                  <Alert
                    key={n.key}
                    type={n.type}
                    showIcon
                    message={n.text}
                    data-testid={`notice-${n.key}`}
                  />
                ))}
                <Button type="link" style={{ padding: 0 }} onClick={() => navigate('/account')}>
                  {t('workbench.goAccount')}
                </Button>
              </Space>
            )}
            {me.user.totpEnabled ? (
              <Tag color="green" style={{ marginTop: 8 }}>
                {t('workbench.totpEnabled')}
              </Tag>
            ) : null}
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
};
