import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Select, Table, Tag, Tooltip, Typography, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { api, errorMessage } from '../api';
import { dash, formatDateTime } from '../format';
import { limits } from '../forms';
import type { AuditEvent, Page } from '../types';
import { useLoad } from '../useLoad';
import { LoadError } from './LoadError';
import { usePaging } from '../usePaging';

interface Filters {
  action?: string;
  actor?: string;
  target?: string;
  result?: 'success' | 'failure';
  range?: [Dayjs | null, Dayjs | null] | null;
}
interface Query {
  action?: string;
  actor?: string;
  target?: string;
  result?: string;
  from?: string;
  to?: string;
}

type AuditPage = Page<AuditEvent> & { actions: { value: string; label: string }[] };

const toQuery = (f: Filters): Query => ({
  action: f.action,
  actor: f.actor?.trim() || undefined,
  target: f.target?.trim() || undefined,
  result: f.result,
  from: f.range?.[0]?.toISOString(),
  to: f.range?.[1]?.toISOString(),
});

const columns: TableColumnsType<AuditEvent> = [
  { title: '时间', key: 'at', render: (_, e) => formatDateTime(e.at), width: 170 },
  { title: '操作人', key: 'actor', render: (_, e) => dash(e.actorUsername) },
  { title: '操作', key: 'action', render: (_, e) => e.actionLabel || e.action },
  {
    title: '对象',
    key: 'target',
    render: (_, e) => (e.targetType || e.targetId ? [e.targetType, e.targetId].filter(Boolean).join(' / ') : '—'),
  },
  {
    title: '结果',
    key: 'result',
    render: (_, e) => (e.result === 'success' ? <Tag color="green">成功</Tag> : <Tag color="red">失败</Tag>),
  },
  { title: 'IP', key: 'ip', render: (_, e) => dash(e.ip) },
  {
    title: '客户端',
    key: 'userAgent',
    ellipsis: { showTitle: false },
    width: 260,
    render: (_, e) => (e.userAgent ? <Tooltip title={e.userAgent}>{e.userAgent}</Tooltip> : '—'),
  },
];

/** GET /api/audit-events/verify: the SM3 hash chain recomputed over the archive and the live log. */
interface ChainReport {
  ok: boolean;
  checked: number;
  archived: number;
  head: { id: number | null; hash: string };
  broken: { kind: 'modified' | 'gap' | 'unsealed' | 'anchor'; table: string; id: number; at: string; previousId: number | null; expected: string; stored: string | null } | null;
}

const breakLabel: Record<NonNullable<ChainReport['broken']>['kind'], string> = {
  modified: '记录内容被修改',
  gap: '记录被删除、插入或调换（与前一条记录的哈希不衔接）',
  unsealed: '记录缺少哈希',
  anchor: '归档锚点与归档记录不符',
};

function ChainResult({ report }: { report: ChainReport }) {
  if (report.ok) {
    return <Alert type="success" showIcon title={`审计日志完整：已校验 ${report.checked} 条（其中归档 ${report.archived} 条），最新记录 #${report.head.id ?? '-'} SM3 ${report.head.hash}`} style={{ marginBottom: 16 }} />;
  }
  const b = report.broken!;
  return (
    <Alert
      type="error"
      showIcon
      title={`审计日志已被篡改：第一处断链在记录 #${b.id}（${formatDateTime(b.at)}）`}
      description={
        <Typography.Paragraph style={{ margin: 0 }}>
          {breakLabel[b.kind]}；前一条记录 #{b.previousId ?? '-'}。
          <br />
          应为 <Typography.Text code>{b.expected}</Typography.Text>
          <br />
          实为 <Typography.Text code>{b.stored ?? '（无）'}</Typography.Text>
        </Typography.Paragraph>
      }
      style={{ marginBottom: 16 }}
    />
  );
}

/** 审计日志 (auditor): who did what, when, from where, and whether it worked. */
export default function AuditPage() {
  const [chain, setChain] = useState<{ busy: boolean; report?: ChainReport; error?: string }>({ busy: false });
  const verify = async () => {
    setChain({ busy: true });
    try {
      setChain({ busy: false, report: await api.get<ChainReport>('/api/audit-events/verify') });
    } catch (err) {
      setChain({ busy: false, error: errorMessage(err) });
    }
  };
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Query>({});
  const { page, pageSize, setPage, pagination } = usePaging();
  const [actions, setActions] = useState<{ value: string; label: string }[]>([]);
  const { data, loading, errorText, reload } = useLoad(async (signal) => {
    const r = await api.get<AuditPage>('/api/audit-events', { ...query, page, pageSize }, signal);
    if (r.actions?.length) setActions(r.actions);
    return r;
  }, [query, page, pageSize]);

  const search = (f: Filters) => {
    setQuery(toQuery(f));
    setPage(1);
  };

  return (
    <Card title="审计日志">
      <Form<Filters> form={form} layout="inline" onFinish={search} style={{ marginBottom: 16, rowGap: 12 }}>
        <Form.Item label="操作类型" name="action">
          <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={actions} style={{ width: 200 }} placeholder="全部" />
        </Form.Item>
        <Form.Item label="操作人" name="actor">
          <Input allowClear maxLength={limits.username} style={{ width: 160 }} placeholder="用户名" />
        </Form.Item>
        <Form.Item label="对象" name="target">
          <Input allowClear maxLength={64} style={{ width: 200 }} placeholder="对象编号（用户、申请、域名…）" />
        </Form.Item>
        <Form.Item label="结果" name="result">
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder="全部"
            options={[
              { value: 'success', label: '成功' },
              { value: 'failure', label: '失败' },
            ]}
          />
        </Form.Item>
        <Form.Item label="时间范围" name="range">
          <DatePicker.RangePicker showTime allowEmpty={[true, true]} />
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
        <Form.Item>
          {/* The same filters as the table; the browser downloads the file with the session cookie. */}
          <Button href={`/api/audit-events.csv?${new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => [k, String(v)])).toString()}`}>
            导出CSV
          </Button>
        </Form.Item>
        <Form.Item>
          <Button loading={chain.busy} onClick={() => void verify()} data-testid="audit-verify">
            校验完整性
          </Button>
        </Form.Item>
      </Form>
      {chain.report && <ChainResult report={chain.report} />}
      {chain.error && <Alert type="error" showIcon title={chain.error} style={{ marginBottom: 16 }} />}
      <LoadError text={errorText} retry={reload} />
      <Table<AuditEvent>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: '暂无审计记录' }}
        scroll={{ x: 1100 }}
        expandable={{
          rowExpandable: (e) => Object.keys(e.details ?? {}).length > 0,
          expandedRowRender: (e) => (
            <Typography.Paragraph style={{ margin: 0 }}>
              <pre style={{ margin: 0, whiteSpace: 'pre-wrap' }}>{JSON.stringify(e.details, null, 2)}</pre>
            </Typography.Paragraph>
          ),
        }}
        pagination={pagination(data?.total ?? 0)}
      />
    </Card>
  );
}
