import { Alert, Card, Empty, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import type { ApplicationView } from '../../applications/types';
import { useUnread } from '../../layout/unread';
import { useLoad } from '../../useLoad';
import { LoadError } from '../LoadError';

/** The 经办人's to-dos: returned applications, paper to hand in, unread messages. */
export function HandlerTodos() {
  const { unread } = useUnread();
  const { data, loading, errorText, reload } = useLoad(
    // The newest 100: returned and paper-step applications are recent ones.
    (signal) => api.get<{ items: ApplicationView[] }>('/api/applications', { pageSize: 100 }, signal),
    [],
  );
  const returned = data?.items.filter((a) => a.status === 'returned') ?? [];
  const paper = data?.items.filter((a) => a.status === 'pending_paper') ?? [];
  const nothing = !loading && !errorText && returned.length === 0 && paper.length === 0 && unread === 0;
  return (
    <Card title="待办事项" loading={loading && !data} style={{ marginTop: 16 }} data-testid="handler-todos">
      <LoadError text={errorText} retry={reload} />
      {nothing && <Empty description="暂无待办事项" image={Empty.PRESENTED_IMAGE_SIMPLE} />}
      <Space orientation="vertical" style={{ width: '100%' }}>
        {returned.map((a) => (
          <Alert
            key={a.id}
            type="error"
            showIcon
            title={`申请 ${a.number}（${a.typeLabel}${a.websiteName ? `，${a.websiteName}` : ''}）已退回，请查看审核结果并修改申请后重新上报`}
            action={
              <Space>
                <Link to={`/applications/${a.id}`}>查看审核结果</Link>
                <Link to={`/applications/${a.id}/edit`}>修改申请</Link>
              </Space>
            }
          />
        ))}
        {paper.map((a) => (
          <Alert
            key={a.id}
            type="warning"
            showIcon
            title={`申请 ${a.number}（${a.typeLabel}）已通过审核，请将纸质材料提交至编办`}
            action={<Link to={`/applications/${a.id}`}>查看材料清单</Link>}
          />
        ))}
        {unread > 0 && (
          <Alert type="info" showIcon title={`您有 ${unread} 条未读消息`} action={<Link to="/inbox">查看消息</Link>} />
        )}
      </Space>
      {!nothing && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }}>
          全部申请见 <Link to="/applications">网站开办审核/资格复核申请</Link>
        </Typography.Paragraph>
      )}
    </Card>
  );
}
