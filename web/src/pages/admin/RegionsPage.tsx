import { useState } from 'react';
import { App, Button, Card, Form, Input, Modal, Select, Table, Tag, type TableColumnsType } from 'antd';
import { api } from '../../api';
import { applyApiError } from '../../forms';
import { useLoad } from '../../useLoad';
import { LoadError } from '../LoadError';

interface Region {
  code: string;
  name: string;
  level: 'province' | 'city' | 'county';
  parentCode: string | null;
}
interface AddValues {
  code: string;
  name: string;
  parentCode?: string;
}

const levelLabel: Record<Region['level'], string> = { province: '省级', city: '地市级', county: '县级' };

/** 区域管理: the GB/T 2260 regions that units belong to and office reviewers are scoped to. */
export default function RegionsPage() {
  const { message } = App.useApp();
  const [form] = Form.useForm<AddValues>();
  const [renameForm] = Form.useForm<{ name: string }>();
  const [adding, setAdding] = useState(false);
  const [renaming, setRenaming] = useState<Region | null>(null);
  const { data, loading, errorText, reload } = useLoad((signal) => api.get<{ items: Region[] }>('/api/regions', undefined, signal), []);
  const items = data?.items ?? [];
  const nameOf = (code: string | null) => (code === null ? '—' : `${items.find((r) => r.code === code)?.name ?? ''}（${code}）`);

  const add = async (v: AddValues) => {
    try {
      await api.post('/api/admin/regions', { code: v.code.trim(), name: v.name.trim(), parentCode: v.parentCode ?? null });
      message.success('已新增区域');
      setAdding(false);
      form.resetFields();
      reload();
    } catch (err) {
      applyApiError(form, err, (t) => message.error(t));
    }
  };
  const rename = async (v: { name: string }) => {
    if (renaming === null) return;
    try {
      await api.patch(`/api/admin/regions/${renaming.code}`, { name: v.name.trim() });
      message.success('已修改');
      setRenaming(null);
      reload();
    } catch (err) {
      applyApiError(renameForm, err, (t) => message.error(t));
    }
  };

  const columns: TableColumnsType<Region> = [
    { title: '区域代码', dataIndex: 'code', width: 120 },
    { title: '名称', dataIndex: 'name' },
    { title: '级别', key: 'level', width: 100, render: (_, r) => <Tag>{levelLabel[r.level]}</Tag> },
    { title: '上级区域', key: 'parent', render: (_, r) => nameOf(r.parentCode) },
    {
      title: '操作',
      key: 'op',
      width: 100,
      render: (_, r) => (
        <Button
          size="small"
          onClick={() => {
            setRenaming(r);
            renameForm.setFieldsValue({ name: r.name });
          }}
        >
          修改名称
        </Button>
      ),
    },
  ];

  return (
    <Card title="区域管理" extra={<Button type="primary" onClick={() => setAdding(true)}>新增区域</Button>}>
      {errorText !== null ? <LoadError text={errorText} retry={reload} /> : <Table<Region> rowKey="code" loading={loading} columns={columns} dataSource={items} pagination={{ pageSize: 50 }} />}
      <Modal title="新增区域" open={adding} onCancel={() => setAdding(false)} onOk={() => form.submit()} okText="确定" destroyOnHidden>
        <Form<AddValues> form={form} layout="vertical" onFinish={add}>
          <Form.Item label="区域代码" name="code" extra="6位GB/T 2260行政区划代码，如 330100" rules={[{ required: true, message: '请输入区域代码' }, { pattern: /^\d{6}$/, message: '区域代码为6位数字' }]}>
            <Input maxLength={6} />
          </Form.Item>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: '请输入名称' }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item label="上级区域" name="parentCode" extra="省级区域不选上级">
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={items.filter((r) => r.level !== 'county').map((r) => ({ value: r.code, label: `${r.name}（${r.code}）` }))} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal title="修改区域名称" open={renaming !== null} onCancel={() => setRenaming(null)} onOk={() => renameForm.submit()} okText="确定" destroyOnHidden>
        <Form<{ name: string }> form={renameForm} layout="vertical" onFinish={rename}>
          <Form.Item label="名称" name="name" rules={[{ required: true, message: '请输入名称' }]}>
            <Input maxLength={64} />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
