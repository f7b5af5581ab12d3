import { Alert, Descriptions } from 'antd';
import { Link } from 'react-router-dom';
import { dash } from '../../format';
import type { Website } from '../../types';

/** The website a 变更 or 注销 is about, and why the action is not available when it is not. */
export function WebsiteSummary({ website, action }: { website: Website; action: 'change' | 'deregister' }) {
  const open = website.openApplication;
  return (
    <>
      <Descriptions
        size="small"
        bordered
        column={{ xs: 1, md: 2 }}
        style={{ marginBottom: 24, maxWidth: 860 }}
        items={[
          { key: 'domain', label: '中文域名', children: website.domain.name },
          { key: 'name', label: '网站名称', children: website.name },
          { key: 'hosting', label: '当前挂标位置', children: website.hostingLabel },
          { key: 'badge', label: '标识编号', children: dash(website.badgeNumber) },
          { key: 'en', label: '英文域名', children: dash(website.englishDomain) },
          { key: 'ip', label: 'IP地址', children: website.ipAddresses.length ? website.ipAddresses.join('，') : '—' },
        ]}
      />
      {!website.allowedActions.includes(action) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 24 }}
          title={open ? `该网站已有办理中的申请（${open.typeLabel}，${open.statusLabel}），请等待其办结或撤回后再办理` : `该网站当前不能办理${action === 'change' ? '变更' : '注销'}（${website.statusLabel}）`}
          action={open ? <Link to={`/applications/${open.id}`}>查看申请</Link> : undefined}
        />
      )}
    </>
  );
}
