import { Divider, Form, Input } from 'antd';
import { check, idNumberProblem, max, mobileProblem, required } from './rules';
import { useFieldMarks } from './marks';

/** 经办人 (the person the review result is sent to by SMS and email). */
export function HandlerFields() {
  const mark = useFieldMarks();
  return (
    <>
      <Divider titlePlacement="start" plain>
        经办人信息
      </Divider>
      <Form.Item label="姓名" name={['handler', 'name']} rules={[required('请填写经办人姓名'), max(32, '姓名')]} {...mark('handler.name')}>
        <Input maxLength={32} autoComplete="name" />
      </Form.Item>
      <Form.Item
        label="手机"
        name={['handler', 'mobile']}
        rules={[required('请填写经办人手机号码'), check(mobileProblem)]}
        {...mark('handler.mobile', '审核结果将以短信告知经办人')}
      >
        <Input maxLength={20} inputMode="tel" autoComplete="tel" />
      </Form.Item>
      <Form.Item
        label="邮箱"
        name={['handler', 'email']}
        rules={[required('请填写经办人邮箱'), { type: 'email', message: '请输入正确的邮箱地址' }, max(254, '邮箱')]}
        {...mark('handler.email', '审核结果将同时发送到此邮箱')}
      >
        <Input maxLength={254} inputMode="email" autoComplete="email" />
      </Form.Item>
      <Form.Item
        label="身份证号"
        name={['handler', 'idNumber']}
        rules={[required('请填写经办人身份证号'), check(idNumberProblem)]}
        {...mark('handler.idNumber', '18位居民身份证号；纸质材料须附经办人身份证复印件')}
      >
        <Input maxLength={18} autoComplete="off" />
      </Form.Item>
    </>
  );
}
