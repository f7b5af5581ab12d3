import { Card, Col, Row, Statistic } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api';
import type { ApplicationStatus, QueueResponse } from '../../applications/types';
import { useRequiredSession } from '../../session';
import { useLoad } from '../../useLoad';
import { LoadError } from '../LoadError';

const sum = (c: QueueResponse['counts'], only: ApplicationStatus[]) => only.reduce((n, s) => n + (c[s] ?? 0), 0);

/** A reviewer's queue: how many wait at their steps, how many are overdue. */
export function ReviewerSummary() {
  const session = useRequiredSession();
  const office = session.user.role === 'office_reviewer';
  const mine: ApplicationStatus[] = office ? ['pending_office', 'pending_paper'] : ['pending_center'];
  const { data, loading, errorText, reload } = useLoad(async (signal) => {
    const [all, overdue] = await Promise.all([
      api.get<QueueResponse>('/api/review/queue', { limit: 1 }, signal),
      api.get<QueueResponse>('/api/review/queue', { limit: 1, overdue: 'true' }, signal),
    ]);
    return { counts: all.counts, overdue: sum(overdue.counts, mine), overdueCapped: overdue.countsCapped === true };
  }, [office]);
  const c = data?.counts ?? {};
  const cards = [
    ...(office
      ? [
          { key: 'office', title: '待编办审核', value: c.pending_office ?? 0, to: '/review', link: '审核管理' },
          { key: 'paper', title: '待确认纸质材料', value: c.pending_paper ?? 0, to: '/paper', link: '纸质材料' },
        ]
      : [{ key: 'center', title: '待中心审核', value: c.pending_center ?? 0, to: '/review', link: '审核管理' }]),
    { key: 'overdue', title: '已超期', value: data?.overdue ?? 0, capped: data?.overdueCapped === true, to: '/review', link: '审核管理', danger: true },
  ];
  return (
    <>
      <LoadError text={errorText} retry={reload} />
      <Row gutter={16} style={{ marginTop: 16 }} data-testid="reviewer-summary">
        {cards.map((k) => (
          <Col key={k.key} xs={24} md={8}>
            <Card loading={loading && !data}>
              <Statistic title={k.title} value={k.value} suffix={'capped' in k && k.capped ? '件以上' : '件'} styles={k.danger && k.value > 0 ? { content: { color: '#cf1322' } } : undefined} />
              <Link to={k.to}>{k.link}</Link>
            </Card>
          </Col>
        ))}
      </Row>
    </>
  );
}
