/** RuoYi-like frame: ProLayout (mix), menu from permissions, organisation, language switch, user menu. */
import { GlobalOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { ProLayout, type MenuDataItem } from '@ant-design/pro-components';
import { Dropdown, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useLocation, useNavigate } from 'react-router-dom';
import { storeLang, type UiLang } from '../shared/i18n';
import { useAuth } from './auth';
import { visibleMenu, type MenuEntry } from './menu';

const testId = (path: string) => `menu${path.replace(/\//g, '-')}`;

export const LanguageSwitch = ({ dark = false }: { dark?: boolean }) => {
  const { t, i18n } = useTranslation();
  const change = (lang: UiLang) => {
    storeLang(lang);
    void i18n.changeLanguage(lang);
  };
  return (
    <Dropdown
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

  if (!me) return null;
  return (
    <ProLayout
      title={t('app.title')}
      logo={<img src="/favicon.svg" alt="" style={{ height: 28 }} />}
      layout="mix"
      fixSiderbar
      fixedHeader
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
          {me.organisation.regionName ? (
            <Tag color="blue" style={{ marginInlineEnd: 0 }}>
              {me.organisation.regionName}
            </Tag>
          ) : null}
        </div>,
        <div key="lang" style={{ paddingInline: 8 }}>
          <LanguageSwitch />
        </div>,
      ]}
      avatarProps={{
        icon: <UserOutlined />,
        size: 'small',
        title: <span data-testid="header-user">{me.user.displayName}</span>,
        render: (_props, dom) => (
          <Dropdown
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
      <Outlet />
    </ProLayout>
  );
};
