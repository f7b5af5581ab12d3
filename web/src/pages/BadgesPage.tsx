import { App, Button, Card, Space, Table, Tag, type TableColumnsType } from 'antd';
import { api } from '../api';
import { dash } from '../format';
import { useRequiredSession } from '../session';
import type { Website } from '../types';
import { useLoad } from '../useLoad';
import { LoadError } from './LoadError';

const statusColor: Record<string, string> = { active: 'green', pending: 'gold', deregistered: 'default' };

/** 标识管理: the websites (and their badges) of the user's unit, or of the reviewer's scope. */
export default function BadgesPage() {
  const session = useRequiredSession();
  const { message } = App.useApp();
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<{ items: Website[] }>('/api/websites', undefined, signal),
    [],
  );

  // The forms behind these buttons arrive with the application workflow (the API sends no
  // allowedActions until then, so the buttons are not shown).
  const act = (label: string, w: Website) => message.info(`网站“${w.name}”的${label}功能即将开放`);

  const columns: TableColumnsType<Website> = [
    { title: '网站名称', dataIndex: 'name', key: 'name' },
    { title: '中文域名', key: 'domain', render: (_, w) => w.domain.name },
    ...(session.user.unit ? [] : [{ title: '所属单位', key: 'unit', render: (_: unknown, w: Website) => w.unit.name }]),
    { title: '挂标位置', dataIndex: 'hostingLabel', key: 'hosting' },
    { title: '英文域名', key: 'englishDomain', render: (_, w) => dash(w.englishDomain) },
    {
      title: 'IP地址',
      key: 'ip',
      render: (_, w) => (w.ipAddresses.length ? w.ipAddresses.map((ip) => <div key={ip}>{ip}</div>) : '—'),
    },
    {
      title: '标识状态',
      key: 'status',
      render: (_, w) => <Tag color={statusColor[w.status] ?? 'blue'}>{w.statusLabel}</Tag>,
    },
    { title: '标识编号', key: 'badgeNumber', render: (_, w) => dash(w.badgeNumber) },
    {
      title: '操作',
      key: 'actions',
      render: (_, w) => (
        <Space size="small" wrap>
          {w.allowedActions.includes('change') && (
            <Button size="small" type="link" onClick={() => act('变更', w)}>
              变更
            </Button>
          )}
          {w.allowedActions.includes('deregister') && (
            <Button size="small" type="link" danger onClick={() => act('注销', w)}>
              注销
            </Button>
          )}
          {w.allowedActions.includes('badge_code') && (
            <Button size="small" type="link" onClick={() => act('标识代码', w)}>
              标识代码
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title="标识管理">
      <LoadError text={errorText} retry={reload} />
      <Table<Website>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个网站` }}
        locale={{ emptyText: '暂无网站' }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
