import { useState } from 'react';
import { Badge, Button, Card, Modal, Table, Typography, type TableColumnsType } from 'antd';
import { api } from '../api';
import { formatDateTime } from '../format';
import { useUnread } from '../layout/unread';
import type { InboxMessage } from '../types';
import { useLoad } from '../useLoad';
import { LoadError } from './LoadError';

/** 消息: the user's messages (review results and notices); opening one marks it read. */
export default function InboxPage() {
  const { setUnread, refresh } = useUnread();
  const [open, setOpen] = useState<InboxMessage | null>(null);
  const [readIds, setReadIds] = useState<Set<string>>(new Set());
  const { data, loading, errorText, reload } = useLoad(async (signal) => {
    const r = await api.get<{ items: InboxMessage[]; unread: number }>('/api/inbox', undefined, signal);
    setUnread(r.unread);
    setReadIds(new Set());
    return r;
  }, []);

  const isRead = (m: InboxMessage) => m.readAt !== null || readIds.has(m.id);

  const show = (m: InboxMessage) => {
    setOpen(m);
    if (isRead(m)) return;
    setReadIds((s) => new Set(s).add(m.id));
    api.post(`/api/inbox/${encodeURIComponent(m.id)}/read`).then(
      () => void refresh(),
      () => setReadIds((s) => {
        const next = new Set(s);
        next.delete(m.id);
        return next;
      }),
    );
  };

  const columns: TableColumnsType<InboxMessage> = [
    {
      title: '状态',
      key: 'read',
      width: 90,
      render: (_, m) => (isRead(m) ? <Badge status="default" text="已读" /> : <Badge status="processing" text="未读" />),
    },
    {
      title: '主题',
      key: 'subject',
      render: (_, m) => (
        <Typography.Link
          strong={!isRead(m)}
          onClick={(e) => {
            e.stopPropagation();
            show(m);
          }}
        >
          {m.subject}
        </Typography.Link>
      ),
    },
    { title: '时间', key: 'createdAt', width: 180, render: (_, m) => formatDateTime(m.createdAt) },
  ];

  return (
    <Card title="消息">
      <LoadError text={errorText} retry={reload} />
      <Table<InboxMessage>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: '暂无消息' }}
        onRow={(m) => ({ onClick: () => show(m), style: { cursor: 'pointer' } })}
        pagination={{ defaultPageSize: 20, showTotal: (t) => `共 ${t} 条消息` }}
      />
      <Modal
        title={open?.subject}
        open={open !== null}
        onCancel={() => setOpen(null)}
        footer={<Button onClick={() => setOpen(null)}>关闭</Button>}
      >
        <Typography.Paragraph type="secondary">{formatDateTime(open?.createdAt)}</Typography.Paragraph>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="message-body">
          {open?.body}
        </Typography.Paragraph>
      </Modal>
    </Card>
  );
}
