import { useState } from 'react';
import { Button, Card, Drawer, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { api } from '../api';
import { OutcomeTag, SiteCheckView } from '../sitecheck/SiteCheckView';
import type { SiteCheck } from '../sitecheck/types';
import { useLoad } from '../useLoad';
import { LoadError } from './LoadError';

interface RegionRow {
  code: string;
  name: string;
  path: string;
  patrolled: number;
  failing: number;
}
interface FailingSite {
  websiteId: string;
  websiteName: string;
  englishDomain: string | null;
  ipAddresses: string[];
  unitName: string;
  regionCode: string;
  regionName: string;
  consecutiveFailures: number;
  failingSince: string | null;
  lastCheckedAt: string | null;
  notified: boolean;
  problems: string[];
}

const when = (s: string | null) => (s ? new Date(s).toLocaleString('zh-CN', { hour12: false }) : '-');

/** 网站巡检: failing self-hosted websites by region (centre: all; office: its region), with each site's history. */
export default function SitePatrolPage() {
  const [region, setRegion] = useState<string | undefined>(undefined);
  const [history, setHistory] = useState<FailingSite | null>(null);
  const loaded = useLoad(
    (signal) => api.get<{ regions: RegionRow[]; items: FailingSite[] }>('/api/site-patrol/failing', region ? { regionCode: region } : undefined, signal),
    [region],
  );
  const regionColumns: TableColumnsType<RegionRow> = [
    { title: '区域', dataIndex: 'name', key: 'name' },
    { title: '巡检网站', dataIndex: 'patrolled', key: 'patrolled', width: 100 },
    { title: '未通过', key: 'failing', width: 100, render: (_, r) => (r.failing > 0 ? <Tag color="error">{r.failing}</Tag> : 0) },
    {
      title: '',
      key: 'filter',
      width: 90,
      render: (_, r) => (
        <Button type="link" size="small" onClick={() => setRegion(r.code)} disabled={r.failing === 0}>
          只看此区域
        </Button>
      ),
    },
  ];
  const columns: TableColumnsType<FailingSite> = [
    { title: '区域', dataIndex: 'regionName', key: 'region', width: 100 },
    { title: '单位', dataIndex: 'unitName', key: 'unit' },
    { title: '网站名称', dataIndex: 'websiteName', key: 'name' },
    { title: '英文域名', dataIndex: 'englishDomain', key: 'domain' },
    { title: '连续未通过', key: 'n', width: 100, render: (_, s) => <Tag color={s.consecutiveFailures >= 3 ? 'error' : 'warning'}>{s.consecutiveFailures} 次</Tag> },
    { title: '问题', key: 'problems', render: (_, s) => s.problems.map((p, i) => <div key={i}>{p}</div>) },
    { title: '最近巡检', key: 'last', width: 170, render: (_, s) => when(s.lastCheckedAt) },
    {
      title: '',
      key: 'history',
      width: 90,
      render: (_, s) => (
        <Button type="link" size="small" onClick={() => setHistory(s)}>
          巡检记录
        </Button>
      ),
    },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title="网站巡检"
        extra={
          <Space>
            {region && <Button onClick={() => setRegion(undefined)}>全部区域</Button>}
            <Button onClick={loaded.reload}>刷新</Button>
          </Space>
        }
      >
        <Typography.Paragraph type="secondary">
          每个自建网站每天巡检一次：英文域名能否访问、IP地址是否在解析结果中、网页标题是否与网站名称一致。连续三次未通过的，系统通知单位经办人和同级编办。
        </Typography.Paragraph>
        <LoadError text={loaded.errorText} retry={loaded.reload} />
        <Table<RegionRow> rowKey="code" size="small" columns={regionColumns} dataSource={loaded.data?.regions ?? []} loading={loaded.loading} pagination={false} locale={{ emptyText: '暂无巡检的网站' }} />
      </Card>
      <Card title="最近一次巡检未通过的网站" size="small">
        <Table<FailingSite>
          rowKey="websiteId"
          size="small"
          columns={columns}
          dataSource={loaded.data?.items ?? []}
          loading={loaded.loading}
          locale={{ emptyText: '没有未通过巡检的网站' }}
          pagination={{ defaultPageSize: 20, hideOnSinglePage: true }}
          scroll={{ x: 'max-content' }}
        />
      </Card>
      <Drawer title={history ? `巡检记录 — ${history.websiteName}` : ''} size="large" open={history !== null} onClose={() => setHistory(null)} destroyOnHidden>
        {history && <PatrolHistory websiteId={history.websiteId} />}
      </Drawer>
    </Space>
  );
}

function PatrolHistory({ websiteId }: { websiteId: string }) {
  const loaded = useLoad((signal) => api.get<{ items: SiteCheck[] }>(`/api/websites/${encodeURIComponent(websiteId)}/site-checks`, undefined, signal), [websiteId]);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <LoadError text={loaded.errorText} retry={loaded.reload} />
      {(loaded.data?.items ?? []).map((c) => (
        <Card key={c.id} size="small" title={<Space><OutcomeTag outcome={c.outcome} />{when(c.startedAt)}</Space>}>
          <SiteCheckView report={c.report} />
        </Card>
      ))}
    </Space>
  );
}
