/** Every audited action, with the label the auditor's console shows. */
export const auditActions = {
  login: '登录',
  logout: '退出',
  account_locked: '账户锁定',
  password_change: '修改密码',
  password_reset_request: '申请重置密码',
  password_reset: '重置密码',
  user_create: '新建用户',
  user_update: '修改用户',
  user_disable: '停用用户',
  user_enable: '启用用户',
  user_unlock: '解锁用户',
  user_password_reset: '管理员重置密码',
  application_create: '填写申请',
  application_update: '修改申请',
  application_submit: '提交申请',
  application_approve: '审核通过',
  application_return: '退回修改',
  application_resubmit: '重新上报',
  application_withdraw: '撤回申请',
  application_confirm_paper: '确认纸质材料',
  paper_receive: '接收纸质材料',
  paper_reject: '退回纸质材料',
  workflow_config_update: '修改审核流程配置',
  calendar_update: '修改节假日配置',
  notification_resend: '重发消息',
  contact_change_request: '申请修改联系方式',
  contact_change: '修改联系方式',
} as const;

export type AuditAction = keyof typeof auditActions;
export const isAuditAction = (s: string): s is AuditAction => Object.hasOwn(auditActions, s);
