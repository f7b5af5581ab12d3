import type { ReactNode } from 'react';
import { Flex, Layout, Typography } from 'antd';
import { useRequiredSession } from '../session';
import { systemName, UserMenu } from './HeaderBar';

/** While the password must be changed or 二次验证 passed or set up, nothing but that page (and 退出) is on screen. */
export function ForcedPasswordLayout({ children }: { children: ReactNode }) {
  const session = useRequiredSession();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#fff', padding: '0 24px', borderBottom: '1px solid #f0f0f0' }}>
        <Flex align="center" justify="space-between" style={{ height: '100%' }}>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {systemName}
          </Typography.Title>
          <UserMenu session={session} withPasswordItem={false} />
        </Flex>
      </Layout.Header>
      <Layout.Content style={{ padding: 24, maxWidth: 640, width: '100%', margin: '0 auto' }}>{children}</Layout.Content>
    </Layout>
  );
}
