import { Alert, Card, Col, Descriptions, Row, Statistic, Typography } from 'antd';
import { Link } from 'react-router-dom';
import dayjs from 'dayjs';
import { api } from '../api';
import { formatDate } from '../format';
import { useRequiredSession } from '../session';
import type { Domain, Session, Website } from '../types';
import { useLoad } from '../useLoad';
import { HandlerTodos } from './home/HandlerTodos';
import { ReviewerSummary } from './home/ReviewerSummary';

const greeting = (): string => {
  const h = new Date().getHours();
  return h < 12 ? '上午好' : h < 18 ? '下午好' : '晚上好';
};

function HandlerSummary() {
  const domains = useLoad((signal) => api.get<{ items: Domain[] }>('/api/domains', undefined, signal), []);
  const websites = useLoad((signal) => api.get<{ items: Website[] }>('/api/websites', undefined, signal), []);
  return (
    <Row gutter={16} style={{ marginTop: 16 }}>
      <Col xs={24} md={12}>
        <Card loading={domains.loading}>
          <Statistic title="本单位网上名称（中文域名）" value={domains.data?.items.length ?? '—'} suffix="个" />
          <Link to="/names/domains">域名业务管理</Link>
        </Card>
      </Col>
      <Col xs={24} md={12}>
        <Card loading={websites.loading}>
          <Statistic title="本单位网站" value={websites.data?.items.length ?? '—'} suffix="个" />
          <Link to="/names/badges">标识管理</Link>
        </Card>
      </Col>
    </Row>
  );
}

function scopeItems(s: Session) {
  const items = [{ key: 'role', label: '角色', children: s.user.roleLabel }];
  if (s.user.unit) {
    items.push({ key: 'unit', label: '所属单位', children: s.user.unit.name });
    items.push({ key: 'unitType', label: '单位类型', children: s.user.unit.typeLabel });
  }
  if (s.user.region) items.push({ key: 'region', label: '所属区域', children: s.user.region.name });
  return items;
}

export default function HomePage() {
  const session = useRequiredSession();
  const expires = session.passwordExpiresAt ? dayjs(session.passwordExpiresAt) : null;
  const expiresSoon = expires !== null && expires.diff(dayjs(), 'day') < 14;
  return (
    <>
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {session.user.displayName}，{greeting()}！欢迎使用网上名称注册管理系统
        </Typography.Title>
        <Descriptions column={1} items={scopeItems(session)} data-testid="home-scope" />
        {expiresSoon && (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 16 }}
            title={`您的密码将于 ${formatDate(session.passwordExpiresAt)} 到期，请及时修改`}
            action={<Link to="/account/password">修改密码</Link>}
          />
        )}
      </Card>
      {session.user.role === 'handler' && (
        <>
          <HandlerTodos />
          <HandlerSummary />
        </>
      )}
      {(session.user.role === 'office_reviewer' || session.user.role === 'center_reviewer') && <ReviewerSummary />}
    </>
  );
}
