import { createContext, useContext, type ReactNode } from 'react';
import { Typography } from 'antd';
import type { Decision } from './types';

/** Reviewers' reasons per field of the form (退回修改), shown in red on the form being revised. */
export type FieldReasons = Record<string, string[]>;

const MarksContext = createContext<FieldReasons>({});

export function FieldMarksProvider({ reasons, children }: { reasons: FieldReasons; children: ReactNode }) {
  return <MarksContext.Provider value={reasons}>{children}</MarksContext.Provider>;
}

/** The reasons of the last 退回 of the current revision, by field (fields without one are left out). */
export function returnedReasons(decisions: Decision[], returnedFields: string[]): FieldReasons {
  const last = [...decisions].reverse().find((d) => d.decision === 'return');
  const out: FieldReasons = {};
  if (!last) return out;
  for (const r of last.reasons) {
    if (r.field && returnedFields.includes(r.field)) (out[r.field] ??= []).push(r.reason);
  }
  return out;
}

/** Props for a Form.Item: a red label and the reviewer's reason under the field when it was returned. */
export function useFieldMarks() {
  const reasons = useContext(MarksContext);
  return (field: string, extra?: ReactNode): { className?: string; extra?: ReactNode } => {
    const list = reasons[field];
    if (!list || list.length === 0) return extra === undefined ? {} : { extra };
    return {
      className: 'zm-returned',
      extra: (
        <>
          {list.map((r, i) => (
            <Typography.Text key={i} type="danger" style={{ display: 'block' }} data-testid="returned-reason">
              审核意见：{r}
            </Typography.Text>
          ))}
          {extra}
        </>
      ),
    };
  };
}
