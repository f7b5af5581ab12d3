import { Card, Empty } from 'antd';

/** A titled page whose content a later issue fills in. */
export function Placeholder({ title, empty }: { title: string; empty: string }) {
  return (
    <Card title={title}>
      <Empty description={empty} />
    </Card>
  );
}
