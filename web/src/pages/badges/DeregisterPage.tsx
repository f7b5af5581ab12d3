import { App, Card, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { deregisterPayload, type DeregisterFormValues } from '../../applications/formModel';
import { HandlerFields } from '../../applications/HandlerFields';
import { PayloadForm } from '../../applications/PayloadForm';
import { ReasonField } from '../../applications/ReasonField';
import type { ApplicationView } from '../../applications/types';
import { useHandlerDefaults } from '../../applications/useHandlerDefaults';
import { PageSpin } from '../../layout/PageSpin';
import { loadState } from '../LoadState';
import { useWebsite } from './useWebsite';
import { WebsiteSummary } from './WebsiteSummary';

/** 注销 (标识管理 → 注销): the reason and the 经办人; 保存 submits it to the 编办. */
export default function DeregisterPage() {
  const navigate = useNavigate();
  const { message } = App.useApp();
  const loaded = useWebsite();
  const handler = useHandlerDefaults();
  const state = loadState(loaded, '网站', { to: '/names/badges', label: '返回标识管理' });
  if (state) return state;
  const w = loaded.data;
  if (!w) return null;
  const submit = async (payload: unknown) => {
    const created = await api.post<ApplicationView>('/api/applications', { payload, submit: true });
    message.success(`注销申请 ${created.number} 已提交编办审核`);
    navigate(`/applications/${created.id}`);
  };
  return (
    <Card title="注销">
      <WebsiteSummary website={w} action="deregister" />
      <Typography.Paragraph type="secondary" style={{ maxWidth: 860 }}>
        注销经编办审核通过后，该网站的标识即失效。如需改为网络红页，请在注销审核通过后，到“网站开办审核/资格复核申请”点击申请，选择“新开办网站申请”。
      </Typography.Paragraph>
      {handler.loading ? (
        <PageSpin />
      ) : (
        w.allowedActions.includes('deregister') && (
          <PayloadForm<DeregisterFormValues>
            name="deregister-form"
            kind="deregister"
            initialValues={{ reason: '', handler: handler.contact }}
            toPayload={(v) => deregisterPayload(w.id, v)}
            onSubmit={submit}
            submitText="保存"
            onCancel={() => navigate('/names/badges')}
          >
            <ReasonField />
            <HandlerFields />
          </PayloadForm>
        )
      )}
    </Card>
  );
}
