import { Alert, Button, Card, Space, Typography } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { ApplicationSummary } from '../../applications/ApplicationSummary';
import { ChainProgress } from '../../applications/ChainProgress';
import { DecisionList } from '../../applications/DecisionList';
import { DeliveryLog } from '../../applications/DeliveryLog';
import { HistoryTimeline } from '../../applications/HistoryTimeline';
import { returnedReasons } from '../../applications/marks';
import { PaperTable } from '../../applications/PaperTable';
import { PayloadView } from '../../applications/PayloadView';
import { PrintButton, printHint } from '../../applications/PrintButton';
import type { ApplicationDetail } from '../../applications/types';
import { useApplicationActions } from '../../applications/useApplicationActions';
import { SiteChecksCard } from '../../sitecheck/SiteChecksCard';
import { useLoad } from '../../useLoad';
import { loadState } from '../LoadState';

/** 查看审核结果: status, the chain, the decisions and reasons, the form with returned fields in red, paper, history. */
export default function ApplicationDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const loaded = useLoad((signal) => api.get<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const { withdraw, submit } = useApplicationActions(loaded.reload);
  const state = loadState(loaded, '申请', { to: '/applications', label: '返回申请列表' });
  if (state) return state;
  const d = loaded.data;
  if (!d) return null;
  const can = (a: string) => d.allowedActions.includes(a);
  const reasons = returnedReasons(d.decisions, d.returnedFields);
  const lastReturn = [...d.decisions].reverse().find((x) => x.decision === 'return');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={`查看审核结果 — ${d.number}`}
        extra={
          <Space wrap>
            {(can('revise') || can('edit')) && (
              <Button type="primary" onClick={() => navigate(`/applications/${d.id}/edit`)}>
                修改申请
              </Button>
            )}
            {can('submit') && <Button onClick={() => void submit(d)}>提交</Button>}
            {can('withdraw') && (
              <Button danger onClick={() => withdraw(d)}>
                撤回
              </Button>
            )}
            <PrintButton app={d} />
            <Button onClick={() => navigate('/applications')}>返回</Button>
          </Space>
        }
      >
        <ChainProgress app={d} />
        <ApplicationSummary detail={d} />
        {d.status === 'returned' && (
          <Alert
            type="error"
            showIcon
            data-testid="returned-alert"
            title="申请已退回，请根据审核意见点击“修改申请”，修改后重新上报"
            description={lastReturn?.reasons.map((r, i) => (
              <div key={i}>
                {r.label ? `${r.label}：` : ''}
                {r.reason}
              </div>
            ))}
          />
        )}
        {d.status === 'pending_paper' && (
          <Alert
            type="warning"
            showIcon
            title="审核已通过，请将纸质材料提交至编办"
            description={
              <>
                <div data-testid="print-hint">请点击“打印申请表”，{printHint(d.unit.type)}。</div>
                <div>编办收到全部材料后，申请即办结。</div>
              </>
            }
          />
        )}
        {d.status === 'approved' && (
          <Alert
            type="success"
            showIcon
            title={`${d.typeLabel}申请已审核通过`}
            description={d.type === 'deregister' ? '注销审核通过后，如需将网站标识挂在网络红页上，请在“网站开办审核/资格复核申请”中点击申请，选择“新开办网站申请”。' : undefined}
            action={d.type === 'deregister' ? <Link to="/applications/new">点击申请</Link> : undefined}
          />
        )}
      </Card>
      <Card title="审核意见" size="small">
        <DecisionList decisions={d.decisions} />
      </Card>
      <Card title="申请表" size="small">
        {Object.keys(reasons).length > 0 && (
          <Typography.Paragraph type="danger">红色标注的项目被退回修改，请按审核意见修改。</Typography.Paragraph>
        )}
        <PayloadView detail={d} reasons={reasons} />
      </Card>
      <SiteChecksCard applicationId={d.id} refreshKey={d.version} canRecheck={false} />
      {(d.paperItems.length > 0 || d.chain.some((c) => c.step === 'paper')) && (
        <Card title="纸质材料" size="small">
          {d.paperItems.length === 0 ? (
            <Typography.Text type="secondary">中心审核通过后，请按要求提交纸质材料。</Typography.Text>
          ) : (
            <PaperTable items={d.paperItems} />
          )}
        </Card>
      )}
      <Card title="办理记录" size="small">
        <HistoryTimeline history={d.history} />
      </Card>
      <DeliveryLog applicationId={d.id} refreshKey={d.version} />
    </Space>
  );
}
