import { useState } from 'react';
import { App, Button, Card, Descriptions, Skeleton, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { dash } from '../format';
import { useRequiredSession } from '../session';
import { useAccount } from '../useAccount';
import { ContactChangeModal, type ContactChannel } from './account/ContactChangeModal';
import { LoadError } from './LoadError';

/** 账户信息: who I am and where my messages go; 修改手机号码 / 修改邮箱 verify the new address first. */
export default function AccountPage() {
  const session = useRequiredSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { data, loading, errorText, reload } = useAccount();
  const [changing, setChanging] = useState<ContactChannel | null>(null);

  const changed = () => {
    message.success(changing === 'sms' ? '手机号码已修改' : '邮箱已修改');
    setChanging(null);
    reload();
  };

  return (
    <Card title="账户信息" extra={<Button onClick={() => navigate('/account/password')}>修改密码</Button>}>
      <LoadError text={errorText} retry={reload} />
      {loading && !data ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : (
        data && (
          <Descriptions
            bordered
            size="small"
            column={1}
            style={{ maxWidth: 640 }}
            data-testid="account-info"
            items={[
              { key: 'username', label: '用户名', children: data.username },
              { key: 'name', label: '姓名', children: data.displayName },
              { key: 'role', label: '角色', children: session.user.roleLabel },
              ...(session.user.unit || session.user.region
                ? [{ key: 'scope', label: session.user.unit ? '单位' : '区域', children: session.user.unit?.name ?? session.user.region?.name }]
                : []),
              {
                key: 'mobile',
                label: '手机号码',
                children: (
                  <Space wrap>
                    <span data-testid="account-mobile">{dash(data.mobile)}</span>
                    <Button size="small" onClick={() => setChanging('sms')}>
                      修改手机号码
                    </Button>
                  </Space>
                ),
              },
              {
                key: 'email',
                label: '邮箱',
                children: (
                  <Space wrap>
                    <span data-testid="account-email">{dash(data.email)}</span>
                    <Button size="small" onClick={() => setChanging('email')}>
                      修改邮箱
                    </Button>
                  </Space>
                ),
              },
            ]}
          />
        )
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, marginBottom: 0 }}>
        审核结果、纸质材料和密码重置等短信和邮件发送到这里的手机号码和邮箱；新号码或新邮箱收到验证码并确认后才会生效。
      </Typography.Paragraph>
      <ContactChangeModal channel={changing} onClose={() => setChanging(null)} onChanged={changed} />
    </Card>
  );
}
