/** The lifecycle's vocabulary: events and the Chinese labels the console and messages use. */
import type { ApplicationStatus } from '../types.js';

export const applicationEvents = ['submit', 'approve', 'return', 'resubmit', 'withdraw', 'confirm_paper'] as const;
export type ApplicationEvent = (typeof applicationEvents)[number];

export const applicationEventLabel: Record<ApplicationEvent, string> = {
  submit: '提交',
  approve: '审核通过',
  return: '退回修改',
  resubmit: '重新上报',
  withdraw: '撤回',
  confirm_paper: '确认纸质材料',
};

export const applicationStatusLabel: Record<ApplicationStatus, string> = {
  draft: '草稿',
  pending_office: '待编办审核',
  pending_center: '待中心审核',
  pending_paper: '待确认纸质材料',
  approved: '已通过',
  returned: '已退回',
  withdrawn: '已撤回',
};
