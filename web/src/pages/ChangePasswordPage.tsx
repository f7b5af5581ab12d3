import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api } from '../api';
import { applyApiError, limits } from '../forms';
import { useRequiredSession, useSession } from '../session';
import { NewPasswordFields } from './PasswordFields';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}

const reasonText: Record<'expired' | 'reset', string> = {
  expired: '密码已过期，请修改后继续',
  reset: '管理员已重置密码，请修改后继续',
};

/** 修改密码: the page of the user menu, and the only page while a password change is required. */
export default function ChangePasswordPage({ forcedReason }: { forcedReason?: 'expired' | 'reset' }) {
  const session = useRequiredSession();
  const { refresh } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await api.post('/api/account/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      message.success('密码已修改');
      form.resetFields();
      await refresh();
      if (forcedReason) navigate('/', { replace: true });
    } catch (err) {
      applyApiError(form, err, setError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title="修改密码">
      {forcedReason && (
        <Alert type="warning" showIcon title={reasonText[forcedReason]} style={{ marginBottom: 24 }} data-testid="must-change-reason" />
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="change-password" layout="vertical" onFinish={onFinish} style={{ maxWidth: 480 }}>
        <Form.Item label="当前密码" name="currentPassword" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password maxLength={limits.password} autoComplete="current-password" />
        </Form.Item>
        <NewPasswordFields username={session.user.username} />
        <Button type="primary" htmlType="submit" disabled={busy}>
          确定
        </Button>
      </Form>
    </Card>
  );
}
