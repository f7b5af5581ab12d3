import type { Role } from './types';

/** Role names as the UI shows them (the server also sends `roleLabel`). */
export const roleOptions: { value: Role; label: string }[] = [
  { value: 'handler', label: '经办人' },
  { value: 'office_reviewer', label: '编办审核员' },
  { value: 'center_reviewer', label: '中心审核员' },
  { value: 'admin', label: '系统管理员' },
  { value: 'auditor', label: '审计管理员' },
];
