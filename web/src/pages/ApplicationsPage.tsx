import { App, Button, Card, Empty, Table, Tag, type TableColumnsType } from 'antd';
import { api } from '../api';
import { dash, formatDateTime } from '../format';
import type { ApplicationRow } from '../types';
import { useLoad } from '../useLoad';

const title = '网站开办审核/资格复核申请';

const columns: TableColumnsType<ApplicationRow> = [
  { title: '申请编号', key: 'number', render: (_, a) => a.number ?? a.id },
  { title: '申请类型', key: 'type', render: (_, a) => dash(a.typeLabel ?? a.type) },
  { title: '网站名称', key: 'websiteName', render: (_, a) => dash(a.websiteName ?? a.website?.name) },
  { title: '状态', key: 'status', render: (_, a) => (a.statusLabel || a.status ? <Tag>{a.statusLabel ?? a.status}</Tag> : '—') },
  { title: '提交时间', key: 'submittedAt', render: (_, a) => formatDateTime(a.submittedAt) },
  { title: '操作', key: 'actions', render: () => null },
];

/** The handler's applications (新开办网站申请, 资格复核, 变更, 注销). The form arrives in a later issue. */
export default function ApplicationsPage() {
  const { message } = App.useApp();
  const { data, loading } = useLoad(
    (signal) => api.get<{ items: ApplicationRow[] }>('/api/applications', undefined, signal),
    [],
  );
  const empty = <Empty description="暂无申请" />;
  return (
    <Card
      title={title}
      extra={
        <Button type="primary" onClick={() => message.info('申请表即将开放')}>
          点击申请
        </Button>
      }
    >
      {data || loading ? (
        <Table<ApplicationRow>
          rowKey="id"
          columns={columns}
          dataSource={data?.items ?? []}
          loading={loading}
          locale={{ emptyText: empty }}
          pagination={{ defaultPageSize: 20, showTotal: (t) => `共 ${t} 条申请` }}
          scroll={{ x: 'max-content' }}
        />
      ) : (
        empty
      )}
    </Card>
  );
}
