import { useState } from 'react';
import { Alert, Button, Input, Space } from 'antd';
import type { SiteCheckReport } from './types';
import { SiteCheckView } from './SiteCheckView';

/**
 * A submission refused by the site check (SITE_CHECK_FAILED): what failed, exactly, and a place
 * for the 经办人's 情况说明 — with it the application is submitted, and reviewers read it.
 */
export function ExplanationPrompt({ report, busy, onSubmit }: { report: SiteCheckReport; busy: boolean; onSubmit: (explanation: string) => void }) {
  const [text, setText] = useState('');
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16, maxWidth: 860 }}
      data-testid="site-check-blocked"
      title="网站核验未通过：请按下列问题修改后重新提交；如确有原因（例如网站正在迁移），请填写情况说明后提交，审核人员将看到说明和核验结果。"
      description={
        <Space orientation="vertical" style={{ width: '100%' }}>
          <SiteCheckView report={report} />
          <Input.TextArea aria-label="情况说明" rows={3} maxLength={500} showCount value={text} onChange={(e) => setText(e.target.value)} placeholder="请说明核验未通过的原因" />
          <Button type="primary" disabled={text.trim() === ''} loading={busy} onClick={() => onSubmit(text.trim())}>
            填写说明后提交
          </Button>
        </Space>
      }
    />
  );
}

/** The report inside a SITE_CHECK_FAILED error, if that is what the error is. */
export function blockedReport(err: unknown): SiteCheckReport | null {
  const e = err as { code?: unknown; details?: { report?: unknown } } | null;
  return e && e.code === 'SITE_CHECK_FAILED' && e.details?.report ? (e.details.report as SiteCheckReport) : null;
}
