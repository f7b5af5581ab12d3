import { useState } from 'react';
import { Alert, Button, Modal, Space, Tag, Typography } from 'antd';
import { formatDateTime } from '../../format';
import type { AdminUser } from '../../types';
import { copyText } from '../../clipboard';

export const isLocked = (u: AdminUser): boolean => u.lockedUntil !== null && new Date(u.lockedUntil) > new Date();

/** 状态: 正常 / 已停用 / 已锁定 until time / 需修改密码. */
export function UserStatus({ user }: { user: AdminUser }) {
  const tags = [];
  if (user.disabled) tags.push(<Tag key="disabled" color="red">已停用</Tag>);
  if (isLocked(user)) {
    tags.push(
      <Tag key="locked" color="orange">
        已锁定（至 {formatDateTime(user.lockedUntil)}）
      </Tag>,
    );
  }
  if (user.mustChangePassword) tags.push(<Tag key="must" color="gold">需修改密码</Tag>);
  if (tags.length === 0) tags.push(<Tag key="ok" color="green">正常</Tag>);
  if (user.secondFactorEnabled) tags.push(<Tag key="2fa" color="blue">二次验证</Tag>);
  return <Space size={[0, 4]} wrap>{tags}</Space>;
}

/** Shows a generated password once; it cannot be seen again after closing. */
export function OncePasswordModal({
  title,
  username,
  password,
  onClose,
}: {
  title: string;
  username: string;
  password: string | null;
  onClose: () => void;
}) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const close = () => {
    setCopied(null);
    onClose();
  };
  return (
    <Modal
      title={title}
      open={password !== null}
      onCancel={close}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={close}>
          我已记录
        </Button>
      }
    >
      <Alert type="warning" showIcon title="密码只显示这一次，请妥善转交用户；用户首次登录后须修改密码。" style={{ marginBottom: 16 }} />
      <Typography.Paragraph>用户名：{username}</Typography.Paragraph>
      <Space>
        <Typography.Text code style={{ fontSize: 18 }} data-testid="once-password">
          {password}
        </Typography.Text>
        <Button onClick={() => password && void copyText(password).then(setCopied)}>复制</Button>
        {copied === true && <Typography.Text type="success">已复制</Typography.Text>}
        {copied === false && <Typography.Text type="danger">复制失败，请手动记录</Typography.Text>}
      </Space>
    </Modal>
  );
}
