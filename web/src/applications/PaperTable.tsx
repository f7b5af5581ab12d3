import type { ReactNode } from 'react';
import { Table, Tag, type TableColumnsType } from 'antd';
import { chinaDate } from '../format';
import type { PaperItem } from './types';

const itemStatus: Record<PaperItem['status'], { label: string; color: string }> = {
  expected: { label: '待提交', color: 'gold' },
  received: { label: '已收到', color: 'success' },
  rejected: { label: '已退回', color: 'error' },
};

/** 纸质材料 checklist; `actions` adds the office's 收到 / 退回 column. */
export function PaperTable({ items, actions }: { items: PaperItem[]; actions?: (item: PaperItem) => ReactNode }) {
  const columns: TableColumnsType<PaperItem> = [
    { title: '材料', key: 'label', dataIndex: 'label' },
    { title: '份数', key: 'copies', width: 70, render: (_, i) => `${i.copies}份` },
    {
      title: '状态',
      key: 'status',
      width: 100,
      render: (_, i) => <Tag color={itemStatus[i.status].color}>{itemStatus[i.status].label}</Tag>,
    },
    { title: '收到日期', key: 'receivedAt', width: 120, render: (_, i) => chinaDate(i.receivedAt) },
    { title: '说明', key: 'note', render: (_, i) => i.note ?? '—' },
    ...(actions ? [{ title: '操作', key: 'actions', render: (_: unknown, i: PaperItem) => actions(i) }] : []),
  ];
  return (
    <Table<PaperItem>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: '暂无纸质材料要求' }}
      scroll={{ x: 'max-content' }}
    />
  );
}
