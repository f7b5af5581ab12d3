import { Checkbox, type ModalFuncProps } from 'antd';
import { api } from '../../api';
import { recordsPath, type DnsRecord, type DnsView } from './types';

const line = (r: DnsRecord) => `${r.host} ${r.typeLabel} ${r.value}`;

/**
 * The confirmation of 删除 (one record or the selected ones). When a URL转发 half is chosen without
 * its other, 自动生成 half, it asks whether to delete that one too (checked by default).
 */
export function confirmDelete(
  confirm: (p: ModalFuncProps) => unknown,
  domainId: string,
  all: DnsRecord[],
  chosen: DnsRecord[],
  done: (v: DnsView) => Promise<void> | void,
) {
  const ids = new Set(chosen.map((r) => r.id));
  const partners = chosen
    .map((r) => (r.partnerId === null ? undefined : all.find((o) => o.id === r.partnerId)))
    .filter((p): p is DnsRecord => p !== undefined && !ids.has(p.id));
  let withPartners = true;
  confirm({
    title: chosen.length === 1 ? `确定删除解析记录“${line(chosen[0]!)}”吗？` : `确定删除所选的 ${chosen.length} 条解析记录吗？`,
    content: (
      <div>
        {chosen.length > 1 && (
          <ul style={{ paddingLeft: 20 }}>
            {chosen.map((r) => (
              <li key={r.id}>{line(r)}</li>
            ))}
          </ul>
        )}
        {partners.length > 0 && (
          <Checkbox defaultChecked onChange={(e) => (withPartners = e.target.checked)}>
            同时删除URL转发{partners[0]!.generated ? '自动生成' : '对应'}的记录：{partners.map(line).join('；')}
          </Checkbox>
        )}
      </div>
    ),
    okText: '删除',
    okButtonProps: { danger: true },
    onOk: async () => {
      const body = { ids: [...ids, ...(withPartners ? partners.map((p) => p.id) : [])] };
      await done(await api.post<DnsView>(`${recordsPath(domainId)}/records/delete`, body));
    },
  });
}
