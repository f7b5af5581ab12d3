import { Alert, App, Card, Descriptions } from 'antd';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api';
import { deregisterPayload, isSitePayload, sitePayload, siteValues, type DeregisterFormValues, type SiteFormValues } from '../../applications/formModel';
import { HandlerFields } from '../../applications/HandlerFields';
import { returnedReasons } from '../../applications/marks';
import { PayloadForm } from '../../applications/PayloadForm';
import { ReasonField } from '../../applications/ReasonField';
import { SiteFields } from '../../applications/SiteFields';
import type { ApplicationDetail, ApplicationView, Payload } from '../../applications/types';
import { useLoad } from '../../useLoad';
import { loadState } from '../LoadState';

/** 修改申请: the form prefilled from the application; for a returned one, saving resubmits it (重新上报). */
export default function ReviseApplicationPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const loaded = useLoad((signal) => api.get<ApplicationDetail>(`/api/applications/${encodeURIComponent(id)}`, undefined, signal), [id]);
  const state = loadState(loaded, '申请', { to: '/applications', label: '返回申请列表' });
  if (state) return state;
  const d = loaded.data;
  if (!d) return null;
  const back = () => navigate(`/applications/${d.id}`);
  if (!d.allowedActions.includes('revise') && !d.allowedActions.includes('edit')) {
    return (
      <Card title={`修改申请 — ${d.number}`}>
        <Alert type="info" showIcon title={`该申请${d.statusLabel}，不能修改`} action={<Link to={`/applications/${d.id}`}>查看审核结果</Link>} />
      </Card>
    );
  }
  const resubmit = d.status === 'returned';
  const reasons = returnedReasons(d.decisions, d.returnedFields);
  const lastReturn = [...d.decisions].reverse().find((x) => x.decision === 'return');
  const save = async (payload: Payload, extra: { siteCheckExplanation?: string }) => {
    await api.put<ApplicationView>(`/api/applications/${d.id}`, { version: d.version, payload, ...extra });
    message.success(resubmit ? `申请 ${d.number} 已修改并重新上报` : '申请已保存');
    back();
  };
  const p = d.payload;
  return (
    <Card title={`修改申请 — ${d.number}`}>
      {resubmit && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16, maxWidth: 860 }}
          title="请根据审核意见修改红色标注的项目，点击“提交”后重新上报编办审核"
          description={lastReturn?.reasons.map((r, i) => (
            <div key={i}>
              {r.label ? `${r.label}：` : ''}
              {r.reason}
            </div>
          ))}
        />
      )}
      <Descriptions
        size="small"
        bordered
        column={1}
        style={{ marginBottom: 24, maxWidth: 860 }}
        styles={{ label: { width: 150 } }}
        items={[
          { key: 'type', label: '申请类型', children: d.typeLabel },
          ...(d.domain ? [{ key: 'domain', label: '中文域名', children: d.domain.name }] : []),
          ...(d.website ? [{ key: 'website', label: '网站', children: d.website.name }] : []),
        ]}
      />
      {isSitePayload(p) ? (
        <PayloadForm<SiteFormValues>
          name="revise-form"
          kind="site"
          initialValues={siteValues(p)}
          toPayload={sitePayload}
          onSubmit={save}
          submitText="提交"
          onCancel={back}
          reasons={reasons}
        >
          <SiteFields hostingText={p.type === 'change' ? 'short' : 'sentence'} unitName={d.unit.name} />
          <HandlerFields />
        </PayloadForm>
      ) : (
        <PayloadForm<DeregisterFormValues>
          name="revise-deregister-form"
          kind="deregister"
          initialValues={{ reason: p.reason, handler: { ...p.handler } }}
          toPayload={(v) => deregisterPayload(p.websiteId, v)}
          onSubmit={save}
          submitText="保存"
          onCancel={back}
          reasons={reasons}
        >
          <ReasonField />
          <HandlerFields />
        </PayloadForm>
      )}
    </Card>
  );
}

