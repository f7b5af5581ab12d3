import { useState } from 'react';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Select, Space } from 'antd';
import { api } from '../../api';
import { applyApiError } from '../../forms';
import { fieldLabels } from '../../applications/labels';
import { fieldsOf } from '../../applications/PayloadView';
import type { ApplicationDetail } from '../../applications/types';

interface Values {
  reasons: { field?: string; reason: string }[];
}

/** 退回: one or more 审核意见, each optionally tied to a field of the form. */
export function ReturnModal({ detail, open, onClose, onDone }: { detail: ApplicationDetail; open: boolean; onClose: () => void; onDone: () => void }) {
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fieldOptions = fieldsOf(detail).map((f) => ({ value: f, label: fieldLabels[f] ?? f }));

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const reasons = v.reasons.map((r) => ({ ...(r.field ? { field: r.field } : {}), reason: r.reason.trim() }));
      await api.post(`/api/applications/${detail.id}/return`, { version: detail.version, reasons });
      form.resetFields();
      onDone();
    } catch (err) {
      applyApiError(form, err, setError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={`退回申请 ${detail.number}`}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确定退回"
      okButtonProps={{ danger: true, loading: busy }}
      cancelText="取消"
      width={680}
      forceRender
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="return-form" layout="vertical" initialValues={{ reasons: [{ reason: '' }] }}>
        <Form.List name="reasons">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" style={{ display: 'flex', marginBottom: 4 }} wrap>
                  <Form.Item name={[f.name, 'field']} label={i === 0 ? '对应字段（可选）' : undefined} style={{ width: 180, marginBottom: 8 }}>
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      placeholder="不对应字段"
                      options={fieldOptions}
                      aria-label={`审核意见${i + 1}对应字段`}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'reason']}
                    label={i === 0 ? '审核意见' : undefined}
                    rules={[{ required: true, whitespace: true, message: '请填写退回原因' }, { max: 500, message: '审核意见不能超过500个字符' }]}
                    style={{ width: 380, marginBottom: 8 }}
                  >
                    <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={500} aria-label={`审核意见${i + 1}`} placeholder="请说明需要修改的内容" />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button type="text" aria-label={`删除审核意见${i + 1}`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} style={{ marginTop: i === 0 ? 30 : 0 }} />
                  )}
                </Space>
              ))}
              {fields.length < 20 && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ reason: '' })}>
                  添加审核意见
                </Button>
              )}
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
