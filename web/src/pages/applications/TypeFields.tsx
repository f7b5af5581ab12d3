import { Form, Radio, Select, Space } from 'antd';
import type { SiteFormValues } from '../../applications/formModel';
import { useFieldMarks } from '../../applications/marks';
import type { Domain, Website } from '../../types';

/**
 * 申请类型 (已开办网站资格复核 only for 党政机关) and what the application is about: the 中文域名
 * of a 新开办网站申请, or the website of a 资格复核 (whose data then fills the form).
 */
export function TypeFields({ domains, websites, partyGovernment, fixedType }: { domains: Domain[]; websites: Website[]; partyGovernment: boolean; fixedType: boolean }) {
  const form = Form.useFormInstance<SiteFormValues>();
  const type = Form.useWatch('type', form);
  const mark = useFieldMarks();
  const live = new Map(websites.filter((w) => w.status === 'active').map((w) => [w.domain.id, w.name]));
  const domainOptions = domains.map((d) => ({
    value: d.id,
    label: live.has(d.id) ? `${d.name}（已开办网站：${live.get(d.id)}）` : d.status === 'active' ? d.name : `${d.name}（${d.statusLabel}）`,
  }));
  const websiteOptions = websites.filter((w) => w.status === 'active').map((w) => ({ value: w.id, label: `${w.name}（${w.domain.name}）` }));
  const pickWebsite = (id: string) => {
    const w = websites.find((x) => x.id === id);
    if (!w) return;
    form.setFieldsValue({
      hosting: w.hosting,
      websiteName: w.name,
      englishDomain: w.englishDomain ?? '',
      ipAddresses: w.ipAddresses.length ? w.ipAddresses : [''],
      description: w.description,
    });
  };
  return (
    <>
      <Form.Item label="申请类型" name="type" rules={[{ required: true, message: '请选择申请类型' }]} {...mark('type')}>
        <Radio.Group disabled={fixedType}>
          <Space orientation="horizontal">
            <Radio value="new_site">新开办网站申请</Radio>
            {partyGovernment && <Radio value="re_review">已开办网站资格复核</Radio>}
          </Space>
        </Radio.Group>
      </Form.Item>
      {type === 'new_site' && (
        <Form.Item label="中文域名" name="domainId" rules={[{ required: true, message: '请选择中文域名' }]} {...mark('domainId', '网站使用的网上名称（中文域名）')}>
          <Select options={domainOptions} placeholder="请选择本单位的中文域名" disabled={fixedType} style={{ maxWidth: 480 }} notFoundContent="本单位暂无中文域名" />
        </Form.Item>
      )}
      {type === 're_review' && (
        <Form.Item label="网站" name="websiteId" rules={[{ required: true, message: '请选择要复核的网站' }]} {...mark('websiteId')}>
          <Select options={websiteOptions} onChange={pickWebsite} placeholder="请选择已开办的网站" disabled={fixedType} style={{ maxWidth: 480 }} notFoundContent="本单位暂无已开办的网站" />
        </Form.Item>
      )}
    </>
  );
}
