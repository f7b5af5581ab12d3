import { Button, Card, Table, Tag, type TableColumnsType } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { formatDate } from '../format';
import type { Domain } from '../types';
import { useLoad } from '../useLoad';
import { LoadError } from './LoadError';

const statusColor: Record<string, string> = { active: 'green', expired: 'orange', deregistered: 'default' };

/** 域名业务管理: the Chinese domain names (网上名称) in the user's scope. */
export default function DomainsPage() {
  const navigate = useNavigate();
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<{ items: Domain[] }>('/api/domains', undefined, signal),
    [],
  );

  const dns = (d: Domain) => void navigate(`/names/domains/${encodeURIComponent(d.id)}/dns`);

  const columns: TableColumnsType<Domain> = [
    { title: '中文域名', dataIndex: 'name', key: 'name' },
    { title: 'ACE编码', dataIndex: 'ace', key: 'ace', render: (ace: string) => <code>{ace}</code> },
    { title: '状态', key: 'status', render: (_, d) => <Tag color={statusColor[d.status] ?? 'blue'}>{d.statusLabel}</Tag> },
    { title: '注册日期', key: 'registeredAt', render: (_, d) => formatDate(d.registeredAt) },
    { title: '到期日期', key: 'expiresAt', render: (_, d) => formatDate(d.expiresAt) },
    { title: '所属单位', key: 'unit', render: (_, d) => d.unit.name },
    {
      title: '操作',
      key: 'actions',
      render: (_, d) =>
        d.allowedActions.includes('dns') && (
          <Button size="small" type="link" onClick={() => dns(d)}>
            域名解析
          </Button>
        ),
    },
  ];

  return (
    <Card title="域名业务管理">
      <LoadError text={errorText} retry={reload} />
      <Table<Domain>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个域名` }}
        locale={{ emptyText: '暂无域名' }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
