import { useState } from 'react';
import { App, Button, Card, Flex, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { api, errorMessage } from '../../api';
import { dash } from '../../format';
import { limits } from '../../forms';
import { roleOptions } from '../../roles';
import { useRequiredSession } from '../../session';
import type { AdminUser, Page, Role } from '../../types';
import { useLoad } from '../../useLoad';
import { LoadError } from '../LoadError';
import { isLocked, OncePasswordModal, UserStatus } from './userStatus';
import { UserFormModal, type SavedUser } from './UserFormModal';
import { usePaging } from '../../usePaging';

interface Once {
  title: string;
  username: string;
  password: string;
}

/** 用户管理 (admin): accounts, their state, and the actions on them. */
export default function UsersPage() {
  const { message, modal } = App.useApp();
  const session = useRequiredSession();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | undefined>(undefined);
  const { page, pageSize, setPage, pagination } = usePaging();
  const [editing, setEditing] = useState<{ user: AdminUser | null } | null>(null);
  const [once, setOnce] = useState<Once | null>(null);
  const { data, loading, errorText, reload } = useLoad(
    (signal) => api.get<Page<AdminUser>>('/api/admin/users', { q, role, page, pageSize }, signal),
    [q, role, page, pageSize],
  );

  const run = async (label: string, call: () => Promise<unknown>) => {
    try {
      await call();
      message.success(`${label}成功`);
    } catch (err) {
      message.error(errorMessage(err));
    }
    reload();
  };
  const post = (u: AdminUser, action: 'disable' | 'enable' | 'unlock') =>
    api.post<AdminUser>(`/api/admin/users/${encodeURIComponent(u.id)}/${action}`);

  const disable = (u: AdminUser) =>
    modal.confirm({
      title: `确定停用用户“${u.displayName}”（${u.username}）吗？`,
      content: '停用后该用户不能登录，已登录的会话也将失效。',
      okButtonProps: { danger: true },
      onOk: () => run('停用', () => post(u, 'disable')),
    });

  const resetPassword = (u: AdminUser) =>
    modal.confirm({
      title: `确定重置用户“${u.displayName}”（${u.username}）的密码吗？`,
      content: '系统将生成临时密码，用户下次登录时须修改密码。',
      onOk: async () => {
        try {
          const r = await api.post<{ temporaryPassword: string }>(`/api/admin/users/${encodeURIComponent(u.id)}/reset-password`);
          setOnce({ title: '临时密码', username: u.username, password: r.temporaryPassword });
        } catch (err) {
          message.error(errorMessage(err));
        }
        reload();
      },
    });

  const resetSecondFactor = (u: AdminUser) =>
    modal.confirm({
      title: `确定重置用户“${u.displayName}”（${u.username}）的二次验证吗？`,
      content: '用于手机丢失等情况：原动态口令失效，已登录的会话结束；审核员、管理员和审计员下次登录时须重新设置。',
      okButtonProps: { danger: true },
      onOk: () => run('重置二次验证', () => api.post<AdminUser>(`/api/admin/users/${encodeURIComponent(u.id)}/reset-second-factor`)),
    });

  const saved = (r: SavedUser) => {
    const created = editing?.user === null;
    setEditing(null);
    message.success(created ? '用户已创建' : '用户已保存');
    if (r.initialPassword) setOnce({ title: '初始密码', username: r.user.username, password: r.initialPassword });
    reload();
  };

  const columns: TableColumnsType<AdminUser> = [
    { title: '用户名', dataIndex: 'username', key: 'username' },
    { title: '姓名', dataIndex: 'displayName', key: 'displayName' },
    { title: '角色', dataIndex: 'roleLabel', key: 'role' },
    { title: '所属单位/区域', key: 'scope', render: (_, u) => dash(u.unit?.name ?? u.region?.name) },
    { title: '手机', key: 'mobile', render: (_, u) => dash(u.mobile) },
    { title: '邮箱', key: 'email', render: (_, u) => dash(u.email) },
    { title: '状态', key: 'status', render: (_, u) => <UserStatus user={u} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing({ user: u })}>
            编辑
          </Button>
          {u.disabled ? (
            <Button type="link" size="small" onClick={() => void run('启用', () => post(u, 'enable'))}>
              启用
            </Button>
          ) : (
            <Button type="link" size="small" danger onClick={() => disable(u)}>
              停用
            </Button>
          )}
          {isLocked(u) && (
            <Button type="link" size="small" onClick={() => void run('解锁', () => post(u, 'unlock'))}>
              解锁
            </Button>
          )}
          <Button type="link" size="small" onClick={() => resetPassword(u)}>
            重置密码
          </Button>
          {u.secondFactorEnabled && u.id !== session.user.id && (
            <Button type="link" size="small" onClick={() => resetSecondFactor(u)}>
              重置二次验证
            </Button>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card
      title="用户管理"
      extra={
        <Button type="primary" onClick={() => setEditing({ user: null })}>
          新建用户
        </Button>
      }
    >
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder="用户名/姓名/手机号码"
          allowClear
          maxLength={limits.search}
          style={{ width: 260 }}
          enterButton="查询"
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
        />
        <Select<Role>
          placeholder="全部角色"
          allowClear
          style={{ width: 180 }}
          options={roleOptions}
          value={role}
          onChange={(v) => {
            setRole(v);
            setPage(1);
          }}
        />
      </Flex>
      <LoadError text={errorText} retry={reload} />
      <Table<AdminUser>
        rowKey="id"
        columns={columns}
        dataSource={data?.items ?? []}
        loading={loading}
        locale={{ emptyText: '暂无用户' }}
        scroll={{ x: 'max-content' }}
        pagination={pagination(data?.total ?? 0, '个用户')}
      />
      <UserFormModal
        open={editing !== null}
        user={editing?.user ?? null}
        onClose={() => setEditing(null)}
        onSaved={saved}
        onStale={(text) => {
          setEditing(null);
          message.warning(`${text}，已刷新列表，请重新编辑`);
          reload();
        }}
      />
      <OncePasswordModal title={once?.title ?? ''} username={once?.username ?? ''} password={once?.password ?? null} onClose={() => setOnce(null)} />
    </Card>
  );
}
