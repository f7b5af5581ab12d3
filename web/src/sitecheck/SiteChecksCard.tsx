import { useState } from 'react';
import { App, Button, Card, Collapse, Empty, Space, Tag, Typography } from 'antd';
import { api, errorMessage } from '../api';
import { LoadError } from '../pages/LoadError';
import { useLoad } from '../useLoad';
import type { SiteCheck } from './types';
import { OutcomeTag, SiteCheckView } from './SiteCheckView';

/**
 * 网站核验记录 of an application: the check at submission (with the 经办人's explanation of a
 * failure), blocked attempts, reviewers' 复查 — newest first. Reviewers may 复查.
 */
export function SiteChecksCard({ applicationId, refreshKey, canRecheck }: { applicationId: string; refreshKey?: unknown; canRecheck: boolean }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const loaded = useLoad(
    (signal) => api.get<{ items: SiteCheck[]; currentRevision: number }>(`/api/applications/${encodeURIComponent(applicationId)}/site-checks`, undefined, signal),
    [applicationId, refreshKey],
  );
  const items = loaded.data?.items ?? [];
  if (!loaded.loading && items.length === 0 && !canRecheck && !loaded.errorText) return null;
  const recheck = async () => {
    setBusy(true);
    try {
      const r = await api.post<SiteCheck>(`/api/applications/${encodeURIComponent(applicationId)}/site-checks`);
      message.success(`复查完成：${r.outcomeLabel}`);
      loaded.reload();
    } catch (err) {
      message.error(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card
      title="网站核验"
      size="small"
      data-testid="site-checks"
      extra={
        canRecheck && (
          <Button size="small" onClick={() => void recheck()} loading={busy}>
            复查
          </Button>
        )
      }
    >
      <LoadError text={loaded.errorText} retry={loaded.reload} />
      {items.length === 0 ? (
        <Empty description="暂无核验记录" />
      ) : (
        <Collapse
          defaultActiveKey={[items[0]?.id ?? '']}
          items={items.map((c) => ({
            key: c.id,
            label: (
              <Space wrap>
                <OutcomeTag outcome={c.outcome} />
                <span>{c.triggerLabel}</span>
                {c.revision !== null && <Tag>第{c.revision}版</Tag>}
                {c.explanation && <Tag color="blue">有情况说明</Tag>}
                <Typography.Text type="secondary">
                  {new Date(c.startedAt).toLocaleString('zh-CN', { hour12: false })}
                  {c.requesterName ? ` · ${c.requesterName}` : ''}
                </Typography.Text>
              </Space>
            ),
            children: <SiteCheckView report={c.report} explanation={c.explanation} />,
          }))}
        />
      )}
    </Card>
  );
}
