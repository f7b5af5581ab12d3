import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Divider, Form, Input, InputNumber, Radio, Select, Space, Switch, Table, Typography } from 'antd';
import { stepLabel, typeOptions, unitTypeLabel } from '../../../applications/labels';
import { applicationTypes, chainChoices, steps, unitTypes } from './model';

const chainOptions = [
  { value: 'inherit', label: '继承上级/默认' },
  ...chainChoices.map((c) => ({ value: c.join(','), label: c.map((s) => stepLabel[s]).join(' → ') })),
];

/** The region's own settings; everything left at 继承 comes from the parent region or the defaults. */
export function WorkflowForm() {
  const rows = applicationTypes.flatMap((t) => unitTypes.map((u) => ({ t, u })));
  return (
    <>
      <Form.Item label="事业单位是否需要纸质材料" name="paperFlag" extra="默认不需要；党政机关总是需要纸质材料（除非下面为其单独设置审核流程）">
        <Radio.Group
          options={[
            { value: 'inherit', label: '继承上级/默认' },
            { value: 'yes', label: '需要' },
            { value: 'no', label: '不需要' },
          ]}
        />
      </Form.Item>
      <Form.Item label="办理时限（工作日）" extra="留空则继承上级或默认（编办5、中心5、纸质材料10个工作日）">
        <Space wrap>
          {steps.map((s) => (
            <Form.Item key={s} name={['due', s]} noStyle>
              <InputNumber min={1} max={60} precision={0} placeholder="继承" prefix={<span style={{ color: '#8c8c8c' }}>{stepLabel[s]}</span>} style={{ width: 170 }} aria-label={`${stepLabel[s]}时限`} />
            </Form.Item>
          ))}
        </Space>
      </Form.Item>
      <Divider titlePlacement="start" plain>
        审核流程
      </Divider>
      <Table
        rowKey={(r) => `${r.t}.${r.u}`}
        size="small"
        pagination={false}
        dataSource={rows}
        style={{ marginBottom: 24 }}
        columns={[
          { title: '申请类型', key: 't', render: (_, r) => typeOptions.find((o) => o.value === r.t)?.label },
          { title: '单位类型', key: 'u', render: (_, r) => unitTypeLabel[r.u] },
          {
            title: '本区域设置',
            key: 'chain',
            render: (_, r) => (
              <Form.Item name={['chains', r.t, r.u]} noStyle>
                <Select options={chainOptions} style={{ width: 320 }} aria-label={`${r.t}-${r.u}审核流程`} />
              </Form.Item>
            ),
          },
        ]}
      />
      <Divider titlePlacement="start" plain>
        纸质材料
      </Divider>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {unitTypes.map((u) => (
          <PaperItems key={u} unitType={u} />
        ))}
      </Space>
    </>
  );
}

function PaperItems({ unitType }: { unitType: (typeof unitTypes)[number] }) {
  const custom = Form.useWatch<boolean | undefined>(['paper', unitType, 'custom']);
  return (
    <Card size="small" title={`${unitTypeLabel[unitType]}的纸质材料`} extra={
      <Space>
        <Typography.Text type="secondary">本区域自定义</Typography.Text>
        <Form.Item name={['paper', unitType, 'custom']} valuePropName="checked" noStyle>
          <Switch aria-label={`${unitTypeLabel[unitType]}纸质材料自定义`} />
        </Form.Item>
      </Space>
    }>
      <Form.List name={['paper', unitType, 'items']}>
        {(fields, { add, remove }) => (
          <>
            {fields.map((f) => (
              <Space key={f.key} align="start" wrap>
                <Form.Item name={[f.name, 'label']} rules={[{ required: custom === true, whitespace: true, message: '请填写材料名称' }]} style={{ marginBottom: 8 }}>
                  <Input disabled={!custom} placeholder="材料名称" style={{ width: 380 }} maxLength={128} />
                </Form.Item>
                <Form.Item
                  name={[f.name, 'kind']}
                  rules={custom ? [{ required: true, message: '请填写材料代码' }, { pattern: /^[a-z0-9_]+$/, message: '材料代码只能包含小写字母、数字和下划线' }] : []}
                  style={{ marginBottom: 8 }}
                >
                  <Input disabled={!custom} placeholder="材料代码，如 application_form" style={{ width: 220 }} maxLength={64} />
                </Form.Item>
                <Form.Item name={[f.name, 'copies']} rules={[{ required: custom === true, message: '请填写份数' }]} style={{ marginBottom: 8 }}>
                  <InputNumber disabled={!custom} min={1} max={10} precision={0} suffix="份" style={{ width: 100 }} />
                </Form.Item>
                {custom && fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} aria-label="删除材料" onClick={() => remove(f.name)} />}
              </Space>
            ))}
            {custom && fields.length < 10 && (
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ kind: '', label: '', copies: 1 })}>
                添加材料
              </Button>
            )}
          </>
        )}
      </Form.List>
    </Card>
  );
}

