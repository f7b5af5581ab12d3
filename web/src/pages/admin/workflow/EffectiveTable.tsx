import { Table, Tag } from 'antd';
import { stepLabel, typeOptions, unitTypeLabel } from '../../../applications/labels';
import type { Effective } from './model';

/** What is in force in the region per 申请类型 × 单位类型 (its own settings, its parents', the defaults). */
export function EffectiveTable({ rows }: { rows: Effective[] }) {
  return (
    <Table<Effective>
      rowKey={(r) => `${r.type}.${r.unitType}`}
      size="small"
      pagination={false}
      dataSource={rows}
      data-testid="effective-workflow"
      columns={[
        { title: '申请类型', key: 'type', render: (_, r) => typeOptions.find((o) => o.value === r.type)?.label ?? r.type },
        { title: '单位类型', key: 'unitType', render: (_, r) => unitTypeLabel[r.unitType] },
        {
          title: '审核流程',
          key: 'chain',
          render: (_, r) => r.chain.map((s) => (
            <Tag key={s} color={s === 'paper' ? 'gold' : 'blue'}>
              {stepLabel[s]}
            </Tag>
          )),
        },
        {
          title: '纸质材料',
          key: 'paper',
          render: (_, r) => (r.chain.includes('paper') ? r.paperItems.map((i) => <div key={i.kind}>{`${i.label} ×${i.copies}`}</div>) : '不需要'),
        },
        {
          title: '办理时限（工作日）',
          key: 'due',
          render: (_, r) => r.chain.map((s) => <div key={s}>{`${stepLabel[s]} ${r.dueWorkingDays[s]}天`}</div>),
        },
      ]}
    />
  );
}
