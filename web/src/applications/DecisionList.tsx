import { Empty, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDateTime } from '../format';
import type { Decision } from './types';

/** 审核意见: every decision, newest first, each 退回 with its reasons (and the field they concern). */
export function DecisionList({ decisions }: { decisions: Decision[] }) {
  const rows = [...decisions].reverse().map((d, i) => ({ ...d, key: i }));
  const columns: TableColumnsType<(typeof rows)[number]> = [
    { title: '时间', key: 'at', width: 170, render: (_, d) => formatDateTime(d.createdAt) },
    { title: '审核环节', key: 'step', dataIndex: 'stepLabel', width: 120 },
    { title: '审核人', key: 'reviewer', width: 160, render: (_, d) => d.reviewerName ?? '—' },
    {
      title: '审核结果',
      key: 'decision',
      width: 110,
      render: (_, d) => <Tag color={d.decision === 'approve' ? 'success' : 'error'}>{d.decisionLabel}</Tag>,
    },
    {
      title: '审核意见',
      key: 'reasons',
      render: (_, d) =>
        d.reasons.length === 0
          ? '—'
          : d.reasons.map((r, i) => (
              <div key={i} data-testid="decision-reason">
                {r.label && <Typography.Text strong>{r.label}：</Typography.Text>}
                {r.reason}
              </div>
            )),
    },
    { title: '版本', key: 'revision', width: 70, render: (_, d) => `第${d.revision}版` },
  ];
  if (rows.length === 0) return <Empty description="暂无审核意见" image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return <Table rowKey="key" size="small" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 'max-content' }} />;
}
