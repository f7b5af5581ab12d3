import { Card, Table, type TableColumnsType } from 'antd';
import { api } from '../api';
import { dash, formatDateTime } from '../format';
import { DeliveryStatusTag, LastError } from '../notifications/deliveryLabels';
import type { Delivery } from '../types';
import { useLoad } from '../useLoad';
import { LoadError } from '../pages/LoadError';

const columns: TableColumnsType<Delivery> = [
  { title: '时间', key: 'time', width: 170, render: (_, d) => formatDateTime(d.sentAt ?? d.createdAt) },
  { title: '渠道', key: 'channel', width: 70, dataIndex: 'channelLabel' },
  { title: '收件地址', key: 'to', render: (_, d) => dash(d.to) },
  { title: '主题', key: 'subject', render: (_, d) => dash(d.subject) },
  { title: '状态', key: 'status', width: 100, render: (_, d) => <DeliveryStatusTag d={d} /> },
  { title: '错误信息', key: 'lastError', render: (_, d) => <LastError d={d} /> },
];

/**
 * 短信和邮件发送记录 of one application (GET /api/applications/:id/messages): what was sent to
 * the 经办人 and the reviewers, and whether it went out. `refreshKey` reloads it (a new version).
 */
export function DeliveryLog({ applicationId, refreshKey }: { applicationId: string; refreshKey?: unknown }) {
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<{ items: Delivery[] }>(`/api/applications/${encodeURIComponent(applicationId)}/messages`, undefined, signal),
    [applicationId, refreshKey],
  );
  return (
    <Card title="短信和邮件发送记录" size="small" data-testid="delivery-log">
      <LoadError text={errorText} retry={reload} />
      <Table<Delivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: '暂无发送记录' }}
        rowClassName={(d) => (d.status === 'failed' ? 'zm-row-failed' : '')}
        pagination={{ defaultPageSize: 10, hideOnSinglePage: true }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
