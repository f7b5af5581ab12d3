import { Table, Typography } from 'antd';
import { showValue } from '../../applications/labels';
import type { FieldChange } from '../../applications/types';

/** 修改内容: what the 经办人 changed since the previous revision. */
export function DiffTable({ diff }: { diff: FieldChange[] }) {
  if (diff.length === 0) return <Typography.Text type="secondary">与上一版相比没有修改。</Typography.Text>;
  return (
    <Table
      rowKey="field"
      size="small"
      pagination={false}
      dataSource={diff}
      data-testid="diff-table"
      columns={[
        { title: '字段', key: 'label', dataIndex: 'label', width: 160 },
        { title: '修改前', key: 'before', render: (_, c) => <Typography.Text delete type="secondary">{showValue(c.field, c.before)}</Typography.Text> },
        { title: '修改后', key: 'after', render: (_, c) => <Typography.Text mark>{showValue(c.field, c.after)}</Typography.Text> },
      ]}
    />
  );
}
