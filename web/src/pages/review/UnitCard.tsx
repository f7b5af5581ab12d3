import { Descriptions } from 'antd';
import type { ApplicationDetail } from '../../applications/types';
import { dash } from '../../format';

/** The applying unit as registered. */
export function UnitCard({ detail }: { detail: ApplicationDetail }) {
  const u = detail.unit;
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, lg: 2 }}
      styles={{ label: { whiteSpace: 'nowrap' } }}
      items={[
        { key: 'name', label: '单位名称', children: u.name },
        { key: 'type', label: '单位类型', children: u.typeLabel },
        { key: 'uscc', label: '统一社会信用代码', children: u.uscc },
        { key: 'region', label: '区域代码', children: u.regionCode },
        { key: 'address', label: '机构地址', children: dash(u.address) },
        { key: 'phone', label: '联系电话', children: dash(u.phone) },
        { key: 'functions', label: '机构职能', children: dash(u.functions), span: 'filled' },
        { key: 'domain', label: '中文域名', children: detail.domain ? `${detail.domain.name}（${detail.domain.ace}）` : '—' },
        {
          key: 'website',
          label: '现有网站',
          children: detail.website ? `${detail.website.name}（标识编号 ${dash(detail.website.badgeNumber)}）` : '—',
        },
      ]}
    />
  );
}
