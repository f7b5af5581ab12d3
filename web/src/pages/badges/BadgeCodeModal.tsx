import { useState } from 'react';
import { Alert, Button, Descriptions, Input, Modal, Space, Spin, Typography } from 'antd';
import { api } from '../../api';
import type { BadgeCode } from '../../applications/types';
import { copyText } from '../../clipboard';
import type { Website } from '../../types';
import { useLoad } from '../../useLoad';

/** 标识代码: the snippet the webmaster puts on every page of the site, with a copy button. */
export function BadgeCodeModal({ website, onClose }: { website: Website | null; onClose: () => void }) {
  const [copied, setCopied] = useState<boolean | null>(null);
  const id = website?.id ?? null;
  const { data, loading, errorText, reload } = useLoad(
    (signal) => (id ? api.get<BadgeCode>(`/api/websites/${encodeURIComponent(id)}/badge-code`, undefined, signal) : Promise.resolve(null)),
    [id],
  );
  const close = () => {
    setCopied(null);
    onClose();
  };
  return (
    <Modal title={`标识代码 — ${website?.name ?? ''}`} open={website !== null} onCancel={close} width={680} footer={<Button onClick={close}>关闭</Button>}>
      {loading && <Spin />}
      {errorText && (
        <Alert type="error" showIcon title={errorText} action={<Button size="small" onClick={reload}>重试</Button>} />
      )}
      {data && !loading && (
        <>
          <Typography.Paragraph>请将下面的代码放在网站每个页面的底部（&lt;/body&gt; 之前），标识将显示在该位置。</Typography.Paragraph>
          <Input.TextArea readOnly value={data.snippet} autoSize aria-label="标识代码" data-testid="badge-snippet" style={{ fontFamily: 'monospace' }} />
          <Space style={{ marginTop: 12 }}>
            <Button type="primary" onClick={() => void copyText(data.snippet).then(setCopied)}>
              复制代码
            </Button>
            {copied === true && <Typography.Text type="success">已复制</Typography.Text>}
            {copied === false && <Typography.Text type="danger">复制失败，请手动选择复制</Typography.Text>}
          </Space>
          <Descriptions
            column={1}
            size="small"
            style={{ marginTop: 16 }}
            items={[
              { key: 'no', label: '标识编号', children: data.badgeNumber ?? '—' },
              { key: 'verify', label: '验证地址', children: <Typography.Text copyable>{data.verifyUrl}</Typography.Text> },
            ]}
          />
        </>
      )}
    </Modal>
  );
}
