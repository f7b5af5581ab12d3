import type { ReactNode } from 'react';
import { Card, Flex, Typography } from 'antd';
import { systemName } from '../layout/HeaderBar';

/** The frame of the pages shown before login. */
export function AuthCard({ subtitle, children }: { subtitle: string; children: ReactNode }) {
  return (
    <Flex justify="center" align="flex-start" style={{ minHeight: '100vh', background: '#f0f2f5', padding: '10vh 16px 32px' }}>
      <Card style={{ width: 440, maxWidth: '100%' }}>
        <Typography.Title level={3} style={{ textAlign: 'center', marginTop: 0 }}>
          {systemName}
        </Typography.Title>
        <Typography.Title level={5} style={{ textAlign: 'center', marginTop: 0, marginBottom: 24 }} type="secondary">
          {subtitle}
        </Typography.Title>
        {children}
      </Card>
    </Flex>
  );
}
