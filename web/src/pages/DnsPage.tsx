import { useState } from 'react';
import { App, Breadcrumb, Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api';
import { dash } from '../format';
import { useLoad } from '../useLoad';
import { loadState } from './LoadState';
import { confirmDelete } from './dns/deleteRecords';
import { ProposalNotice } from './dns/ProposalNotice';
import { RecordModal } from './dns/RecordModal';
import { isUrl, recordsPath, type DnsRecord, type DnsView, type RecordBody } from './dns/types';
import { ZoneHistory } from './dns/ZoneHistory';

/** 网上名称管理 → 域名业务管理 → 域名解析: the records of one domain. */
export default function DnsPage() {
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const loaded = useLoad((signal) => api.get<DnsView>(`${recordsPath(id)}/records`, undefined, signal), [id]);
  const [view, setView] = useState<DnsView | null>(null);
  const [editing, setEditing] = useState<{ record: DnsRecord | null } | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [tick, setTick] = useState(0);

  const waiting = loadState(loaded, '域名', { to: '/names/domains', label: '返回域名业务管理' });
  const data = view?.domain.id === id ? view : loaded.data;
  if (waiting || !data) return waiting;

  const can = (a: string) => data.allowedActions.includes(a);
  const show = (v: DnsView) => {
    setView(v);
    setSelected((s) => s.filter((x) => v.records.some((r) => r.id === x)));
    setTick((t) => t + 1);
  };

  const saved = (v: DnsView, body: RecordBody) => {
    const added = editing?.record === null;
    setEditing(null);
    show(v);
    if (added && isUrl(body.type) && body.host === '@') message.success('已添加URL转发，自动生成两条记录（@ 与 www）');
    else message.success(added ? '解析已添加' : '解析已修改');
  };

  const remove = (chosen: DnsRecord[]) =>
    confirmDelete(modal.confirm, id, data.records, chosen, (v) => {
      show(v);
      message.success('解析已删除');
    });

  const columns: TableColumnsType<DnsRecord> = [
    { title: '主机记录', dataIndex: 'host', key: 'host' },
    { title: '记录类型', key: 'type', render: (_, r) => r.typeLabel + (r.redirectCode ? ` ${r.redirectCode}` : '') },
    { title: '记录值/目标地址', key: 'value', render: (_, r) => <Typography.Text style={{ wordBreak: 'break-all' }}>{r.value}</Typography.Text> },
    { title: 'TTL', dataIndex: 'ttl', key: 'ttl' },
    { title: 'MX优先级', key: 'priority', render: (_, r) => dash(r.priority === null ? null : String(r.priority)) },
    { title: '来源', key: 'source', render: (_, r) => (r.generated ? <Tag color="blue">{r.generatedLabel ?? '自动生成'}</Tag> : '手动添加') },
  ];
  if (can('edit') || can('delete')) {
    columns.push({
      title: '操作',
      key: 'actions',
      render: (_, r) => (
        <Space size={0}>
          {can('edit') && (
            <Button size="small" type="link" onClick={() => setEditing({ record: r })}>
              修改
            </Button>
          )}
          {can('delete') && (
            <Button size="small" type="link" danger onClick={() => remove([r])}>
              删除
            </Button>
          )}
        </Space>
      ),
    });
  }

  const chosen = data.records.filter((r) => selected.includes(r.id));
  return (
    <>
      <Breadcrumb style={{ marginBottom: 16 }} items={[{ title: <Link to="/names/domains">域名业务管理</Link> }, { title: '域名解析' }]} />
      {data.proposals.map((p) => (
        <ProposalNotice key={p.id} domainId={id} proposal={p} canApply={can('apply_proposal')} onApplied={show} />
      ))}
      <Card
        title={`域名解析 — ${data.domain.name}`}
        extra={
          can('add') && (
            <Space>
              {can('delete') && (
                <Button danger disabled={chosen.length === 0} onClick={() => remove(chosen)}>
                  批量删除
                </Button>
              )}
              <Button type="primary" onClick={() => setEditing({ record: null })}>
                添加解析
              </Button>
            </Space>
          )
        }
      >
        <Typography.Paragraph type="secondary">
          ACE编码：<code>{data.domain.ace}</code>
          {!can('add') && '（只读）'}
        </Typography.Paragraph>
        <Table<DnsRecord>
          rowKey="id"
          columns={columns}
          dataSource={data.records}
          pagination={false}
          locale={{ emptyText: '暂无解析记录' }}
          scroll={{ x: 'max-content' }}
          {...(can('delete') ? { rowSelection: { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } } : {})}
        />
        <ZoneHistory domainId={id} tick={tick} />
      </Card>
      <RecordModal open={editing !== null} domainId={id} record={editing?.record ?? null} onClose={() => setEditing(null)} onSaved={saved} />
    </>
  );
}
