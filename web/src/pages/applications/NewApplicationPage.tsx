import { App, Card, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api';
import { sitePayload, type SiteFormValues } from '../../applications/formModel';
import { HandlerFields } from '../../applications/HandlerFields';
import { descriptionTemplate } from '../../applications/labels';
import { PayloadForm } from '../../applications/PayloadForm';
import { SiteFields } from '../../applications/SiteFields';
import type { ApplicationView } from '../../applications/types';
import { useHandlerDefaults } from '../../applications/useHandlerDefaults';
import { PageSpin } from '../../layout/PageSpin';
import { useRequiredSession } from '../../session';
import type { Domain, Website } from '../../types';
import { useLoad } from '../../useLoad';
import { loadState } from '../LoadState';
import { TypeFields } from './TypeFields';

/** 点击申请: 新开办网站申请 (or 已开办网站资格复核 for 党政机关); 提交 sends it to the 编办. */
export default function NewApplicationPage() {
  const session = useRequiredSession();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const handler = useHandlerDefaults();
  const loaded = useLoad(async (signal) => {
    const [d, w] = await Promise.all([
      api.get<{ items: Domain[] }>('/api/domains', undefined, signal),
      api.get<{ items: Website[] }>('/api/websites', undefined, signal),
    ]);
    return { domains: d.items, websites: w.items };
  }, []);
  const state = loadState(loaded, '申请表', { to: '/applications', label: '返回申请列表' });
  if (state) return state;
  if (!loaded.data || handler.loading) return <PageSpin />;
  const { domains, websites } = loaded.data;
  const unitName = session.user.unit?.name ?? '';
  const live = new Set(websites.filter((w) => w.status === 'active').map((w) => w.domain.id));
  const free = domains.find((d) => d.status === 'active' && !live.has(d.id)) ?? domains[0];
  const initial: Partial<SiteFormValues> = {
    type: 'new_site',
    ...(free ? { domainId: free.id } : {}),
    websiteName: unitName,
    englishDomain: '',
    ipAddresses: [''],
    description: descriptionTemplate(unitName),
    redPage: { address: '', functions: '', phone: '' },
    handler: handler.contact,
  };
  const submit = async (payload: unknown, extra: { siteCheckExplanation?: string }) => {
    const created = await api.post<ApplicationView>('/api/applications', { payload, submit: true, ...extra });
    message.success(`申请 ${created.number} 已提交，等待编办审核`);
    navigate(`/applications/${created.id}`);
  };
  return (
    <Card title="点击申请">
      <Typography.Paragraph type="secondary">
        红色星号（<span style={{ color: '#ff4d4f' }}>*</span>）的是必填项。挂标位置选择网络红页的，不填写英文域名和IP地址。
      </Typography.Paragraph>
      <PayloadForm<SiteFormValues>
        name="application-form"
        kind="site"
        initialValues={initial}
        toPayload={sitePayload}
        onSubmit={submit}
        submitText="提交"
        onCancel={() => navigate('/applications')}
      >
        <TypeFields domains={domains} websites={websites} partyGovernment={session.user.unit?.type === 'party_government'} fixedType={false} />
        <SiteFields hostingText="sentence" unitName={unitName} />
        <HandlerFields />
      </PayloadForm>
    </Card>
  );
}
