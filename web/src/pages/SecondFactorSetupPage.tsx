import { Card, Typography } from 'antd';
import { useSession } from '../session';
import { SecondFactorSetup } from './account/SecondFactorSetup';

/** The only page while a reviewer, admin or auditor has not set up 二次验证 yet. */
export default function SecondFactorSetupPage() {
  const { update } = useSession();
  return (
    <Card title="二次验证">
      <Typography.Paragraph type="secondary">
        审核员、系统管理员和审计管理员登录时，除密码外还须输入身份验证器应用上的动态口令。请先完成设置。
      </Typography.Paragraph>
      <SecondFactorSetup onDone={update} />
    </Card>
  );
}
