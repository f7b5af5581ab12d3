import { useState, type ReactNode } from 'react';
import { Alert, Button, Form, Space } from 'antd';
import { blockedReport, ExplanationPrompt } from '../sitecheck/ExplanationPrompt';
import type { SiteCheckReport } from '../sitecheck/types';
import { applyFormError } from './formModel';
import { FieldMarksProvider, type FieldReasons } from './marks';
import type { Payload } from './types';

interface Props<V> {
  name: string;
  kind: 'site' | 'deregister';
  initialValues: Partial<V>;
  toPayload: (values: V) => Payload;
  /** `siteCheckExplanation` is set when the 经办人 explains a failing site check. */
  onSubmit: (payload: Payload, extra: { siteCheckExplanation?: string }) => Promise<void>;
  /** 提交 (applications) or 保存 (注销, as the procedure says). */
  submitText: string;
  onCancel: () => void;
  /** Reviewers' reasons by field, for 修改申请 of a returned application. */
  reasons?: FieldReasons;
  children: ReactNode;
}

/** The frame of every application form: labels on the left, server errors on their fields. */
export function PayloadForm<V extends object>(p: Props<V>) {
  const [form] = Form.useForm<V>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [blocked, setBlocked] = useState<SiteCheckReport | null>(null);

  const finish = async (values: V, siteCheckExplanation?: string) => {
    setBusy(true);
    setError(null);
    try {
      await p.onSubmit(p.toPayload({ ...(form.getFieldsValue(true) as V), ...values }), siteCheckExplanation === undefined ? {} : { siteCheckExplanation });
      setBlocked(null);
    } catch (err) {
      const report = blockedReport(err);
      setBlocked(report);
      if (report === null) applyFormError(form, p.kind, err, setError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <FieldMarksProvider reasons={p.reasons ?? {}}>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="form-error" closable={{ onClose: () => setError(null) }} />}
      {blocked && <ExplanationPrompt report={blocked} busy={busy} onSubmit={(text) => void form.validateFields().then((v) => finish(v, text), () => undefined)} />}
      <Form<V>
        form={form}
        name={p.name}
        layout="horizontal"
        labelCol={{ flex: '150px' }}
        labelWrap
        wrapperCol={{ flex: '1 1 0' }}
        style={{ maxWidth: 860 }}
        initialValues={p.initialValues}
        onFinish={(v) => void finish(v)}
        onFinishFailed={({ errorFields }) => {
          const first = errorFields[0];
          if (first) form.scrollToField(first.name, { block: 'center' });
        }}
        scrollToFirstError={false}
      >
        {p.children}
        <Form.Item label=" " colon={false}>
          <Space>
            <Button type="primary" htmlType="submit" loading={busy}>
              {p.submitText}
            </Button>
            <Button onClick={p.onCancel} disabled={busy}>
              取消
            </Button>
          </Space>
        </Form.Item>
      </Form>
    </FieldMarksProvider>
  );
}
