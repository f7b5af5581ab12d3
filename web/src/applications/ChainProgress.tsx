import { Steps } from 'antd';
import type { ApplicationView } from './types';

/** 提交 → each step of the review chain → 办结, with where the application stands. */
export function ChainProgress({ app }: { app: ApplicationView }) {
  const chain = app.chain.length ? app.chain : [{ step: 'office' as const, label: '编办审核', state: 'pending' as const }];
  const stoppedAt = app.status === 'returned' || app.status === 'withdrawn' ? chain.findIndex((c) => c.state !== 'done') : -1;
  const items = [
    { key: 'submit', title: '提交', status: app.submittedAt ? ('finish' as const) : ('process' as const) },
    ...chain.map((c, i) => ({
      key: c.step,
      title: c.label,
      status:
        i === stoppedAt
          ? ('error' as const)
          : c.state === 'done'
            ? ('finish' as const)
            : c.state === 'current'
              ? ('process' as const)
              : ('wait' as const),
      content: i === stoppedAt ? (app.status === 'returned' ? '已退回' : '已撤回') : undefined,
    })),
    { key: 'end', title: '办结', status: app.status === 'approved' ? ('finish' as const) : ('wait' as const) },
  ];
  return <Steps size="small" items={items} style={{ marginBottom: 24 }} data-testid="chain-progress" />;
}
