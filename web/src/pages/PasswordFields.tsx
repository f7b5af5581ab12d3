import { Form, Input } from 'antd';
import { limits, passwordHint, passwordProblem } from '../forms';

/** 新密码 + 确认新密码, with the policy hint and a client-side check (the server checks again). */
export function NewPasswordFields({ username }: { username?: string | undefined }) {
  return (
    <>
      <Form.Item
        label="新密码"
        name="newPassword"
        extra={passwordHint}
        rules={[
          { required: true, message: '请输入新密码' },
          {
            validator: async (_, v: string | undefined) => {
              const problem = v ? passwordProblem(v, username) : null;
              if (problem) throw new Error(problem);
            },
          },
        ]}
      >
        <Input.Password maxLength={limits.password} autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        label="确认新密码"
        name="confirmPassword"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: async (_, v: string | undefined) => {
              if (v && v !== getFieldValue('newPassword')) throw new Error('两次输入的新密码不一致');
            },
          }),
        ]}
      >
        <Input.Password maxLength={limits.password} autoComplete="new-password" />
      </Form.Item>
    </>
  );
}
