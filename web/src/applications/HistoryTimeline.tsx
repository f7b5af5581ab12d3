import { Empty, Timeline } from 'antd';
import { formatDateTime } from '../format';
import type { HistoryEntry } from './types';

const color: Record<string, string> = { approve: 'green', confirm_paper: 'green', return: 'red', withdraw: 'gray' };

/** 办理记录: who did what when. */
export function HistoryTimeline({ history }: { history: HistoryEntry[] }) {
  if (history.length === 0) return <Empty description="暂无办理记录" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Timeline
      items={history.map((h, i) => ({
        key: i,
        color: color[h.event] ?? 'blue',
        title: formatDateTime(h.at),
        content: `${h.eventLabel} → ${h.toLabel}（${[h.actorRole, h.actorName].filter(Boolean).join(' ') || '系统'}，第${h.revision}版）`,
      }))}
    />
  );
}
