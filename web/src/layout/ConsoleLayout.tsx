import { Suspense, type ReactNode } from 'react';
import { Layout, Typography } from 'antd';
import { Outlet, useLocation } from 'react-router-dom';
import { isPathAllowed } from '../menu';
import { useRequiredSession } from '../session';
import { HeaderBar } from './HeaderBar';
import { PageSpin } from './PageSpin';
import { SideMenu } from './SideMenu';
import { UnreadProvider } from './unread';

const { Sider, Header, Content } = Layout;

/** The console after login: 主菜单 on the left, the system name and the user on top. */
export function ConsoleLayout({ notFound }: { notFound: ReactNode }) {
  const session = useRequiredSession();
  const { pathname } = useLocation();
  const allowed = isPathAllowed(session.menu, pathname);
  return (
    <UnreadProvider>
      <Layout style={{ minHeight: '100vh' }}>
        <Sider width={240} breakpoint="lg" collapsedWidth={0}>
          <Typography.Text strong style={{ display: 'block', color: 'rgba(255,255,255,0.85)', padding: '20px 24px 8px' }}>
            主菜单
          </Typography.Text>
          <SideMenu menu={session.menu} />
        </Sider>
        <Layout>
          <Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0' }}>
            <HeaderBar session={session} />
          </Header>
          <Content style={{ margin: 24 }}>
            <Suspense fallback={<PageSpin />}>{allowed ? <Outlet /> : notFound}</Suspense>
          </Content>
        </Layout>
      </Layout>
    </UnreadProvider>
  );
}
