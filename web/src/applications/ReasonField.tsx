import { Form, Input } from 'antd';
import { useFieldMarks } from './marks';
import { max, required } from './rules';

/** 注销原因. */
export function ReasonField() {
  const mark = useFieldMarks();
  return (
    <Form.Item label="注销原因" name="reason" rules={[required('请填写注销原因'), max(500, '注销原因')]} {...mark('reason')}>
      <Input.TextArea rows={3} maxLength={500} showCount placeholder="例如：网站改为挂在网络红页上" />
    </Form.Item>
  );
}
