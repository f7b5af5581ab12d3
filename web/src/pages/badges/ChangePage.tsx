import { App, Card } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { sitePayload, type SiteFormValues } from '../../applications/formModel';
import { HandlerFields } from '../../applications/HandlerFields';
import { PayloadForm } from '../../applications/PayloadForm';
import { SiteFields } from '../../applications/SiteFields';
import type { ApplicationView } from '../../applications/types';
import { useHandlerDefaults } from '../../applications/useHandlerDefaults';
import { PageSpin } from '../../layout/PageSpin';
import { useRequiredSession } from '../../session';
import { loadState } from '../LoadState';
import { useWebsite } from './useWebsite';
import { WebsiteSummary } from './WebsiteSummary';

/** 变更 (标识管理 → 变更): e.g. 挂标位置 网络红页 → 自建网站 with its 英文域名 and IP地址; 提交 sends it to the 编办. */
export default function ChangePage() {
  const session = useRequiredSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const loaded = useWebsite();
  const handler = useHandlerDefaults();
  const state = loadState(loaded, '网站', { to: '/names/badges', label: '返回标识管理' });
  if (state) return state;
  const w = loaded.data;
  if (!w) return null;
  const initial: SiteFormValues = {
    type: 'change',
    websiteId: w.id,
    hosting: w.hosting,
    websiteName: w.name,
    englishDomain: w.englishDomain ?? '',
    ipAddresses: w.ipAddresses.length ? w.ipAddresses : [''],
    description: w.description,
    handler: handler.contact,
  };
  const submit = async (payload: unknown, extra: { siteCheckExplanation?: string }) => {
    const created = await api.post<ApplicationView>('/api/applications', { payload, submit: true, ...extra });
    message.success(`变更申请 ${created.number} 已提交，等待编办审核`);
    navigate(`/applications/${created.id}`);
  };
  return (
    <Card title="变更">
      <WebsiteSummary website={w} action="change" />
      {handler.loading ? (
        <PageSpin />
      ) : (
        w.allowedActions.includes('change') && (
          <PayloadForm<SiteFormValues>
            name="change-form"
            kind="site"
            initialValues={initial}
            toPayload={sitePayload}
            onSubmit={submit}
            submitText="提交"
            onCancel={() => navigate('/names/badges')}
          >
            <SiteFields hostingText="short" unitName={session.user.unit?.name ?? w.unit.name} />
            <HandlerFields />
          </PayloadForm>
        )
      )}
    </Card>
  );
}
