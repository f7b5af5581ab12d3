import { Collapse, Empty, Table, Typography } from 'antd';
import { api } from '../../api';
import { formatDateTime } from '../../format';
import { useLoad } from '../../useLoad';
import { LoadError } from '../LoadError';
import { recordsPath, type ZoneChange } from './types';

interface Rr {
  owner: string;
  type: string;
  ttl: number;
  data: string | string[] | { preference: number; exchange: string };
}

/** One resource record in master-file style: `owner TTL TYPE data`. */
const rr = (x: unknown): string => {
  if (typeof x !== 'object' || x === null || !('owner' in x)) return JSON.stringify(x);
  const r = x as Rr;
  const data = typeof r.data === 'string' ? r.data : Array.isArray(r.data) ? r.data.map((t) => JSON.stringify(t)).join(' ') : `${r.data.preference} ${r.data.exchange}`;
  return `${r.owner} ${r.ttl} ${r.type} ${data}`;
};

function Changes({ domainId, tick }: { domainId: string; tick: number }) {
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<{ items: ZoneChange[] }>(`${recordsPath(domainId)}/zone-history`, undefined, signal),
    [domainId, tick],
  );
  return (
    <div data-testid="zone-history">
      <LoadError text={errorText} retry={reload} />
      <Table<ZoneChange>
        rowKey="serial"
        size="small"
        loading={loading}
        dataSource={data?.items ?? []}
        pagination={{ defaultPageSize: 10 }}
        locale={{ emptyText: <Empty description="暂无解析变更记录" /> }}
        columns={[
          { title: '时间', key: 'at', render: (_, c) => formatDateTime(c.at) },
          { title: '序列号', dataIndex: 'serial', key: 'serial' },
          {
            title: '删除',
            key: 'removed',
            render: (_, c) => c.change.removed.map((x, i) => <Typography.Text key={i} type="danger" code style={{ display: 'block' }}>{rr(x)}</Typography.Text>),
          },
          {
            title: '添加',
            key: 'added',
            render: (_, c) => c.change.added.map((x, i) => <Typography.Text key={i} type="success" code style={{ display: 'block' }}>{rr(x)}</Typography.Text>),
          },
        ]}
      />
    </div>
  );
}

/** 解析变更记录: each change of the zone with its serial (loaded when opened). */
export function ZoneHistory({ domainId, tick }: { domainId: string; tick: number }) {
  return (
    <Collapse
      style={{ marginTop: 16 }}
      destroyOnHidden
      items={[{ key: 'history', label: '解析变更记录', children: <Changes domainId={domainId} tick={tick} /> }]}
    />
  );
}
