import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Modal, Steps, Typography } from 'antd';
import { api, errorMessage } from '../../api';
import { check, mobileProblem } from '../../applications/rules';
import { applyApiError, limits } from '../../forms';
import type { Account } from '../../types';

export type ContactChannel = 'sms' | 'email';

const what: Record<ContactChannel, { title: string; label: string }> = {
  sms: { title: '修改手机号码', label: '新手机号码' },
  email: { title: '修改邮箱', label: '新邮箱' },
};

const resendSeconds = 60;

/**
 * 修改手机号码 / 修改邮箱: the new address gets a 6-digit code (POST …/contact/request, 202);
 * nothing changes until the code comes back (POST …/contact/confirm).
 */
export function ContactChangeModal({ channel, ...rest }: { channel: ContactChannel | null } & Props) {
  return channel === null ? null : <ContactChange key={channel} channel={channel} {...rest} />;
}

interface Props {
  onClose: () => void;
  onChanged: (c: Pick<Account, 'mobile' | 'email'>) => void;
}

function ContactChange({ channel, onClose, onChanged }: { channel: ContactChannel } & Props) {
  const [addressForm] = Form.useForm<{ address: string }>();
  const [codeForm] = Form.useForm<{ code: string }>();
  const [sentTo, setSentTo] = useState<{ address: string; message: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait((x) => x - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const w = what[channel];
  const again = () => {
    setSentTo(null);
    setError(null);
    setWait(0);
  };

  const request = async (address: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<{ message?: string }>('/api/account/contact/request', { channel, address: address.trim() });
      setSentTo({ address: address.trim(), message: r?.message ?? '验证码已发送至新地址' });
      setWait(resendSeconds);
    } catch (err) {
      if (sentTo) setError(errorMessage(err));
      else applyApiError(addressForm, err, setError);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (code: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.post<Pick<Account, 'mobile' | 'email'>>('/api/account/contact/confirm', { channel, code });
      onChanged(r);
    } catch (err) {
      applyApiError(codeForm, err, setError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal title={w.title} open onCancel={onClose} footer={null}>
      <Steps size="small" current={sentTo ? 1 : 0} style={{ margin: '8px 0 24px' }} items={[{ title: `填写${w.label}` }, { title: '输入验证码' }]} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="contact-error" />}
      {!sentTo ? (
        <Form<{ address: string }> key="address" form={addressForm} layout="vertical" onFinish={(v) => void request(v.address)}>
          <Form.Item
            label={w.label}
            name="address"
            extra={`验证码将发送至${w.label}，确认后审核结果等消息将发送到这里`}
            rules={[
              { required: true, whitespace: true, message: `请输入${w.label}` },
              channel === 'email' ? { type: 'email', message: '请输入正确的邮箱地址' } : check(mobileProblem),
            ]}
          >
            <Input
              maxLength={channel === 'email' ? limits.email : limits.mobile}
              inputMode={channel === 'email' ? 'email' : 'tel'}
              autoComplete={channel === 'email' ? 'email' : 'tel'}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block disabled={busy}>
            获取验证码
          </Button>
        </Form>
      ) : (
        <Form<{ code: string }> key="code" form={codeForm} layout="vertical" onFinish={(v) => void confirm(v.code)}>
          <Alert type="success" showIcon title={`${sentTo.message}：${sentTo.address}`} style={{ marginBottom: 16 }} />
          <Form.Item
            label="验证码"
            name="code"
            rules={[
              { required: true, message: '请输入验证码' },
              { pattern: /^\d{6}$/, message: '验证码为6位数字' },
            ]}
          >
            <Input maxLength={limits.code} inputMode="numeric" autoComplete="one-time-code" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block disabled={busy}>
            确定
          </Button>
          <Button type="link" block disabled={wait > 0 || busy} onClick={() => void request(sentTo.address)} style={{ marginTop: 8 }}>
            {wait > 0 ? `重新获取验证码（${wait}秒）` : '重新获取验证码'}
          </Button>
          <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginBottom: 0 }}>
            <Typography.Link onClick={again}>更换{w.label}</Typography.Link>
          </Typography.Paragraph>
        </Form>
      )}
    </Modal>
  );
}
