import { useState } from 'react';
import { Button, Card, Empty, Flex, Spin, Typography } from 'antd';
import { useLocation, useSearchParams } from 'react-router-dom';
import { LoadError } from './LoadError';
import { PaperCard } from './paper/PaperCard';
import { PaperCodeLookup } from './paper/PaperCodeLookup';
import { useQueue } from './review/useQueue';

const query = { status: 'pending_paper', sort: 'due_asc' };

/**
 * 纸质材料: receipt by the code printed on the form (also when the QR's URL …/paper?code= is
 * opened), and the office's applications waiting for paper, each with its checklist.
 */
export default function PaperPage() {
  const q = useQueue(query, 20, useLocation().key);
  const [params] = useSearchParams();
  // Paper received by code refreshes the cards; paper received on a card refreshes the lookup.
  const [cardsTick, setCardsTick] = useState(0);
  const [lookupTick, setLookupTick] = useState(0);
  return (
    <Card title="纸质材料" extra={<Button onClick={q.reload}>刷新</Button>}>
      <Typography.Paragraph type="secondary">
        党政机关：《党政机关网站资格复核申请表》三份并加盖单位公章、经办人身份证复印件一份并加盖单位公章；事业单位：《事业单位网上名称审核表》三份并加盖单位公章、经办人身份证复印件一份并加盖单位公章。全部材料收到后，申请即审核通过。
      </Typography.Paragraph>
      <PaperCodeLookup initialCode={params.get('code')} refreshKey={lookupTick} onReceived={() => setCardsTick((t) => t + 1)} />
      <LoadError text={q.error} retry={q.reload} />
      {q.loading && q.items.length === 0 ? (
        <Spin />
      ) : q.items.length === 0 && !q.error ? (
        <Empty description="暂无待确认的纸质材料" />
      ) : (
        q.items.map((a) => <PaperCard key={a.id} app={a} refreshKey={cardsTick} onChanged={() => setLookupTick((t) => t + 1)} />)
      )}
      {q.hasMore && (
        <Flex justify="center">
          <Button onClick={() => void q.loadMore()} loading={q.loadingMore}>
            加载更多
          </Button>
        </Flex>
      )}
    </Card>
  );
}
