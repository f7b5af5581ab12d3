import { useState } from 'react';
import { Alert, Button, Form, Space } from 'antd';
import { api, errorMessage } from '../api';
import type { SiteCheck } from './types';
import { SiteCheckView } from './SiteCheckView';

/**
 * 检测: checks the form's 英文域名, IP地址 and 网站名称 now (POST /api/site-checks), before
 * submitting, and shows what differs. Lives inside a site form (reads its fields).
 */
export function SiteCheckButton() {
  const form = Form.useFormInstance();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SiteCheck | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    const v = form.getFieldsValue(true) as { englishDomain?: string; ipAddresses?: string[]; websiteName?: string; websiteId?: string };
    setBusy(true);
    setError(null);
    try {
      const body = {
        englishDomain: (v.englishDomain ?? '').trim(),
        ipAddresses: (v.ipAddresses ?? []).map((s) => s.trim()).filter((s) => s !== ''),
        websiteName: (v.websiteName ?? '').trim(),
        ...(v.websiteId ? { websiteId: v.websiteId } : {}),
      };
      setResult(await api.post<SiteCheck>('/api/site-checks', body));
    } catch (err) {
      setResult(null);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Form.Item label="网站核验" extra="检测英文域名能否访问、IP地址是否一致、网页标题是否与网站名称一致；提交时还会自动检测。">
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Button onClick={() => void run()} loading={busy} data-testid="site-check-button">
          检测
        </Button>
        {error && <Alert type="error" showIcon title={error} />}
        {result && <SiteCheckView report={result.report} />}
      </Space>
    </Form.Item>
  );
}
