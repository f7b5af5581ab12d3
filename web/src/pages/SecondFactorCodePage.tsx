import { useState } from 'react';
import { Alert, Button, Card, Form, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { api, ApiError, errorMessage } from '../api';
import { useSession } from '../session';
import type { Session } from '../types';
import { CodeInput, codeRules } from './account/SecondFactorSetup';

/** After the password: the 动态口令 of the user's authenticator app, before anything else. */
export default function SecondFactorCodePage() {
  const { update, refresh } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<{ code: string }>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onFinish = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      update(await api.post<Session>('/api/session/second-factor', { code: v.code.trim() }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 423) {
        // Locked: the session ended; say why on the login page.
        await refresh();
        navigate('/login', { replace: true, state: { notice: errorMessage(err) } });
        return;
      }
      setError(errorMessage(err));
      form.setFieldValue('code', '');
      setBusy(false);
    }
  };

  return (
    <Card title="二次验证">
      <Typography.Paragraph>请打开身份验证器应用，输入显示的6位动态口令（验证码）。</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="second-factor-error" />}
      <Form form={form} layout="inline" onFinish={onFinish}>
        <Form.Item label="动态口令" name="code" rules={codeRules}>
          <CodeInput autoFocus testId="second-factor-code" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" disabled={busy}>
            验证
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        每个动态口令只能使用一次；连续输错将与密码错误一并计入，达到次数后账户锁定。手机丢失时请联系系统管理员重置二次验证。
      </Typography.Paragraph>
    </Card>
  );
}
