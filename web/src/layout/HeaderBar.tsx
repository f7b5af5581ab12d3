import { BellOutlined, DownOutlined, IdcardOutlined, KeyOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Badge, Button, Dropdown, Flex, Typography, type MenuProps } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { useSession } from '../session';
import type { Session } from '../types';
import { useUnread } from './unread';

export const systemName = '网上名称注册管理系统';

/** 单位 (handler) or 区域 (office reviewer) the user acts for. */
export const scopeName = (s: Session): string | null => s.user.unit?.name ?? s.user.region?.name ?? null;

export function UserMenu({ session, withPasswordItem = true }: { session: Session; withPasswordItem?: boolean }) {
  const { logout } = useSession();
  const navigate = useNavigate();
  const items: MenuProps['items'] = [
    ...(withPasswordItem
      ? [
          { key: 'account', icon: <IdcardOutlined />, label: '账户信息' },
          { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
        ]
      : []),
    { key: 'logout', icon: <LogoutOutlined />, label: '退出' },
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'account') navigate('/account');
    if (key === 'password') navigate('/account/password');
    if (key === 'logout') void logout().then(() => navigate('/login', { replace: true }));
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']}>
      <Button type="text" data-testid="user-menu" icon={<UserOutlined />}>
        <Flex component="span" align="center" gap={6}>
          <span data-testid="user-display-name">{session.user.displayName}</span>
          <Typography.Text type="secondary" data-testid="user-role">
            {session.user.roleLabel}
          </Typography.Text>
          <DownOutlined />
        </Flex>
      </Button>
    </Dropdown>
  );
}

export function HeaderBar({ session }: { session: Session }) {
  const { unread } = useUnread();
  const scope = scopeName(session);
  return (
    <Flex align="center" justify="space-between" style={{ height: '100%' }}>
      <Typography.Title level={4} style={{ margin: 0 }}>
        {systemName}
      </Typography.Title>
      <Flex align="center" gap={16}>
        {scope && (
          <Typography.Text data-testid="user-scope" type="secondary">
            {scope}
          </Typography.Text>
        )}
        <Link to="/inbox" data-testid="inbox-link" aria-label={`消息，${unread} 条未读`}>
          <span data-testid="unread-badge" data-count={unread}>
            <Badge count={unread} size="small" offset={[4, -2]}>
              <BellOutlined style={{ fontSize: 16 }} /> 消息
            </Badge>
          </span>
        </Link>
        <UserMenu session={session} />
      </Flex>
    </Flex>
  );
}
