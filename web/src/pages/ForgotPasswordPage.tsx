import { useEffect, useState } from 'react';
import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Radio, Skeleton, Steps, Typography } from 'antd';
import { Link, useNavigate } from 'react-router-dom';
import { api } from '../api';
import { applyApiError, limits } from '../forms';
import { hotlineSentence, useSupport } from '../useSupport';
import { AuthCard } from './AuthCard';
import { NewPasswordFields } from './PasswordFields';

type Channel = 'sms' | 'email';
interface RequestValues {
  username: string;
  channel: Channel;
}
interface ConfirmValues {
  code: string;
  newPassword: string;
  confirmPassword: string;
}

const resendSeconds = 60;

export default function ForgotPasswordPage() {
  const { support, loading } = useSupport();
  const navigate = useNavigate();
  const [requestForm] = Form.useForm<RequestValues>();
  const [confirmForm] = Form.useForm<ConfirmValues>();
  const [sent, setSent] = useState<(RequestValues & { message: string }) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [wait, setWait] = useState(0);

  useEffect(() => {
    if (wait <= 0) return;
    const t = setTimeout(() => setWait((w) => w - 1), 1000);
    return () => clearTimeout(t);
  }, [wait]);

  const requestCode = async (v: RequestValues) => {
    setBusy(true);
    setError(null);
    try {
      const body = { username: v.username.trim(), channel: v.channel };
      const r = await api.post<{ message: string }>('/api/password-reset/request', body, { anonymous: true });
      setSent({ ...body, message: r?.message ?? '验证码已发送' });
      setWait(resendSeconds);
    } catch (err) {
      applyApiError(requestForm, err, setError);
    } finally {
      setBusy(false);
    }
  };

  const confirm = async (v: ConfirmValues) => {
    if (!sent) return;
    setBusy(true);
    setError(null);
    try {
      const body = { username: sent.username, code: v.code, newPassword: v.newPassword };
      await api.post('/api/password-reset/confirm', body, { anonymous: true });
      navigate('/login', { replace: true, state: { notice: '密码已重置，请使用新密码登录' } });
    } catch (err) {
      applyApiError(confirmForm, err, setError);
      setBusy(false);
    }
  };

  return (
    <AuthCard subtitle="忘记密码">
      {loading ? (
        <Skeleton active paragraph={{ rows: 1 }} />
      ) : (
        <Alert
          type="warning"
          showIcon
          icon={<PhoneOutlined />}
          data-testid="support-hotline"
          title={<Typography.Text strong style={{ fontSize: 16 }}>{hotlineSentence(support)}</Typography.Text>}
          description={support?.centreName}
          style={{ marginBottom: 24 }}
        />
      )}
      <Typography.Paragraph type="secondary">也可以通过绑定的手机或邮箱自助重置密码：</Typography.Paragraph>
      <Steps size="small" current={sent ? 1 : 0} style={{ marginBottom: 24 }} items={[{ title: '获取验证码' }, { title: '重置密码' }]} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="reset-error" />}
      {sent && !error && <Alert type="success" showIcon title={sent.message} style={{ marginBottom: 16 }} />}
      {!sent ? (
        <Form<RequestValues> key="request" form={requestForm} name="reset-request" layout="vertical" initialValues={{ channel: 'sms' }} onFinish={requestCode}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
            <Input maxLength={limits.username} autoComplete="username" />
          </Form.Item>
          <Form.Item label="接收方式" name="channel" rules={[{ required: true, message: '请选择接收方式' }]}>
            <Radio.Group
              options={[
                { value: 'sms', label: '手机短信' },
                { value: 'email', label: '电子邮件' },
              ]}
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block disabled={busy}>
            获取验证码
          </Button>
        </Form>
      ) : (
        <Form<ConfirmValues> key="confirm" form={confirmForm} name="reset-confirm" layout="vertical" onFinish={confirm}>
          <Form.Item
            label="验证码"
            name="code"
            extra={`验证码已发送至用户 ${sent.username} 绑定的${sent.channel === 'sms' ? '手机' : '邮箱'}`}
            rules={[
              { required: true, message: '请输入验证码' },
              { pattern: /^\d{6}$/, message: '验证码为6位数字' },
            ]}
          >
            <Input maxLength={limits.code} inputMode="numeric" autoComplete="one-time-code" />
          </Form.Item>
          <NewPasswordFields username={sent.username} />
          <Button type="primary" htmlType="submit" block disabled={busy}>
            重置密码
          </Button>
          <Button type="link" block disabled={wait > 0 || busy} onClick={() => void requestCode(sent)} style={{ marginTop: 8 }}>
            {wait > 0 ? `重新获取验证码（${wait}秒）` : '重新获取验证码'}
          </Button>
        </Form>
      )}
      <Typography.Paragraph style={{ textAlign: 'center', marginTop: 16, marginBottom: 0 }}>
        <Link to="/login">返回登录</Link>
      </Typography.Paragraph>
    </AuthCard>
  );
}
