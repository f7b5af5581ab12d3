import { useMemo, useState } from 'react';
import { App, Badge, Button, Card, Flex, Space, Table, Tabs, Typography } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, errorMessage } from '../api';
import { statusLabel } from '../applications/labels';
import type { ApplicationStatus, ApplicationView, BatchResult } from '../applications/types';
import { useRequiredSession } from '../session';
import { useHotkeys } from '../useHotkeys';
import { LoadError } from './LoadError';
import { BatchResultModal } from './review/BatchResultModal';
import { queueColumns } from './review/queueColumns';
import { QueueFilters, toQuery, type FilterValues } from './review/QueueFilters';
import { rememberQueue } from './review/queueOrder';
import { useQueue } from './review/useQueue';

const tabs: (ApplicationStatus | 'all')[] = ['pending_office', 'pending_center', 'pending_paper', 'returned', 'approved', 'withdrawn', 'all'];

/** 审核管理: the queue in scope, filtered and counted per status, with 批量通过 and j/k to move. */
export default function ReviewPage() {
  const session = useRequiredSession();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const [status, setStatus] = useState<ApplicationStatus | 'all'>(session.user.role === 'center_reviewer' ? 'pending_center' : 'pending_office');
  const [filters, setFilters] = useState<FilterValues>({});
  const [selected, setSelected] = useState<string[]>([]);
  const [batch, setBatch] = useState<{ result: BatchResult; items: ApplicationView[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [cursor, setCursor] = useState(-1);
  const query = useMemo(() => ({ ...toQuery(filters), status: status === 'all' ? undefined : status }), [filters, status]);
  // A click on 审核管理 in the menu while here reloads the queue (a new location key).
  const q = useQueue(query, 50, useLocation().key);

  const open = (a: ApplicationView) => {
    rememberQueue(q.items.map((i) => i.id));
    navigate(`/review/${a.id}`);
  };
  useHotkeys({
    j: () => setCursor((c) => Math.min(c + 1, q.items.length - 1)),
    k: () => setCursor((c) => Math.max(c - 1, 0)),
    Enter: () => {
      const a = q.items[cursor];
      if (a) open(a);
    },
  });

  const approveSelected = () => {
    const chosen = q.items.filter((a) => selected.includes(a.id));
    const items = chosen.map((a) => ({ id: a.id, version: a.version }));
    modal.confirm({
      title: `确定批量通过选中的 ${items.length} 条申请吗？`,
      content: '每条申请单独处理，结果逐条显示。',
      okText: '批量通过',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          setBatch({ result: await api.post<BatchResult>('/api/review/batch-approve', { items }), items: chosen });
          setSelected([]);
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
          q.reload();
        }
      },
    });
  };

  const count = (s: ApplicationStatus | 'all') =>
    s === 'all' ? Object.values(q.counts).reduce<number>((n, c) => n + (c ?? 0), 0) : (q.counts[s] ?? 0);

  return (
    <Card title="审核管理">
      <QueueFilters
        onChange={(f) => {
          setFilters(f);
          setSelected([]);
          setCursor(-1);
        }}
      />
      <Tabs
        activeKey={status}
        onChange={(k) => {
          setStatus(k as ApplicationStatus | 'all');
          setSelected([]);
          setCursor(-1);
        }}
        items={tabs.map((s) => ({
          key: s,
          label: (
            <Space size={4}>
              {s === 'all' ? '全部' : statusLabel[s]}
              {/* Past the server's counting cap (1,000 rows) the numbers are lower bounds, shown with "+". */}
              <Badge
                count={q.countsCapped ? `${count(s)}+` : count(s)}
                title={q.countsCapped ? '符合条件的申请过多，仅计数前 1000 条：为下限' : undefined}
                showZero
                overflowCount={99999}
                color={s.startsWith('pending') ? '#1677ff' : '#bfbfbf'}
              />
            </Space>
          ),
        }))}
      />
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }} wrap gap={8}>
        <Space>
          <Button type="primary" disabled={selected.length === 0} loading={busy} onClick={approveSelected}>
            批量通过{selected.length ? `（${selected.length}）` : ''}
          </Button>
          <Button onClick={q.reload}>刷新</Button>
        </Space>
        <Typography.Text type="secondary">快捷键：j 下一条，k 上一条，Enter 打开；详情页 j/→ 下一条，k/← 上一条</Typography.Text>
      </Flex>
      <LoadError text={q.error} retry={q.reload} />
      <Table<ApplicationView>
        rowKey="id"
        size="middle"
        columns={queueColumns(() => rememberQueue(q.items.map((i) => i.id)))}
        dataSource={q.items}
        loading={q.loading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '暂无待审核申请' }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(String)),
          getCheckboxProps: (a) => ({ disabled: !a.allowedActions.includes('approve'), 'aria-label': `选择 ${a.number}` }),
        }}
        rowClassName={(a, i) => [a.overdue ? 'zm-row-overdue' : '', i === cursor ? 'zm-row-cursor' : ''].join(' ')}
        onRow={(a) => ({ onDoubleClick: () => open(a) })}
      />
      <Flex justify="center" gap={12} align="center" style={{ marginTop: 16 }}>
        <Typography.Text type="secondary">已显示 {q.items.length} 条</Typography.Text>
        {q.hasMore && (
          <Button onClick={() => void q.loadMore()} loading={q.loadingMore}>
            加载更多
          </Button>
        )}
      </Flex>
      <BatchResultModal result={batch?.result ?? null} items={batch?.items ?? []} onClose={() => setBatch(null)} />
    </Card>
  );
}
