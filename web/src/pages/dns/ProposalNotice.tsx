import { useState } from 'react';
import { Alert, App, Button, Flex, Input, Radio, Space, Typography } from 'antd';
import { api, errorMessage } from '../../api';
import { recordsPath, type DnsProposal, type DnsView } from './types';

const forwardTarget = (p: DnsProposal) => p.proposal.add?.find((a) => a.type === 'URL转发' && a.host === '@')?.target;

/**
 * An approved 变更 switched where the website hangs its badge: the change of the records it
 * proposes, applied with one 确认 (delete the old records, add the URL转发 → both @ and www).
 */
export function ProposalNotice({ domainId, proposal, canApply, onApplied }: { domainId: string; proposal: DnsProposal; canApply: boolean; onApplied: (v: DnsView) => void }) {
  const { message, modal } = App.useApp();
  const target = forwardTarget(proposal);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(target ?? '');
  const [code, setCode] = useState<301 | 302>(302);
  const [busy, setBusy] = useState(false);

  const apply = (override: boolean) =>
    modal.confirm({
      title: '确认变更解析？',
      content: target !== undefined ? `将删除原解析，并添加 URL转发 @ → ${override ? value.trim() : target}（自动生成 @ 与 www 两条记录）。` : '将删除原解析。',
      okText: '确认',
      onOk: async () => {
        setBusy(true);
        try {
          const body = override ? { record: { host: '@', type: 'URL_REDIRECT', value: value.trim(), redirectCode: code } } : {};
          const v = await api.post<DnsView>(`${recordsPath(domainId)}/proposals/${encodeURIComponent(proposal.id)}/apply`, body);
          message.success('解析已变更');
          onApplied(v);
        } catch (err) {
          message.error(errorMessage(err));
        } finally {
          setBusy(false);
        }
      },
    });

  const title =
    target !== undefined
      ? '网站挂标位置已变更为自建网站，建议删除原解析并添加 URL转发（主机记录 @，目标地址为变更后的英文域名），确认后自动生成两条记录'
      : '网站挂标位置已变更为网络红页，建议删除原解析';
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="dns-proposal"
      title={title}
      description={
        <Flex vertical gap={8}>
          {target !== undefined && (
            <span>
              目标地址：<Typography.Text code>{target}</Typography.Text>
            </span>
          )}
          {canApply && editing && (
            <Space wrap>
              <Input aria-label="目标地址" value={value} onChange={(e) => setValue(e.target.value)} placeholder="http(s)://…" style={{ width: 320 }} />
              <Radio.Group value={code} onChange={(e) => setCode(e.target.value as 301 | 302)} options={[{ value: 302, label: '302（临时）' }, { value: 301, label: '301（永久）' }]} />
            </Space>
          )}
          {canApply && (
            <Space>
              <Button type="primary" disabled={busy || (editing && value.trim() === '')} onClick={() => apply(editing)}>
                确认
              </Button>
              {target !== undefined && !editing && <Button onClick={() => setEditing(true)}>修改目标地址</Button>}
              {editing && <Button onClick={() => setEditing(false)}>取消</Button>}
            </Space>
          )}
        </Flex>
      }
    />
  );
}
