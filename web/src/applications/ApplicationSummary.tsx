import { Alert, Descriptions, Typography } from 'antd';
import { formatDateTime } from '../format';
import { StatusTag } from './StatusTag';
import type { ApplicationDetail } from './types';

/** Number, type, status, step, times; and the non-blocking warnings of the current revision. */
export function ApplicationSummary({ detail, withUnit }: { detail: ApplicationDetail; withUnit?: boolean }) {
  return (
    <>
      <Descriptions
        size="small"
        column={{ xs: 1, md: 2, xl: 3 }}
        style={{ marginBottom: 16 }}
        items={[
          { key: 'number', label: '申请编号', children: detail.number },
          { key: 'type', label: '申请类型', children: detail.typeLabel },
          { key: 'status', label: '状态', children: <StatusTag app={detail} /> },
          ...(withUnit ? [{ key: 'unit', label: '单位', children: `${detail.unit.name}（${detail.unit.typeLabel}）` }] : []),
          { key: 'step', label: '当前环节', children: detail.stepLabel ?? '—' },
          { key: 'submittedAt', label: '提交时间', children: formatDateTime(detail.submittedAt) },
          {
            key: 'dueAt',
            label: '办理时限',
            children: detail.dueAt ? (
              <Typography.Text type={detail.overdue ? 'danger' : undefined}>
                {formatDateTime(detail.dueAt)}
                {detail.overdue ? '（已超期）' : ''}
              </Typography.Text>
            ) : (
              '—'
            ),
          },
          { key: 'revision', label: '版本', children: `第${detail.revision}版` },
        ]}
      />
      {detail.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title="提示（不影响提交）"
          description={detail.warnings.map((w) => (
            <div key={w.code}>{w.message}</div>
          ))}
          data-testid="warnings"
        />
      )}
    </>
  );
}
