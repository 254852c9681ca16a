/** RuoYi-like frame: ProLayout (mix), menu from permissions, organisation, language switch, user menu. */
import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { Breadcrumb, Dropdown, Grid, Space, Spin, Tag, Typography } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { storeLang, type UiLang } from '../shared/i18n';
import { NotificationBell } from '../features/todos/NotificationBell';
import { useAuth } from './auth';
import { menuEntries, visibleMenu, type MenuEntry } from './menu';

const testId = (path: string) => `menu${path.replace(/\//g, '-')}`;

export const LanguageSwitch = ({ dark = false }: { dark?: boolean }) => {
  const { t, i18n } = useTranslation();
  const change = (lang: UiLang) => {
    storeLang(lang);
    void i18n.changeLanguage(lang);
  };
  return (
    <Dropdown
      // Click, not hover: the same gesture on a phone's touch screen and with a mouse.
      trigger={['click']}
      menu={{
        selectedKeys: [i18n.language === 'en' ? 'en' : 'zh-CN'],
        items: [
          { key: 'zh-CN', label: <span data-testid="lang-zh">中文</span> },
          { key: 'en', label: <span data-testid="lang-en">English</span> },
        ],
        onClick: ({ key }) => change(key as UiLang),
      }}
    >
      <Space
        data-testid="lang-switch"
        style={{ cursor: 'pointer', color: dark ? '#fff' : undefined }}
        title={t('lang.switch')}
      >
        <GlobalOutlined />
        <span>{i18n.language === 'en' ? 'English' : '中文'}</span>
      </Space>
    </Dropdown>
  );
};

/** The menu entry a path belongs to (longest prefix) and the group above it, for title and breadcrumb. */
export const pageOf = (pathname: string): { group: MenuEntry | null; entry: MenuEntry } | null => {
  let best: { group: MenuEntry | null; entry: MenuEntry } | null = null;
  const visit = (entries: MenuEntry[], group: MenuEntry | null) => {
    for (const e of entries) {
      if (e.children) visit(e.children, e);
      else if (
        (pathname === e.path || pathname.startsWith(`${e.path}/`)) &&
        (!best || e.path.length > best.entry.path.length)
      )
        best = { group, entry: e };
    }
  };
  visit(menuEntries, null);
  return best;
};

/** Title and breadcrumb of every page, from the menu; also the browser tab's title. */
const PageHeading = () => {
  const { t } = useTranslation();
  const location = useLocation();
  const page = pageOf(location.pathname);
  const title = page ? t(page.entry.labelKey) : null;
  useEffect(() => {
    document.title = title ? `${title} - ${t('app.title')}` : t('app.title');
  }, [title, t]);
  if (!page) return null;
  const items = [
    { title: <Link to="/workbench">{t('menu.workbench')}</Link> },
    ...(page.group ? [{ title: t(page.group.labelKey) }] : []),
    ...(page.entry.path === '/workbench' ? [] : [{ title: <Link to={page.entry.path}>{title}</Link> }]),
  ];
  return (
    <div style={{ padding: '12px 16px 0' }} data-testid="page-heading">
      <Breadcrumb items={items} data-testid="breadcrumb" />
      <Typography.Title level={4} style={{ margin: '4px 0 0' }} data-testid="page-title">
        {title}
      </Typography.Title>
    </div>
  );
};

export const AppLayout = () => {
  const { t } = useTranslation();
  const { me, can, logout } = useAuth();
  const location = useLocation();
  const navigate = useNavigate();

  const routes = useMemo<MenuDataItem[]>(() => {
    const toItem = (e: MenuEntry): MenuDataItem => ({
      path: e.path,
      key: e.path,
      name: t(e.labelKey),
      icon: e.icon,
      children: e.children?.map(toItem),
    });
    return visibleMenu(can).map(toItem);
  }, [can, t]);

  const screens = Grid.useBreakpoint();
  // Below md the sider becomes a drawer (ProLayout) and the header keeps only what fits a phone.
  const phone = screens.md === false;
  const [collapsed, setCollapsed] = useState(false);
  // On a phone the menu drawer closes once a page is chosen.
  useEffect(() => {
    if (phone) setCollapsed(true);
  }, [phone, location.pathname]);

  if (!me) return null;
  return (
    <ProLayout
      title={t('app.title')}
      logo={<img src="/favicon.svg" alt="" style={{ height: 28 }} />}
      layout="mix"
      fixSiderbar
      fixedHeader
      collapsed={collapsed}
      onCollapse={setCollapsed}
      siderWidth={216}
      route={{ path: '/', routes }}
      location={{ pathname: location.pathname.startsWith('/catalogues') ? '/catalogues' : location.pathname }}
      menu={{ defaultOpenAll: true, ignoreFlatMenu: true, locale: false }}
      onMenuHeaderClick={() => navigate('/workbench')}
      menuItemRender={(item, dom) => (
        <Link to={item.path ?? '/'} data-testid={testId(item.path ?? '')} data-menu-path={item.path}>
          {dom}
        </Link>
      )}
      subMenuItemRender={(item, dom) => (
        <span data-testid={testId(item.path ?? '')} data-menu-path={item.path}>
          {dom}
        </span>
      )}
      token={{
        header: { colorBgHeader: '#fff', heightLayoutHeader: 56 },
        sider: { colorMenuBackground: '#fff' },
        pageContainer: { paddingBlockPageContainerContent: 16, paddingInlinePageContainerContent: 16 },
      }}
      actionsRender={() => [
        <div
          key="org"
          style={{ display: 'flex', alignItems: 'center', gap: 6, paddingInline: 8, height: 56 }}
          data-testid="header-org"
        >
          <Typography.Text
            type="secondary"
            style={{
              display: phone ? 'none' : undefined,
              maxWidth: 320,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
              lineHeight: '56px',
            }}
            title={me.organisation.name}
          >
            {me.organisation.name}
          </Typography.Text>
          {me.organisation.regionName && !phone ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {me.organisation.regionName}
            </Tag>
          ) : null}
        </div>,
        // 通知: the bell with the unread count (business users: notifications go to organisations).
        ...(can('organisation_profile:update') ? [<NotificationBell key="bell" />] : []),
        <div key="lang" style={{ paddingInline: 8 }}>
          <LanguageSwitch />
        </div>,
      ]}
      avatarProps={{
        icon: <UserOutlined data-testid="user-menu" />,
        size: 'small',
        title: phone ? undefined : <span data-testid="header-user">{me.user.displayName}</span>,
        render: (_props, dom) => (
          <Dropdown
            trigger={['click']}
            menu={{
              items: [
                { key: 'account', icon: <UserOutlined />, label: t('user.account') },
                { type: 'divider' },
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  label: <span data-testid="logout">{t('user.logout')}</span>,
                },
              ],
              onClick: ({ key }) => {
                if (key === 'account') navigate('/account');
                if (key === 'logout') void logout();
              },
            }}
          >
            {dom}
          </Dropdown>
        ),
      }}
      footerRender={() => (
        <div style={{ textAlign: 'center', color: '#999', padding: '12px 0', fontSize: 12 }}>
          {t('app.footer')}
        </div>
      )}
    >
      <PageHeading />
      {/* Pages load on first visit (router.tsx): the frame stays while one does. */}
      <Suspense
        fallback={
          <div style={{ display: 'flex', padding: 64, justifyContent: 'center' }}>
            <Spin />
          </div>
        }
      >
        <Outlet />
      </Suspense>
    </ProLayout>
  );
};
