import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Flex, Form, Input, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { api, errorMessage } from '../../api';
import { useLoad } from '../../useLoad';
import { LoadError } from '../LoadError';

interface Day {
  day: string;
  kind: 'holiday' | 'workday';
  name: string;
}
interface AddValues {
  range: [Dayjs, Dayjs];
  kind: Day['kind'];
  name: string;
}

const kindLabel: Record<Day['kind'], string> = { holiday: '节假日（休息）', workday: '调休上班' };

/** 节假日: the holidays and 调休 workdays that review deadlines (工作日) are counted with. */
export default function CalendarPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const [days, setDays] = useState<Day[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const loaded = useLoad(async (signal) => {
    const r = await api.get<{ days: Day[] }>('/api/admin/calendar', undefined, signal);
    setDays(r.days);
    return r;
  }, []);
  const list = [...(days ?? [])].sort((a, b) => a.day.localeCompare(b.day));
  const dirty = JSON.stringify(list) !== JSON.stringify([...(loaded.data?.days ?? [])].sort((a, b) => a.day.localeCompare(b.day)));

  const add = (v: AddValues) => {
    const added: Day[] = [];
    for (let d = v.range[0].startOf('day'); !d.isAfter(v.range[1], 'day'); d = d.add(1, 'day')) {
      added.push({ day: d.format('YYYY-MM-DD'), kind: v.kind, name: v.name.trim() });
    }
    if (added.length > 60) {
      message.error('一次最多添加60天');
      return;
    }
    setDays((old) => [...(old ?? []).filter((x) => !added.some((a) => a.day === x.day)), ...added]);
    form.resetFields(['range']);
  };

  const save = async () => {
    setBusy(true);
    setError(null);
    try {
      const r = await api.put<{ days: Day[] }>('/api/admin/calendar', { days: list });
      setDays(r.days);
      message.success('节假日已保存');
      loaded.reload();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title="节假日"
      extra={
        <Button type="primary" onClick={() => void save()} loading={busy} disabled={!dirty}>
          保存
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">审核时限按工作日计算：周六、周日和这里设置的节假日不计入，设置为“调休上班”的周末计入。修改后点击“保存”生效。</Typography.Paragraph>
      <LoadError text={loaded.errorText} retry={loaded.reload} />
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      {dirty && <Alert type="warning" showIcon title="有未保存的修改" style={{ marginBottom: 16 }} />}
      <Form<AddValues> form={form} layout="inline" onFinish={add} initialValues={{ kind: 'holiday' }} style={{ marginBottom: 16, rowGap: 12 }} name="calendar-add">
        <Form.Item label="日期" name="range" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker.RangePicker />
        </Form.Item>
        <Form.Item label="类型" name="kind">
          <Select style={{ width: 150 }} options={Object.entries(kindLabel).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="名称" name="name" rules={[{ required: true, whitespace: true, message: '请填写名称，如 国庆节' }]}>
          <Input maxLength={64} style={{ width: 160 }} placeholder="如 国庆节" />
        </Form.Item>
        <Form.Item>
          <Button htmlType="submit">添加</Button>
        </Form.Item>
      </Form>
      <Table<Day>
        rowKey="day"
        size="small"
        loading={loaded.loading && days === null}
        dataSource={list}
        locale={{ emptyText: '暂未设置节假日' }}
        pagination={{ defaultPageSize: 50, showTotal: (t) => `共 ${t} 天` }}
        columns={[
          { title: '日期', key: 'day', render: (_, d) => `${d.day}（${dayjs(d.day).format('dddd')}）` },
          { title: '类型', key: 'kind', render: (_, d) => <Tag color={d.kind === 'holiday' ? 'red' : 'blue'}>{kindLabel[d.kind]}</Tag> },
          { title: '名称', key: 'name', dataIndex: 'name' },
          {
            title: '操作',
            key: 'actions',
            render: (_, d) => (
              <Popconfirm title={`删除 ${d.day}？`} okText="删除" cancelText="取消" onConfirm={() => setDays((old) => (old ?? []).filter((x) => x.day !== d.day))}>
                <Button type="link" size="small" danger>
                  删除
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
      <Flex justify="end">
        <Button type="primary" onClick={() => void save()} loading={busy} disabled={!dirty}>
          保存
        </Button>
      </Flex>
    </Card>
  );
}
