import type { ReactNode } from 'react';
import { Descriptions, Tag, Typography } from 'antd';
import { fieldLabels, showValue } from './labels';
import type { ApplicationDetail, FieldChange } from './types';

/** Leaves of the payload by dotted path, as the server names fields. */
function flatten(v: Record<string, unknown>, prefix = '', out = new Map<string, unknown>()): Map<string, unknown> {
  for (const [k, x] of Object.entries(v)) {
    const path = prefix ? `${prefix}.${k}` : k;
    if (x !== null && typeof x === 'object' && !Array.isArray(x)) flatten(x as Record<string, unknown>, path, out);
    else out.set(path, x);
  }
  return out;
}

/** The fields a payload shows, in the form's order. */
export function fieldsOf(d: ApplicationDetail): string[] {
  const p = d.payload;
  const handler = ['handler.name', 'handler.mobile', 'handler.email', 'handler.idNumber'];
  if (p.type === 'deregister') return ['websiteId', 'reason', ...handler];
  const site = ['websiteName', ...(p.hosting === 'self_hosted' ? ['englishDomain', 'ipAddresses'] : []), 'description'];
  const red = p.hosting === 'red_page' && p.redPage ? ['redPage.address', 'redPage.functions', 'redPage.phone'] : [];
  return ['type', p.type === 'new_site' ? 'domainId' : 'websiteId', 'hosting', ...site, ...red, ...handler];
}

/**
 * The form as submitted (its current revision). Fields a reviewer returned are red with the
 * reason under them; with `diff`, the fields changed since the previous revision are marked.
 */
export function PayloadView({ detail, reasons, diff }: { detail: ApplicationDetail; reasons?: Record<string, string[]>; diff?: FieldChange[] }) {
  const values = flatten(detail.payload as unknown as Record<string, unknown>);
  const changed = new Map((diff ?? []).map((c) => [c.field, c]));
  const display = (field: string): ReactNode => {
    if (field === 'domainId') return detail.domain?.name ?? '—';
    if (field === 'websiteId') return detail.website ? `${detail.website.name}${detail.domain ? `（${detail.domain.name}）` : ''}` : '—';
    if (field === 'hosting') return detail.hostingSentence ?? showValue(field, values.get(field));
    if (field === 'type') return detail.typeLabel;
    return showValue(field, values.get(field));
  };
  const items = fieldsOf(detail).map((field) => {
    const why = reasons?.[field] ?? [];
    const change = changed.get(field);
    const label = fieldLabels[field] ?? field;
    return {
      key: field,
      label: why.length ? <Typography.Text type="danger" strong>{label}</Typography.Text> : label,
      children: (
        <div data-field={field} className={[why.length ? 'zm-returned-value' : '', change ? 'zm-changed-value' : ''].join(' ')}>
          <span style={{ whiteSpace: 'pre-wrap' }}>{display(field)}</span>
          {change && (
            <div>
              <Tag color="orange">已修改</Tag>
              <Typography.Text type="secondary">修改前：{showValue(field, change.before)}</Typography.Text>
            </div>
          )}
          {why.map((r, i) => (
            <Typography.Text key={i} type="danger" style={{ display: 'block' }} data-testid="returned-reason">
              审核意见：{r}
            </Typography.Text>
          ))}
        </div>
      ),
    };
  });
  return <Descriptions bordered size="small" column={1} items={items} styles={{ label: { width: 160 } }} data-testid="payload-view" />;
}
