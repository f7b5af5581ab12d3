import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Modal, Skeleton, Space, Tag, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { dash } from '../format';
import { api, errorMessage } from '../api';
import { useRequiredSession, useSession } from '../session';
import type { Session } from '../types';
import { useAccount } from '../useAccount';
import { ContactChangeModal, type ContactChannel } from './account/ContactChangeModal';
import { CodeInput, codeRules, SecondFactorSetup } from './account/SecondFactorSetup';
import { LoadError } from './LoadError';

/** 账户信息: who I am and where my messages go; 修改手机号码 / 修改邮箱 verify the new address first. */
export default function AccountPage() {
  const session = useRequiredSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data, loading, errorText, reload } = useAccount();
  const [changing, setChanging] = useState<ContactChannel | null>(null);
  const { update } = useSession();
  const [secondFactor, setSecondFactor] = useState<'on' | 'off' | null>(null);
  const [offForm] = Form.useForm<{ code: string }>();
  const [offBusy, setOffBusy] = useState(false);

  const turnedOn = (s: Session) => {
    update(s);
    setSecondFactor(null);
    message.success('二次验证已开启');
  };
  const turnOff = async (v: { code: string }) => {
    setOffBusy(true);
    try {
      update(await api.post<Session>('/api/account/second-factor/disable', { code: v.code.trim() }));
      setSecondFactor(null);
      offForm.resetFields();
      message.success('二次验证已关闭');
    } catch (err) {
      offForm.setFields([{ name: 'code', value: '', errors: [errorMessage(err)] }]);
    }
    setOffBusy(false);
  };
  const sf = session.secondFactor;

  const changed = () => {
    message.success(changing === 'sms' ? '手机号码已修改' : '邮箱已修改');
    setChanging(null);
    reload();
  };

  return (
    <Card title="账户信息" extra={<Button onClick={() => navigate('/account/password')}>修改密码</Button>}>
      <LoadError text={errorText} retry={reload} />
      {loading && !data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        data && (
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ maxWidth: 640 }}
            data-testid="account-info"
            items={[
              { key: 'username', label: '用户名', children: data.username },
              { key: 'name', label: '姓名', children: data.displayName },
              { key: 'role', label: '角色', children: session.user.roleLabel },
              ...(session.user.unit || session.user.region
                ? [{ key: 'scope', label: session.user.unit ? '单位' : '区域', children: session.user.unit?.name ?? session.user.region?.name }]
                : []),
              {
                key: 'mobile',
                label: '手机号码',
                children: (
                  <Space wrap>
                    <span data-testid="account-mobile">{dash(data.mobile)}</span>
                    <Button size="small" onClick={() => setChanging('sms')}>
                      修改手机号码
                    </Button>
                  </Space>
                ),
              },
              {
                key: 'email',
                label: '邮箱',
                children: (
                  <Space wrap>
                    <span data-testid="account-email">{dash(data.email)}</span>
                    <Button size="small" onClick={() => setChanging('email')}>
                      修改邮箱
                    </Button>
                  </Space>
                ),
              },
              {
                key: 'second-factor',
                label: '二次验证',
                children: (
                  <Space wrap data-testid="account-second-factor">
                    {sf.enabled ? <Tag color="green">已开启</Tag> : <Tag>未开启</Tag>}
                    {sf.required ? (
                      <Typography.Text type="secondary">审核员、系统管理员和审计管理员须开启，登录时输入动态口令</Typography.Text>
                    ) : sf.enabled ? (
                      <Button size="small" onClick={() => setSecondFactor('off')}>
                        关闭二次验证
                      </Button>
                    ) : (
                      <Button size="small" onClick={() => setSecondFactor('on')}>
                        开启二次验证
                      </Button>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        )
      )}
      <Modal title="开启二次验证" open={secondFactor === 'on'} footer={null} destroyOnHidden width={640} onCancel={() => setSecondFactor(null)}>
        {secondFactor === 'on' && <SecondFactorSetup onDone={turnedOn} />}
      </Modal>
      <Modal
        title="关闭二次验证"
        open={secondFactor === 'off'}
        okText="关闭二次验证"
        okButtonProps={{ danger: true, disabled: offBusy }}
        onOk={() => offForm.submit()}
        onCancel={() => setSecondFactor(null)}
        destroyOnHidden
      >
        <Typography.Paragraph>关闭后登录只需密码。请输入身份验证器应用当前显示的动态口令确认。</Typography.Paragraph>
        <Form form={offForm} layout="inline" onFinish={turnOff}>
          <Form.Item label="动态口令" name="code" rules={codeRules}>
            <CodeInput autoFocus testId="second-factor-off-code" />
          </Form.Item>
        </Form>
      </Modal>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        审核结果、纸质材料和密码重置等短信和邮件发送到这里的手机号码和邮箱；新号码或新邮箱收到验证码并确认后才会生效。
      </Typography.Paragraph>
      <ContactChangeModal channel={changing} onClose={() => setChanging(null)} onChanged={changed} />
    </Card>
  );
}
