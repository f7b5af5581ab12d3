import { useState } from 'react';
import { Alert, App, Card, Descriptions, Spin } from 'antd';
import { Link } from 'react-router-dom';
import { api, errorMessage } from '../../api';
import { PaperTable } from '../../applications/PaperTable';
import { StatusTag } from '../../applications/StatusTag';
import type { ApplicationDetail, ApplicationView } from '../../applications/types';
import { formatDateTime } from '../../format';
import { useLoad } from '../../useLoad';
import { PaperItemActions, type PaperDecision } from './PaperItemActions';

/** One application at the paper step with its checklist; receiving the last item approves it. `refreshKey` reloads it. */
export function PaperCard({ app, refreshKey = 0, onChanged }: { app: ApplicationView; refreshKey?: number; onChanged?: () => void }) {
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const [approved, setApproved] = useState(false);
  const { data, errorText, reload } = useLoad((signal) => api.get<ApplicationDetail>(`/api/applications/${app.id}`, undefined, signal), [app.id, refreshKey]);

  const decide = async (itemId: string, d: PaperDecision): Promise<boolean> => {
    if (!data) return false;
    setBusy(true);
    try {
      const r = await api.post<ApplicationView>(`/api/applications/${app.id}/paper/${itemId}`, { version: data.version, ...d });
      if (r.status === 'approved') {
        setApproved(true);
        message.success(`申请 ${app.number} 的纸质材料已收齐，申请已通过`);
      } else {
        message.success(d.status === 'received' ? '已登记收到' : '已退回，已通知经办人');
      }
      reload();
      onChanged?.();
      return true;
    } catch (err) {
      message.error(errorMessage(err));
      reload();
      return false;
    } finally {
      setBusy(false);
    }
  };

  const current = data ?? app;
  return (
    <Card
      size="small"
      title={
        <Link to={`/review/${app.id}`}>
          {app.number} · {app.unit.name}
        </Link>
      }
      extra={<StatusTag app={current} />}
      style={{ marginBottom: 16 }}
      data-testid="paper-card"
    >
      <Descriptions
        size="small"
        column={{ xs: 1, md: 3 }}
        items={[
          { key: 'type', label: '申请类型', children: app.typeLabel },
          { key: 'unitType', label: '单位类型', children: app.unit.typeLabel },
          { key: 'due', label: '办理时限', children: formatDateTime(app.dueAt) },
        ]}
      />
      {approved && <Alert type="success" showIcon title="纸质材料已收齐，申请已通过" style={{ marginBottom: 12 }} data-testid="paper-approved" />}
      {errorText && <Alert type="error" showIcon title={errorText} style={{ marginBottom: 12 }} />}
      {!data && !errorText ? (
        <Spin />
      ) : (
        data && (
          <PaperTable
            items={data.paperItems}
            actions={data.allowedActions.includes('receive_paper') ? (item) => <PaperItemActions item={item} busy={busy} decide={(d) => decide(item.id, d)} /> : undefined}
          />
        )
      )}
    </Card>
  );
}
