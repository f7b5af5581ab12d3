import { Tag, Typography } from 'antd';
import type { Delivery, DeliveryChannel, DeliveryStatus } from '../types';

export const deliveryStatusOptions: { value: DeliveryStatus; label: string }[] = [
  { value: 'pending', label: '待发送' },
  { value: 'sending', label: '发送中' },
  { value: 'sent', label: '已发送' },
  { value: 'failed', label: '发送失败' },
  { value: 'logged', label: '已记录' },
];

export const channelOptions: { value: DeliveryChannel; label: string }[] = [
  { value: 'sms', label: '短信' },
  { value: 'email', label: '邮件' },
];

const statusColor: Record<DeliveryStatus, string> = {
  pending: 'processing',
  sending: 'processing',
  sent: 'success',
  failed: 'error',
  logged: 'default',
};

/** 状态 with its colour (the server's label). */
export function DeliveryStatusTag({ d }: { d: Pick<Delivery, 'status' | 'statusLabel'> }) {
  return (
    <Tag color={statusColor[d.status] ?? 'default'} data-testid="delivery-status">
      {d.statusLabel}
    </Tag>
  );
}

/** The last error of a failed send, in red; nothing otherwise. */
export function LastError({ d }: { d: Pick<Delivery, 'lastError'> }) {
  return d.lastError ? (
    <Typography.Text type="danger" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="delivery-error">
      {d.lastError}
    </Typography.Text>
  ) : (
    '—'
  );
}
