import { Alert, Descriptions, List, Space, Tag, Typography } from 'antd';
import type { FetchObservation, Finding, SiteCheckReport, TitleComparison } from './types';

const severityTag: Record<Finding['severity'], { color: string; label: string }> = {
  fail: { color: 'error', label: '未通过' },
  warn: { color: 'warning', label: '提示' },
  info: { color: 'default', label: '信息' },
};

export function OutcomeTag({ outcome }: { outcome: 'pass' | 'fail' }) {
  return <Tag color={outcome === 'pass' ? 'success' : 'error'}>{outcome === 'pass' ? '核验通过' : '核验未通过'}</Tag>;
}

/** 网站名称 against the title, character by character: what the title lacks in red, what it adds in orange. */
export function TitleDiff({ title }: { title: TitleComparison }) {
  return (
    <Space orientation="vertical" size={2} data-testid="title-diff">
      <span>
        网站名称：
        {title.segments.map((s, i) =>
          s.op === 'extra' ? null : (
            <span key={i} style={s.op === 'missing' ? { background: '#fff1f0', color: '#cf1322', textDecoration: 'underline' } : undefined}>
              {s.text}
            </span>
          ),
        )}
      </span>
      <span>
        网页标题：
        {title.segments.map((s, i) =>
          s.op === 'missing' ? null : (
            <span key={i} style={s.op === 'extra' ? { background: '#fff7e6', color: '#d46b08', textDecoration: 'underline' } : undefined}>
              {s.text.replace(/ /g, '\u00a0')}
            </span>
          ),
        )}
      </span>
    </Space>
  );
}

function fetchLine(f: FetchObservation): string {
  if (f.error) return f.error.message;
  const parts = [`状态码 ${f.status ?? '-'}`];
  if (f.hops.length > 1) parts.push(`跳转 ${f.hops.length - 1} 次`);
  if (f.finalUrl) parts.push(f.finalUrl);
  if (f.charset) parts.push(`编码 ${f.charset}`);
  if (f.tls) parts.push(f.tls.valid ? `证书有效至 ${f.tls.validTo?.slice(0, 10) ?? '-'}` : `证书无效（${f.tls.error ?? ''}）`);
  return parts.join(' · ');
}

/** One check's evidence: the findings first, then the title comparison, DNS and each home page. */
export function SiteCheckView({ report, explanation }: { report: SiteCheckReport; explanation?: string | null }) {
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }} data-testid="site-check-report">
      <Space wrap>
        <OutcomeTag outcome={report.outcome} />
        <Typography.Text type="secondary">
          {report.target.englishDomain} · {new Date(report.startedAt).toLocaleString('zh-CN', { hour12: false })} · 用时 {(report.durationMs / 1000).toFixed(1)} 秒
        </Typography.Text>
      </Space>
      {report.findings.length > 0 && (
        <List
          size="small"
          dataSource={report.findings}
          renderItem={(f) => (
            <List.Item>
              <Space align="start">
                <Tag color={severityTag[f.severity].color}>{severityTag[f.severity].label}</Tag>
                <span>{f.message}</span>
              </Space>
            </List.Item>
          )}
        />
      )}
      {report.title && !report.title.equal && <TitleDiff title={report.title} />}
      {explanation && <Alert type="info" showIcon title="经办人情况说明" description={explanation} />}
      <Descriptions
        size="small"
        bordered
        column={1}
        styles={{ label: { width: 120 } }}
        items={[
          {
            key: 'dns',
            label: '域名解析',
            children: report.dns.error ? report.dns.error.message : report.dns.addresses.map((a) => `${a.address}${a.allowed ? '' : `（${a.reason ?? '不予访问'}）`}`).join('、') || '-',
          },
          { key: 'declared', label: 'IP地址', children: report.declared.map((d) => `${d.address}${d.resolved ? '（在解析结果中）' : '（不在解析结果中）'}`).join('、') },
          ...report.fetches.map((f) => ({ key: f.scheme, label: f.scheme === 'https' ? 'HTTPS 首页' : 'HTTP 首页', children: fetchLine(f) })),
          ...(report.page ? [{ key: 'title', label: '网页标题', children: report.page.title ?? '（无）' }] : []),
        ]}
      />
    </Space>
  );
}
