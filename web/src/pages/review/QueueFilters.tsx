import { Checkbox, DatePicker, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { stepLabel, typeOptions, unitTypeLabel } from '../../applications/labels';
import type { QueueQuery } from './useQueue';

export interface FilterValues {
  step?: string;
  type?: string;
  unitType?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
  overdue?: boolean;
  q?: string;
}

export const toQuery = (f: FilterValues): QueueQuery => ({
  step: f.step,
  type: f.type,
  unitType: f.unitType,
  submittedFrom: f.range?.[0]?.startOf('day').toISOString(),
  submittedTo: f.range?.[1]?.endOf('day').toISOString(),
  overdue: f.overdue ? 'true' : undefined,
  q: f.q?.trim() || undefined,
});

const options = (labels: Record<string, string>) => Object.entries(labels).map(([value, label]) => ({ value, label }));

/** 环节, 申请类型, 单位类型, 提交时间, 仅看超期, and a search on 申请编号 / 单位名称. Applied as they change. */
export function QueueFilters({ onChange }: { onChange: (f: FilterValues) => void }) {
  const [form] = Form.useForm<FilterValues>();
  return (
    <Form<FilterValues>
      form={form}
      layout="inline"
      style={{ marginBottom: 16, rowGap: 12 }}
      onValuesChange={(changed: FilterValues, all) => {
        if (!('q' in changed)) onChange(all);
      }}
      name="queue-filters"
    >
      <Form.Item label="环节" name="step">
        <Select allowClear placeholder="全部" style={{ width: 140 }} options={options(stepLabel)} />
      </Form.Item>
      <Form.Item label="申请类型" name="type">
        <Select allowClear placeholder="全部" style={{ width: 170 }} options={typeOptions.map((o) => ({ ...o }))} />
      </Form.Item>
      <Form.Item label="单位类型" name="unitType">
        <Select allowClear placeholder="全部" style={{ width: 120 }} options={options(unitTypeLabel)} />
      </Form.Item>
      <Form.Item label="提交时间" name="range">
        <DatePicker.RangePicker allowEmpty={[true, true]} style={{ width: 250 }} />
      </Form.Item>
      <Form.Item name="overdue" valuePropName="checked">
        <Checkbox>仅看超期</Checkbox>
      </Form.Item>
      <Form.Item name="q">
        <Input.Search allowClear placeholder="申请编号/单位名称" maxLength={64} style={{ width: 220 }} onSearch={() => onChange(form.getFieldsValue())} />
      </Form.Item>
    </Form>
  );
}
