// The app frame: side menu on desktop, bottom tab bar on phones, language switch and the user menu.
import type { ReactNode } from 'react';
import { Avatar, Button, Dropdown, Grid, Layout, Menu, Typography } from 'antd';
import { AimOutlined, DashboardOutlined, EditOutlined, EllipsisOutlined, EnvironmentOutlined, FallOutlined, FundProjectionScreenOutlined, GlobalOutlined, LineChartOutlined, LogoutOutlined, RiseOutlined, SettingOutlined, TeamOutlined } from '@ant-design/icons';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useMe, useSession } from './session.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { useLabels } from '../components/labels.tsx';

function useNavItems() {
  const { t } = useI18n();
  const { can, me } = useSession();
  const items = [
    { key: '/', icon: <DashboardOutlined />, label: t('nav.workbench') },
    { key: '/accounts', icon: <TeamOutlined />, label: t('nav.accounts') },
    { key: '/pipeline', icon: <FundProjectionScreenOutlined />, label: t('nav.pipeline') },
    { key: '/quick-log', icon: <EditOutlined />, label: t('nav.quickLog') },
  ];
  if (can('visits', 'read')) items.push({ key: '/visits', icon: <EnvironmentOutlined />, label: t('nav.visits') });
  if (me && me.user.role !== 'rep') items.push({ key: '/process', icon: <AimOutlined />, label: t('nav.process') });
  if (can('forecast', 'read')) items.push({ key: '/forecast', icon: <LineChartOutlined />, label: t('nav.forecast') });
  if (me && me.user.role !== 'rep') items.push({ key: '/pipeline/changes', icon: <RiseOutlined />, label: t('nav.pipelineChanges') });
  if (can('customer_pool', 'read')) items.push({ key: '/pool', icon: <GlobalOutlined />, label: t('nav.pool') });
  if (can('deal_decay', 'read')) items.push({ key: '/forecast/decay', icon: <FallOutlined />, label: t('evidence.nav.decay') });
  if (can('users', 'create')) items.push({ key: '/admin', icon: <SettingOutlined />, label: t('nav.admin') });
  return items;
}

function activeKey(pathname: string): string {
  if (pathname.startsWith('/accounts')) return '/accounts';
  if (pathname.startsWith('/pipeline/changes')) return '/pipeline/changes';
  if (pathname.startsWith('/pipeline') || pathname.startsWith('/opportunities')) return '/pipeline';
  if (pathname.startsWith('/quick-log')) return '/quick-log';
  if (pathname.startsWith('/admin')) return '/admin';
  for (const key of ['/visits', '/process', '/pool', '/forecast/decay', '/forecast']) if (pathname.startsWith(key)) return key;
  return '/';
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useI18n();
  const me = useMe();
  const { signOut } = useSession();
  const labels = useLabels();
  const navigate = useNavigate();
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'who', label: `${me.user.email} · ${labels.role(me.user.role)}`, disabled: true },
          { key: 'tenant', label: me.tenant.name, disabled: true },
          { type: 'divider' },
          { key: 'logout', icon: <LogoutOutlined />, label: t('shell.logout'), onClick: () => void signOut().then(() => navigate('/login')) },
        ],
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 4 }}>
        <Avatar size="small" style={{ background: '#1664d9' }}>{me.user.name.slice(0, 1)}</Avatar>
        {!compact && <span style={{ marginLeft: 6 }}>{me.user.name}</span>}
      </Button>
    </Dropdown>
  );
}

const PHONE_TABS = 5;

export function Shell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const screens = Grid.useBreakpoint();
  const isPhone = screens.md === false;
  const items = useNavItems();
  const location = useLocation();
  const navigate = useNavigate();
  const selected = activeKey(location.pathname);

  const header = (
    <Layout.Header style={{ background: '#fff', paddingInline: isPhone ? 12 : 24, display: 'flex', alignItems: 'center', gap: 12, height: 52, lineHeight: '52px', borderBottom: '1px solid #eef0f3', position: 'sticky', top: 0, zIndex: 10 }}>
      {isPhone && (
        <Link to="/">
          <Typography.Text strong style={{ fontSize: 17 }}>Sightline</Typography.Text>
        </Link>
      )}
      <div style={{ flex: 1 }} />
      <LanguageSwitch />
      <UserMenu compact={isPhone} />
    </Layout.Header>
  );

  if (isPhone) {
    // a phone's tab bar holds five: the rest go under 更多
    const tabs = items.length > PHONE_TABS ? items.slice(0, PHONE_TABS - 1) : items;
    const more = items.slice(tabs.length);
    const tabStyle = (active: boolean) => ({ flex: 1, border: 0, background: 'none', display: 'flex', flexDirection: 'column' as const, alignItems: 'center', justifyContent: 'center', gap: 2, fontSize: 12, color: active ? '#1664d9' : '#4b5563', cursor: 'pointer' });
    return (
      <Layout style={{ minHeight: '100vh' }}>
        {header}
        <Layout.Content style={{ padding: 12, paddingBottom: 76 }}>{children}</Layout.Content>
        <nav aria-label="main" style={{ position: 'fixed', bottom: 0, left: 0, right: 0, height: 60, background: '#fff', borderTop: '1px solid #e5e7eb', display: 'flex', zIndex: 20 }}>
          {tabs.map((item) => (
            <button key={item.key} type="button" onClick={() => navigate(item.key)} aria-current={selected === item.key ? 'page' : undefined} style={tabStyle(selected === item.key)}>
              <span style={{ fontSize: 20 }}>{item.icon}</span>
              {item.label}
            </button>
          ))}
          {more.length > 0 && (
            <Dropdown trigger={['click']} placement="topRight" menu={{ items: more, selectedKeys: [selected], onClick: ({ key }) => navigate(key) }}>
              <button type="button" aria-current={more.some((item) => item.key === selected) ? 'page' : undefined} style={tabStyle(more.some((item) => item.key === selected))} data-testid="nav-more">
                <span style={{ fontSize: 20 }}><EllipsisOutlined /></span>
                {t('nav.more')}
              </button>
            </Dropdown>
          )}
        </nav>
      </Layout>
    );
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={208} theme="light" collapsible={false} style={{ borderRight: '1px solid #eef0f3' }}>
        <Link to="/" style={{ display: 'block', padding: '14px 24px', fontSize: 18, fontWeight: 600, color: '#1f2937' }}>
          Sightline
        </Link>
        <Menu mode="inline" selectedKeys={[selected]} items={items} onClick={({ key }) => navigate(key)} style={{ borderInlineEnd: 0 }} />
      </Layout.Sider>
      <Layout>
        {header}
        <Layout.Content style={{ padding: 24 }}>{children}</Layout.Content>
      </Layout>
    </Layout>
  );
}
