import { useState } from 'react';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { App, Button, Card, Space, Tooltip, Typography } from 'antd';
import { useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { ApplicationSummary } from '../../applications/ApplicationSummary';
import { ChainProgress } from '../../applications/ChainProgress';
import { DecisionList } from '../../applications/DecisionList';
import { DeliveryLog } from '../../applications/DeliveryLog';
import { HistoryTimeline } from '../../applications/HistoryTimeline';
import { returnedReasons } from '../../applications/marks';
import { PaperTable } from '../../applications/PaperTable';
import { PayloadView } from '../../applications/PayloadView';
import type { ApplicationDetail } from '../../applications/types';
import { SiteChecksCard } from '../../sitecheck/SiteChecksCard';
import { useHotkeys } from '../../useHotkeys';
import { useLoad } from '../../useLoad';
import { loadState } from '../LoadState';
import { DiffTable } from './DiffTable';
import { forget, neighbours } from './queueOrder';
import { ReturnModal } from './ReturnModal';
import { UnitCard } from './UnitCard';

/** The reviewer's view of one application: unit, form, changes, history; 通过 and 退回; j/k to move. */
export default function ReviewDetailPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [returning, setReturning] = useState(false);
  const [busy, setBusy] = useState(false);
  const loaded = useLoad((signal) => api.get<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const nav = neighbours(id);
  const go = (to: string | null) => to && navigate(`/review/${to}`);
  useHotkeys({ j: () => go(nav.next), ArrowRight: () => go(nav.next), k: () => go(nav.prev), ArrowLeft: () => go(nav.prev) }, !returning);

  const state = loadState(loaded, '申请', { to: '/review', label: '返回审核管理' });
  if (state) return state;
  const d = loaded.data;
  if (!d || d.id !== id) return loadState({ ...loaded, data: null }, '申请', { to: '/review', label: '返回审核管理' });
  const can = (a: string) => d.allowedActions.includes(a);

  /** After a decision: on to the next application of the queue, or back to the queue. */
  const decided = (text: string) => {
    message.success(text);
    const next = nav.next ?? nav.prev;
    forget(d.id);
    if (next) navigate(`/review/${next}`);
    else navigate('/review');
  };

  const approve = () =>
    modal.confirm({
      title: `确定审核通过申请 ${d.number} 吗？`,
      content: `${d.unit.name} · ${d.typeLabel} · ${d.stepLabel ?? ''}`,
      okText: '通过',
      cancelText: '取消',
      onOk: async () => {
        setBusy(true);
        try {
          const r = await api.post<{ statusLabel: string }>(`/api/applications/${d.id}/approve`, { version: d.version });
          decided(`申请 ${d.number} 已通过（${r.statusLabel}）`);
        } catch (err) {
          message.error(errorMessage(err));
          loaded.reload();
        } finally {
          setBusy(false);
        }
      },
    });

  const reasons = returnedReasons(d.decisions, d.returnedFields);
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Card
        title={`审核 — ${d.number}`}
        extra={
          <Space wrap>
            {can('approve') && (
              <Button type="primary" onClick={approve} loading={busy}>
                通过
              </Button>
            )}
            {can('return') && (
              <Button danger onClick={() => setReturning(true)}>
                退回
              </Button>
            )}
            {can('receive_paper') && <Button onClick={() => navigate('/paper')}>纸质材料</Button>}
            <Tooltip title="上一条（k 或 ←）">
              <Button icon={<LeftOutlined />} disabled={!nav.prev} onClick={() => go(nav.prev)} aria-label="上一条" />
            </Tooltip>
            <Tooltip title="下一条（j 或 →）">
              <Button icon={<RightOutlined />} disabled={!nav.next} onClick={() => go(nav.next)} aria-label="下一条" />
            </Tooltip>
            {nav.index >= 0 && <Typography.Text type="secondary">{`${nav.index + 1} / ${nav.total}`}</Typography.Text>}
            <Button onClick={() => navigate('/review')}>返回队列</Button>
          </Space>
        }
      >
        <ChainProgress app={d} />
        <ApplicationSummary detail={d} withUnit />
      </Card>
      <Card title="单位信息" size="small">
        <UnitCard detail={d} />
      </Card>
      {d.revision > 1 && (
        <Card title={`修改内容（第${d.revision - 1}版 → 第${d.revision}版）`} size="small">
          <DiffTable diff={d.diff} />
        </Card>
      )}
      <Card title="申请表" size="small">
        <PayloadView detail={d} reasons={reasons} diff={d.diff} />
      </Card>
      <SiteChecksCard applicationId={d.id} refreshKey={d.version} canRecheck={d.payload.type !== 'deregister' && d.payload.hosting === 'self_hosted'} />
      <Card title="审核意见" size="small">
        <DecisionList decisions={d.decisions} />
      </Card>
      {d.paperItems.length > 0 && (
        <Card title="纸质材料" size="small">
          <PaperTable items={d.paperItems} />
        </Card>
      )}
      <Card title="办理记录" size="small">
        <HistoryTimeline history={d.history} />
      </Card>
      <DeliveryLog applicationId={d.id} refreshKey={d.version} />
      <ReturnModal
        detail={d}
        open={returning}
        onClose={() => setReturning(false)}
        onDone={() => {
          setReturning(false);
          decided(`申请 ${d.number} 已退回`);
        }}
      />
    </Space>
  );
}
