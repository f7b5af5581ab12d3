import { Button, Card, Table, Typography, type TableColumnsType } from 'antd';
import { api } from '../api';
import { dash, formatDateTime } from '../format';
import type { Page } from '../types';
import { useLoad } from '../useLoad';
import { LoadError } from './LoadError';
import { usePaging } from '../usePaging';

interface PublicReport {
  id: string;
  createdAt: string;
  target: string;
  category: string;
  categoryLabel: string;
  description: string;
  contact: string | null;
  ip: string;
  website: { name: string; badgeNumber: string | null; unitName: string | null; domainName: string | null } | null;
}

/** 公众举报 (centre): what visitors reported through the public edge's 举报 form, newest first. */
export default function PublicReportsPage() {
  const { page, pageSize, pagination } = usePaging();
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<Page<PublicReport>>('/api/public-reports', { page, pageSize }, signal),
    [page, pageSize],
  );
  const columns: TableColumnsType<PublicReport> = [
    { title: '时间', key: 'createdAt', width: 170, render: (_, r) => formatDateTime(r.createdAt) },
    { title: '举报类型', key: 'category', width: 130, dataIndex: 'categoryLabel' },
    {
      title: '举报对象',
      key: 'target',
      width: 260,
      render: (_, r) =>
        r.website === null ? r.target : `${r.website.name}（${dash(r.website.unitName)}，${dash(r.website.domainName)}，标识编号 ${dash(r.website.badgeNumber)}）`,
    },
    { title: '举报内容', key: 'description', render: (_, r) => <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{r.description}</Typography.Paragraph> },
    { title: '联系方式', key: 'contact', width: 160, render: (_, r) => dash(r.contact) },
    { title: '来源地址', key: 'ip', width: 140, dataIndex: 'ip' },
  ];
  return (
    <Card title="公众举报" extra={<Button onClick={reload}>刷新</Button>}>
      <Typography.Paragraph type="secondary">公众在网站标识核验页和公共服务网站上提交的举报。</Typography.Paragraph>
      <LoadError text={errorText} retry={reload} />
      <Table<PublicReport>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: '暂无举报' }}
        scroll={{ x: 1100 }}
        pagination={pagination(data?.total ?? 0)}
      />
    </Card>
  );
}
