import { Alert, Button, Card, Empty, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { PrintButton, printHint } from '../applications/PrintButton';
import { StatusTag } from '../applications/StatusTag';
import type { ApplicationView } from '../applications/types';
import { useApplicationActions } from '../applications/useApplicationActions';
import { dash, formatDateTime } from '../format';
import { useLoad } from '../useLoad';
import { usePaging } from '../usePaging';
import { LoadError } from './LoadError';

const title = '网站开办审核/资格复核申请';

/** The unit type shared by all the applications (a unit has one type), if they agree. */
const sameType = (apps: ApplicationView[]) => (apps.every((a) => a.unit.type === apps[0]?.unit.type) ? apps[0]?.unit.type : undefined);

/** The unit's applications (新开办网站申请, 资格复核, 变更, 注销) and what can be done with each. */
export default function ApplicationsPage() {
  const navigate = useNavigate();
  const { key } = useLocation();
  const { page, pageSize, pagination } = usePaging(20);
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<{ items: ApplicationView[]; total: number }>('/api/applications', { page, pageSize }, signal),
    [key, page, pageSize],
  );
  const { withdraw, submit } = useApplicationActions(reload);

  const columns: TableColumnsType<ApplicationView> = [
    { title: '申请编号', key: 'number', render: (_, a) => <Link to={`/applications/${a.id}`}>{a.number}</Link> },
    { title: '申请类型', key: 'type', dataIndex: 'typeLabel' },
    { title: '网站名称', key: 'websiteName', render: (_, a) => dash(a.websiteName) },
    { title: '状态', key: 'status', render: (_, a) => <StatusTag app={a} /> },
    { title: '提交时间', key: 'submittedAt', render: (_, a) => formatDateTime(a.submittedAt) },
    {
      title: '操作',
      key: 'actions',
      render: (_, a) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => navigate(`/applications/${a.id}`)}>
            查看审核结果
          </Button>
          {(a.allowedActions.includes('revise') || a.allowedActions.includes('edit')) && (
            <Button type="link" size="small" onClick={() => navigate(`/applications/${a.id}/edit`)}>
              修改申请
            </Button>
          )}
          {a.allowedActions.includes('submit') && (
            <Button type="link" size="small" onClick={() => void submit(a)}>
              提交
            </Button>
          )}
          {a.allowedActions.includes('withdraw') && (
            <Button type="link" size="small" danger onClick={() => withdraw(a)}>
              撤回
            </Button>
          )}
          <PrintButton size="small" app={a} />
        </Space>
      ),
    },
  ];

  const printable = (data?.items ?? []).filter((a) => a.status === 'pending_paper' && a.allowedActions.includes('print'));
  const empty = <Empty description="暂无申请，点击“点击申请”填写新开办网站申请" />;
  return (
    <Card
      title={title}
      extra={
        <Button type="primary" onClick={() => navigate('/applications/new')}>
          点击申请
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">
        市编办与管理中心两级审核，审核结果将以手机短信和邮件告知经办人；未通过的申请请“查看审核结果”并“修改申请”重新上报。
      </Typography.Paragraph>
      {printable.length > 0 && (
        <Alert type="info" showIcon title="审核已通过的申请，请点击“打印申请表”并提交纸质材料" description={printHint(sameType(printable))} style={{ marginBottom: 16 }} data-testid="print-hint" />
      )}
      <LoadError text={errorText} retry={reload} />
      <Table<ApplicationView>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: empty }}
        rowClassName={(a) => (a.status === 'returned' ? 'zm-row-returned' : '')}
        pagination={pagination(data?.total ?? 0, '条申请')}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
