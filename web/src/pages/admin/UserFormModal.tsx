import { useEffect, useMemo, useState } from 'react';
import { Alert, Checkbox, Form, Input, Modal, Select, TreeSelect } from 'antd';
import { ApiError, api, errorMessage } from '../../api';
import { applyApiError, limits } from '../../forms';
import { roleOptions } from '../../roles';
import type { AdminUser, Role } from '../../types';
import { useLoad } from '../../useLoad';
import { loadRegions, loadUnits, regionTree, unitOption } from './options';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  unitId?: string;
  regionCode?: string;
  mobile?: string;
  email?: string;
  clearMobile?: boolean;
  clearEmail?: boolean;
}

export type SavedUser = { user: AdminUser; initialPassword?: string };

const blankToUndefined = (s: string | undefined) => (s && s.trim() ? s.trim() : undefined);

/** 新建用户 (user = null) or 编辑 (user given). */
export function UserFormModal({
  open,
  user,
  onClose,
  onSaved,
  onStale,
}: {
  open: boolean;
  user: AdminUser | null;
  onClose: () => void;
  onSaved: (r: SavedUser) => void;
  /** Someone else changed the user meanwhile (409 STALE_VERSION). */
  onStale: (text: string) => void;
}) {
  const [form] = Form.useForm<Values>();
  const role = Form.useWatch('role', form);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [unitQuery, setUnitQuery] = useState('');
  const units = useLoad((s) => (open ? loadUnits(s, unitQuery) : Promise.resolve(null)), [open, unitQuery]);
  const regions = useLoad((s) => (open ? loadRegions(s) : Promise.resolve(null)), [open]);
  const unitOptions = useMemo(() => {
    const found = (units.data?.items ?? []).map(unitOption);
    // The user's own unit stays selectable (and labelled) whatever the search shows.
    const own = user?.unit;
    return own && !found.some((o) => o.value === own.id) ? [{ value: own.id, label: own.name }, ...found] : found;
  }, [units.data, user]);
  const regionNodes = useMemo(() => regionTree(regions.data?.items ?? []), [regions.data]);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        unitId: user.unit?.id,
        regionCode: user.region?.code,
      });
    }
  }, [open, user, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setError(null);
    const scope = {
      ...(v.role === 'handler' ? { unitId: v.unitId } : {}),
      ...(v.role === 'office_reviewer' ? { regionCode: v.regionCode } : {}),
    };
    try {
      if (user) {
        // The admin sees contacts masked (138****0000), so the fields start empty: a typed value
        // replaces the contact, 清除 removes it (null), an empty field leaves it as it is.
        const contact = (key: 'mobile' | 'email') => {
          const next = blankToUndefined(v[key]);
          const clear = key === 'mobile' ? v.clearMobile : v.clearEmail;
          return next !== undefined ? { [key]: next } : clear ? { [key]: null } : {};
        };
        const body = { version: user.version, displayName: v.displayName.trim(), role: v.role, ...scope, ...contact('mobile'), ...contact('email') };
        onSaved({ user: await api.patch<AdminUser>(`/api/admin/users/${encodeURIComponent(user.id)}`, body) });
      } else {
        const mobile = blankToUndefined(v.mobile);
        const email = blankToUndefined(v.email);
        const body = {
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          role: v.role,
          ...scope,
          ...(mobile ? { mobile } : {}),
          ...(email ? { email } : {}),
        };
        onSaved(await api.post<SavedUser>('/api/admin/users', body));
      }
    } catch (err) {
      if (err instanceof ApiError && err.status === 409 && user) onStale(errorMessage(err));
      else applyApiError(form, err, setError);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={user ? '编辑用户' : '新建用户'}
      open={open}
      onCancel={onClose}
      onOk={() => void submit()}
      okText="保存"
      okButtonProps={{ disabled: busy }}
      forceRender
      mask={{ closable: false }}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} name="user-form" layout="vertical" initialValues={{ role: 'handler' }}>
        <Form.Item
          label="用户名"
          name="username"
          extra={user ? undefined : '3–64位，可用字母、数字、下划线、点和连字符'}
          rules={
            user
              ? []
              : [
                  { required: true, whitespace: true, message: '请输入用户名' },
                  { pattern: /^[A-Za-z0-9_.-]{3,64}$/, message: '用户名为3–64位字母、数字、下划线、点或连字符' },
                ]
          }
        >
          <Input maxLength={limits.username} disabled={user !== null} autoComplete="off" />
        </Form.Item>
        <Form.Item label="姓名" name="displayName" rules={[{ required: true, whitespace: true, message: '请输入姓名' }]}>
          <Input maxLength={limits.displayName} />
        </Form.Item>
        <Form.Item label="角色" name="role" rules={[{ required: true, message: '请选择角色' }]}>
          <Select options={roleOptions} />
        </Form.Item>
        {role === 'handler' && (
          <Form.Item label="所属单位" name="unitId" rules={[{ required: true, message: '请选择所属单位' }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setUnitQuery }}
              options={unitOptions}
              loading={units.loading}
              placeholder="输入单位名称搜索"
              notFoundContent={units.errorText ?? undefined}
            />
          </Form.Item>
        )}
        {role === 'office_reviewer' && (
          <Form.Item label="所属区域" name="regionCode" rules={[{ required: true, message: '请选择所属区域' }]}>
            <TreeSelect
              showSearch
              treeNodeFilterProp="title"
              treeData={regionNodes}
              loading={regions.loading}
              placeholder="选择省、市或县级区域"
              notFoundContent={regions.errorText ?? undefined}
            />
          </Form.Item>
        )}
        <Form.Item label="手机" name="mobile" rules={[{ pattern: /^\+?[0-9][0-9 -]{4,15}$/, message: '请输入正确的手机号码' }]}>
          <Input maxLength={limits.mobile} inputMode="tel" placeholder={user?.mobile ? `${user.mobile}（留空则不变）` : undefined} />
        </Form.Item>
        {user?.mobile && (
          <Form.Item name="clearMobile" valuePropName="checked" style={{ marginTop: -16 }}>
            <Checkbox>清除手机号码</Checkbox>
          </Form.Item>
        )}
        <Form.Item label="邮箱" name="email" rules={[{ type: 'email', message: '请输入正确的邮箱地址' }]}>
          <Input maxLength={limits.email} inputMode="email" placeholder={user?.email ? `${user.email}（留空则不变）` : undefined} />
        </Form.Item>
        {user?.email && (
          <Form.Item name="clearEmail" valuePropName="checked" style={{ marginTop: -16 }}>
            <Checkbox>清除邮箱</Checkbox>
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
