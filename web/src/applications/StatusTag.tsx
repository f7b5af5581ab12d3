import { Tag } from 'antd';
import { statusColor } from './labels';
import type { ApplicationView } from './types';

/** 状态 with its colour; a pending application also names its step. */
export function StatusTag({ app }: { app: Pick<ApplicationView, 'status' | 'statusLabel'> }) {
  return (
    <Tag color={statusColor[app.status]} data-testid="status-tag">
      {app.statusLabel}
    </Tag>
  );
}
