import { useEffect, useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Radio, Select } from 'antd';
import { api } from '../../api';
import { applyApiError } from '../../forms';
import { isUrl, recordsPath, typeOptions, valuePlaceholder, type DnsRecord, type DnsView, type FormType, type RecordBody } from './types';

interface Values {
  host: string;
  type: FormType;
  mode: 'explicit' | 'implicit';
  redirectCode: 301 | 302;
  keepPath: boolean;
  value: string;
  ttl: number;
  priority?: number;
}

const defaults: Partial<Values> = { host: '@', type: 'A', mode: 'explicit', redirectCode: 302, keepPath: false, ttl: 600 };

function toValues(r: DnsRecord): Partial<Values> {
  return {
    host: r.host,
    type: isUrl(r.type) ? 'URL' : (r.type as FormType),
    mode: r.type === 'URL_FRAME' ? 'implicit' : 'explicit',
    redirectCode: r.redirectCode ?? 302,
    keepPath: r.keepPath ?? false,
    value: r.value,
    ttl: r.ttl,
    ...(r.priority !== null ? { priority: r.priority } : {}),
  };
}

function toBody(v: Values): RecordBody {
  const common = { host: v.host.trim(), value: v.value.trim(), ttl: v.ttl };
  if (v.type === 'URL') {
    return v.mode === 'implicit'
      ? { ...common, type: 'URL_FRAME' }
      : { ...common, type: 'URL_REDIRECT', redirectCode: v.redirectCode, keepPath: v.keepPath };
  }
  return { ...common, type: v.type, ...(v.type === 'MX' && v.priority !== undefined ? { priority: v.priority } : {}) };
}

/** 添加解析 (record = null) or 修改 one record; the saved list goes to `onSaved`. */
export function RecordModal({
  open,
  domainId,
  record,
  onClose,
  onSaved,
}: {
  open: boolean;
  domainId: string;
  record: DnsRecord | null;
  onClose: () => void;
  onSaved: (view: DnsView, body: RecordBody) => void;
}) {
  const [form] = Form.useForm<Values>();
  const type = Form.useWatch('type', form);
  const mode = Form.useWatch('mode', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (record) form.setFieldsValue(toValues(record));
  }, [open, record, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const body = toBody(v);
    try {
      const base = recordsPath(domainId);
      const view = record
        ? await api.put<DnsView>(`${base}/records/${encodeURIComponent(record.id)}`, body)
        : await api.post<DnsView>(`${base}/records`, body);
      onSaved(view, body);
    } catch (err) {
      applyApiError(form, err, setError);
    } finally {
      setBusy(false);
    }
  };

  const url = type === 'URL';
  return (
    <Modal
      title={record ? '修改解析' : '添加解析'}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="确认"
      okButtonProps={{ disabled: busy }}
      forceRender
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="dns-record" layout="vertical" initialValues={defaults}>
        <Form.Item label="主机记录" name="host" extra="@ 表示主域名，www 表示 www 子域名，* 表示泛解析" rules={[{ required: true, whitespace: true, message: '请填写主机记录' }]}>
          <Input maxLength={253} autoComplete="off" />
        </Form.Item>
        <Form.Item label="记录类型" name="type" rules={[{ required: true, message: '请选择记录类型' }]}>
          <Select options={typeOptions} />
        </Form.Item>
        {url && (
          <Form.Item label="转发方式" name="mode">
            <Radio.Group options={[{ value: 'explicit', label: '显性' }, { value: 'implicit', label: '隐性' }]} />
          </Form.Item>
        )}
        {url && mode !== 'implicit' && (
          <Form.Item label="跳转方式" name="redirectCode">
            <Radio.Group options={[{ value: 302, label: '302（临时）' }, { value: 301, label: '301（永久）' }]} />
          </Form.Item>
        )}
        {url && mode !== 'implicit' && (
          <Form.Item name="keepPath" valuePropName="checked">
            <Checkbox>保留访问路径</Checkbox>
          </Form.Item>
        )}
        <Form.Item
          label={url ? '目标地址' : '记录值'}
          name="value"
          rules={[{ required: true, whitespace: true, message: url ? '请填写目标地址' : '请填写记录值' }]}
        >
          <Input maxLength={2048} placeholder={valuePlaceholder[type ?? 'A']} autoComplete="off" />
        </Form.Item>
        <Form.Item label="TTL" name="ttl" extra="单位：秒，60–86400" rules={[{ required: true, message: '请填写TTL' }]}>
          <InputNumber min={60} max={86400} precision={0} style={{ width: 200 }} />
        </Form.Item>
        {type === 'MX' && (
          <Form.Item label="MX优先级" name="priority" extra="0–65535，数值越小越优先" rules={[{ required: true, message: '请填写MX优先级' }]}>
            <InputNumber min={0} max={65535} precision={0} style={{ width: 200 }} />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
