import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Flex, Form, Input, Skeleton, Typography, type InputProps } from 'antd';
import { api, errorMessage } from '../../api';
import { applyApiError } from '../../forms';
import type { Session, SecondFactorEnrolment } from '../../types';

/** The 6-digit field of a 动态口令 (authenticator apps show it as "123 456"). */
export function CodeInput({ testId, ...props }: InputProps & { testId: string }) {
  // `props` carries what Form.Item injects (id, value, onChange): the label and the value need them.
  return <Input inputMode="numeric" autoComplete="one-time-code" maxLength={7} style={{ width: 160 }} data-testid={testId} {...props} />;
}

export const codeRules = [{ required: true, pattern: /^\d{3} ?\d{3}$/, message: '请输入验证器显示的6位动态口令' }];

/**
 * 二次验证 set-up: a new secret as a QR code and as text, then the first 动态口令 from the app to
 * confirm it. `onDone` gets the session after it is on.
 */
export function SecondFactorSetup({ onDone }: { onDone: (s: Session) => void }) {
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<SecondFactorEnrolment | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const started = useRef(false);

  const start = async () => {
    setError(null);
    try {
      setEnrolment(await api.post<SecondFactorEnrolment>('/api/account/second-factor/enrolment'));
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  useEffect(() => {
    // Once: a second secret would replace the first on the server while the first is on screen.
    if (started.current) return;
    started.current = true;
    void start();
  }, []);

  const confirm = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      onDone(await api.post<Session>('/api/account/second-factor/confirm', { code: v.code.trim() }));
    } catch (err) {
      applyApiError(form, err, setError);
      setBusy(false);
    }
  };

  return (
    <div data-testid="second-factor-setup">
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Typography.Paragraph>
        1. 在手机上安装身份验证器应用（如 Microsoft Authenticator、Google Authenticator、FreeOTP 或支持 TOTP 的其他应用），扫描下面的二维码；
        无法扫描时，选择手动输入密钥。
      </Typography.Paragraph>
      {enrolment === null ? (
        <Skeleton.Node active style={{ width: 200, height: 200 }} />
      ) : (
        <Flex gap={24} wrap align="center" style={{ marginBottom: 16 }}>
          {/* The SVG comes from our own server (qrcode), not from user input. */}
          <div style={{ width: 200, height: 200 }} aria-label="二次验证二维码" role="img" dangerouslySetInnerHTML={{ __html: enrolment.qrSvg }} />
          <div>
            <Typography.Text type="secondary">密钥（手动输入，基于时间，6位，30秒）</Typography.Text>
            <Typography.Paragraph copyable={{ text: enrolment.secret }} style={{ fontFamily: 'monospace', fontSize: 16 }} data-testid="second-factor-secret">
              {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
            </Typography.Paragraph>
            <Button size="small" onClick={() => void start()}>
              重新生成
            </Button>
          </div>
        </Flex>
      )}
      <Typography.Paragraph>2. 输入应用中显示的6位动态口令，确认开启。</Typography.Paragraph>
      <Form form={form} layout="inline" onFinish={confirm} disabled={enrolment === null}>
        <Form.Item label="动态口令" name="code" rules={codeRules}>
          <CodeInput testId="second-factor-confirm-code" />
        </Form.Item>
        <Form.Item>
          <Button type="primary" htmlType="submit" disabled={busy || enrolment === null}>
            确认开启
          </Button>
        </Form.Item>
      </Form>
    </div>
  );
}
