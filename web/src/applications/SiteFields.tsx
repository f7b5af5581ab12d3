import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Divider, Form, Input, Radio, Space, Typography } from 'antd';
import { SiteCheckButton } from '../sitecheck/SiteCheckButton';
import { descriptionTemplate, hostingLabel, hostingSentence, websiteNameHint } from './labels';
import { useFieldMarks } from './marks';
import { check, englishDomainProblem, ipProblem, max, notUrl, required } from './rules';
import type { Hosting } from './types';

const maxIps = 4;
const hostings: Hosting[] = ['red_page', 'self_hosted'];

/**
 * 挂标位置, 网站名称, 英文域名 and IP地址 (自建网站 only), 网站简介, and for 网络红页 the optional
 * 机构地址/机构职能/联系电话. `hostingText` is "short" (网络红页 / 自建网站, the 变更 form) or
 * "sentence" (我单位准备将网站标识挂在…上, the application form).
 */
export function SiteFields({ hostingText, unitName }: { hostingText: 'short' | 'sentence'; unitName: string }) {
  const form = Form.useFormInstance();
  const hosting = Form.useWatch<Hosting | undefined>('hosting', form);
  const mark = useFieldMarks();
  const labels = hostingText === 'short' ? hostingLabel : hostingSentence;
  return (
    <>
      <Form.Item label="挂标位置" name="hosting" rules={[{ required: true, message: '请选择挂标位置' }]} {...mark('hosting')}>
        <Radio.Group>
          <Space orientation={hostingText === 'short' ? 'horizontal' : 'vertical'}>
            {hostings.map((h) => (
              <Radio key={h} value={h}>
                {labels[h]}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      </Form.Item>
      <Form.Item
        label="网站名称"
        name="websiteName"
        rules={[required('请填写网站名称'), max(64, '网站名称'), notUrl]}
        {...mark('websiteName', websiteNameHint)}
      >
        <Input maxLength={64} />
      </Form.Item>
      {hosting === 'self_hosted' && (
        <>
          <Form.Item
            label="英文域名"
            name="englishDomain"
            rules={[required('自建网站必须填写英文域名'), check(englishDomainProblem)]}
            {...mark('englishDomain', '例如 www.example.gov.cn；确保该英文域名可以访问到网站')}
          >
            <Input maxLength={253} placeholder="www.example.gov.cn" autoComplete="off" />
          </Form.Item>
          <IpAddresses />
          <SiteCheckButton />
        </>
      )}
      <Form.Item label="网站简介" name="description" rules={[required('请填写网站简介'), max(500, '网站简介')]} {...mark('description', <TemplateHint unitName={unitName} />)}>
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
      {hosting === 'red_page' && <RedPageFields />}
    </>
  );
}

function TemplateHint({ unitName }: { unitName: string }) {
  const form = Form.useFormInstance();
  return (
    <span>
      网站简介参照模版填写。
      <Typography.Link onClick={() => form.setFieldValue('description', descriptionTemplate(unitName))}>使用模版</Typography.Link>
    </span>
  );
}

function IpAddresses() {
  const mark = useFieldMarks();
  const listMark = mark('ipAddresses', '网站服务器的公网IP地址（IPv4或IPv6），可填写多个');
  return (
    <Form.List
      name="ipAddresses"
      rules={[
        {
          validator: (_, v: unknown) =>
            Array.isArray(v) && v.some((s) => typeof s === 'string' && s.trim() !== '')
              ? Promise.resolve()
              : Promise.reject(new Error('自建网站必须填写IP地址')),
        },
      ]}
    >
      {(fields, { add, remove }, { errors }) => (
        <Form.Item label="IP地址" required className={listMark.className} extra={listMark.extra}>
          {fields.map((f, i) => (
            <Space key={f.key} align="start" style={{ display: 'flex' }}>
              <Form.Item
                name={f.name}
                validateTrigger={['onChange', 'onBlur']}
                rules={[required('请填写IP地址'), check(ipProblem)]}
                style={{ marginBottom: 8 }}
              >
                <Input aria-label={i === 0 ? 'IP地址' : `IP地址${i + 1}`} maxLength={45} style={{ width: 320 }} placeholder="例如 115.236.10.21" />
              </Form.Item>
              {fields.length > 1 && (
                <Button type="text" aria-label={`删除IP地址${i + 1}`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} />
              )}
            </Space>
          ))}
          {fields.length < maxIps && (
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>
              添加IP地址
            </Button>
          )}
          <Form.ErrorList errors={errors} />
        </Form.Item>
      )}
    </Form.List>
  );
}

/** 网络红页 shows the unit's address, functions and phone; left empty, the unit's registered data is used. */
function RedPageFields() {
  const mark = useFieldMarks();
  const deps = [
    ['redPage', 'address'],
    ['redPage', 'functions'],
    ['redPage', 'phone'],
  ];
  const others = (k: string) => deps.filter((d) => d[1] !== k);
  const allOrNone = ({ getFieldValue }: { getFieldValue: (n: (string | number)[]) => unknown }) => ({
    validator: (_: unknown, value: unknown) => {
      const filled = deps.filter((d) => String(getFieldValue(d) ?? '').trim() !== '').length;
      if (filled > 0 && filled < deps.length && String(value ?? '').trim() === '') {
        return Promise.reject(new Error('机构地址、机构职能、联系电话须同时填写，或都不填写'));
      }
      return Promise.resolve();
    },
  });
  return (
    <>
      <Divider titlePlacement="start" plain>
        网络红页信息（选填）
      </Divider>
      <Typography.Paragraph type="secondary">不填写时，网络红页显示本单位登记的机构地址、机构职能和联系电话。</Typography.Paragraph>
      <Form.Item label="机构地址" name={['redPage', 'address']} dependencies={others('address')} rules={[allOrNone, max(256, '机构地址')]} {...mark('redPage.address')}>
        <Input maxLength={256} />
      </Form.Item>
      <Form.Item label="机构职能" name={['redPage', 'functions']} dependencies={others('functions')} rules={[allOrNone, max(1000, '机构职能')]} {...mark('redPage.functions')}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
      <Form.Item label="联系电话" name={['redPage', 'phone']} dependencies={others('phone')} rules={[allOrNone, max(32, '联系电话')]} {...mark('redPage.phone')}>
        <Input maxLength={32} />
      </Form.Item>
    </>
  );
}
