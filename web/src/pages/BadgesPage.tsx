import { useState } from 'react';
import { Button, Card, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { dash } from '../format';
import { useRequiredSession } from '../session';
import type { Website } from '../types';
import { useLoad } from '../useLoad';
import { BadgeCodeModal } from './badges/BadgeCodeModal';
import { LoadError } from './LoadError';

const statusColor: Record<string, string> = { active: 'green', pending: 'gold', deregistered: 'default' };

/** 标识管理: the websites (and their badges) of the user's unit, or of the reviewer's scope. */
export default function BadgesPage() {
  const session = useRequiredSession();
  const navigate = useNavigate();
  const { key } = useLocation();
  const [codeOf, setCodeOf] = useState<Website | null>(null);
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<{ items: Website[] }>('/api/websites', undefined, signal),
    [key],
  );
  const isHandler = session.user.role === 'handler';

  const columns: TableColumnsType<Website> = [
    { title: '网站名称', dataIndex: 'name', key: 'name', width: 120 },
    { title: '中文域名', key: 'domain', width: 130, render: (_, w) => w.domain.name },
    ...(session.user.unit ? [] : [{ title: '所属单位', key: 'unit', render: (_: unknown, w: Website) => w.unit.name }]),
    { title: '挂标位置', dataIndex: 'hostingLabel', key: 'hosting', width: 80 },
    { title: '英文域名', key: 'englishDomain', render: (_, w) => <span style={{ wordBreak: 'break-all' }}>{dash(w.englishDomain)}</span> },
    {
      title: 'IP地址',
      key: 'ip',
      width: 130,
      render: (_, w) => (w.ipAddresses.length ? w.ipAddresses.map((ip) => <div key={ip}>{ip}</div>) : '—'),
    },
    {
      title: '标识状态',
      key: 'status',
      width: 80,
      render: (_, w) => <Tag color={statusColor[w.status] ?? 'blue'}>{w.statusLabel}</Tag>,
    },
    { title: '标识编号', key: 'badgeNumber', width: 165, render: (_, w) => dash(w.badgeNumber) },
    {
      title: '操作',
      key: 'actions',
      width: 130,
      render: (_, w) => (
        <Space size={0} wrap>
          {isHandler && w.openApplication && (
            <Link to={`/applications/${w.openApplication.id}`} data-testid="open-application" style={{ display: 'block' }}>
              办理中：{w.openApplication.typeLabel} {w.openApplication.number}（{w.openApplication.statusLabel}）
            </Link>
          )}
          {w.allowedActions.includes('change') && (
            <Button size="small" type="link" onClick={() => navigate(`/names/badges/${w.id}/change`)}>
              变更
            </Button>
          )}
          {w.allowedActions.includes('deregister') && (
            <Button size="small" type="link" danger onClick={() => navigate(`/names/badges/${w.id}/deregister`)}>
              注销
            </Button>
          )}
          {w.allowedActions.includes('badge_code') && (
            <Button size="small" type="link" onClick={() => setCodeOf(w)}>
              标识代码
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title="标识管理">
      {isHandler && (
        <Typography.Paragraph type="secondary">
          挂标位置由网络红页改为自建网站，请点击“变更”；由自建网站改为网络红页，请先“注销”，注销审核通过后在“网站开办审核/资格复核申请”中点击申请。
        </Typography.Paragraph>
      )}
      <LoadError text={errorText} retry={reload} />
      <Table<Website>
        rowKey="id"
        size="middle"
        tableLayout="fixed"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        pagination={{ defaultPageSize: 20, showSizeChanger: true, showTotal: (t) => `共 ${t} 个网站` }}
        locale={{ emptyText: '暂无网站' }}
      />
      <BadgeCodeModal website={codeOf} onClose={() => setCodeOf(null)} />
    </Card>
  );
}
