import { useState } from 'react';
import { App, Button, Card, Form, Input, Select, Table, Typography, type TableColumnsType } from 'antd';
import { api, errorMessage } from '../../api';
import { dash, formatDateTime } from '../../format';
import { limits } from '../../forms';
import { channelOptions, DeliveryStatusTag, deliveryStatusOptions, LastError } from '../../notifications/deliveryLabels';
import type { Delivery, DeliveryChannel, DeliveryStatus, Page } from '../../types';
import { useLoad } from '../../useLoad';
import { LoadError } from '../LoadError';
import { usePaging } from '../../usePaging';

interface Filters {
  status?: DeliveryStatus;
  channel?: DeliveryChannel;
  to?: string;
}

/** 消息发送记录 (admin): every SMS and email, filterable; a failed one shows why and can be resent. */
export default function NotificationsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Filters>({});
  const { page, pageSize, setPage, pagination } = usePaging();
  const [resending, setResending] = useState<string | null>(null);
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<Page<Delivery>>('/api/admin/notifications', { ...query, page, pageSize }, signal),
    [query, page, pageSize],
  );

  const search = (f: Filters) => {
    setQuery({ status: f.status, channel: f.channel, to: f.to?.trim() || undefined });
    setPage(1);
  };

  const resend = async (d: Delivery) => {
    setResending(d.id);
    try {
      await api.post(`/api/admin/notifications/${encodeURIComponent(d.id)}/resend`);
      message.success(`已重新加入发送队列：${d.channelLabel} ${d.to ?? ''}`);
    } catch (err) {
      // 409 NOT_FAILED: it was resent (or went out) in the meantime.
      message.error(errorMessage(err));
    } finally {
      setResending(null);
      reload();
    }
  };

  const columns: TableColumnsType<Delivery> = [
    { title: '时间', key: 'createdAt', width: 170, render: (_, d) => formatDateTime(d.createdAt) },
    { title: '渠道', key: 'channel', width: 70, dataIndex: 'channelLabel' },
    { title: '收件地址', key: 'to', render: (_, d) => dash(d.to) },
    { title: '主题', key: 'subject', render: (_, d) => dash(d.subject) },
    { title: '状态', key: 'status', width: 100, render: (_, d) => <DeliveryStatusTag d={d} /> },
    { title: '尝试次数', key: 'attempts', width: 90, dataIndex: 'attempts' },
    { title: '发送时间', key: 'sentAt', width: 170, render: (_, d) => formatDateTime(d.sentAt) },
    { title: '错误信息', key: 'lastError', width: 280, render: (_, d) => <LastError d={d} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 80,
      render: (_, d) =>
        d.status === 'failed' ? (
          <Button type="link" size="small" loading={resending === d.id} disabled={resending !== null} onClick={() => void resend(d)}>
            重发
          </Button>
        ) : null,
    },
  ];

  return (
    <Card title="消息发送记录" extra={<Button onClick={reload}>刷新</Button>}>
      <Typography.Paragraph type="secondary">系统发出的短信和邮件。发送失败的消息标为红色，可查看错误信息后点击“重发”。</Typography.Paragraph>
      <Form<Filters> form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label="状态" name="status">
          <Select allowClear style={{ width: 130 }} placeholder="全部" options={deliveryStatusOptions} />
        </Form.Item>
        <Form.Item label="渠道" name="channel">
          <Select allowClear style={{ width: 110 }} placeholder="全部" options={channelOptions} />
        </Form.Item>
        <Form.Item label="收件地址" name="to">
          <Input allowClear maxLength={limits.email} style={{ width: 240 }} placeholder="手机号码或邮箱（完整）" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit">
            查询
          </Button>
        </Form.Item>
        <Form.Item>
          <Button
            onClick={() => {
              form.resetFields();
              search({});
            }}
          >
            重置
          </Button>
        </Form.Item>
      </Form>
      <LoadError text={errorText} retry={reload} />
      <Table<Delivery>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: '暂无发送记录' }}
        rowClassName={(d) => (d.status === 'failed' ? 'zm-row-failed' : '')}
        scroll={{ x: 1300 }}
        pagination={pagination(data?.total ?? 0)}
      />
    </Card>
  );
}
