import { useState } from 'react';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { Link, useLocation } from 'react-router-dom';
import { errorMessage } from '../api';
import { limits } from '../forms';
import { useSession } from '../session';
import { hotlineSentence, useSupport } from '../useSupport';
import { AuthCard } from './AuthCard';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const { login, state } = useSession();
  const location = useLocation();
  const { support } = useSupport();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const notice =
    (location.state as { notice?: string } | null)?.notice ?? (state.status === 'anonymous' ? state.notice : undefined);

  const onFinish = async (v: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      await login(v.username.trim(), v.password);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <AuthCard subtitle="用户登录">
      {notice && !error && <Alert type="info" showIcon title={notice} style={{ marginBottom: 16 }} data-testid="login-notice" />}
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
      <Form<LoginValues> name="login" layout="vertical" onFinish={onFinish} data-testid="login-form">
        <Form.Item label="用户名" name="username" rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}>
          <Input
            prefix={<UserOutlined />}
            maxLength={limits.username}
            autoComplete="username"
            autoFocus
            data-testid="login-username"
          />
        </Form.Item>
        <Form.Item label="密码" name="password" rules={[{ required: true, message: '请输入密码' }]}>
          <Input.Password
            prefix={<LockOutlined />}
            maxLength={limits.password}
            autoComplete="current-password"
            data-testid="login-password"
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 12 }}>
          {/* `disabled`, not antd's `loading`, on every submit button: after a very fast answer the
              loading icon's leave animation can stick (antd 6.6), leaving "loading" in the
              button's accessible name, so a test could no longer find 登录 by its label. */}
          <Button type="primary" htmlType="submit" block disabled={busy} data-testid="login-submit">
            登录
          </Button>
        </Form.Item>
      </Form>
      <Typography.Paragraph style={{ textAlign: 'right', marginBottom: 8 }}>
        <Link to="/forgot-password">忘记密码</Link>
      </Typography.Paragraph>
      {support && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0, fontSize: 12 }}>
          （{hotlineSentence(support)}）
        </Typography.Paragraph>
      )}
    </AuthCard>
  );
}
