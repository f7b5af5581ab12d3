import type { Role } from '../types.js';

/** The main menu (主菜单) per role. Labels are the procedure's words, spelled as it spells them. */
export interface MenuItem {
  key: string;
  label: string;
  path?: string;
  children?: MenuItem[];
}

const home: MenuItem = { key: 'home', label: '首页', path: '/' };
const inbox: MenuItem = { key: 'inbox', label: '消息', path: '/inbox' };

const onlineNames: MenuItem = {
  key: 'online-names',
  label: '网上名称管理',
  children: [
    { key: 'badges', label: '标识管理', path: '/names/badges' },
    { key: 'domains', label: '域名业务管理', path: '/names/domains' },
  ],
};
const applications: MenuItem = { key: 'applications', label: '网站开办审核/资格复核申请', path: '/applications' };
const review: MenuItem = { key: 'review', label: '审核管理', path: '/review' };
const paper: MenuItem = { key: 'paper', label: '纸质材料', path: '/paper' };
const system: MenuItem = {
  key: 'system',
  label: '系统管理',
  children: [
    { key: 'users', label: '用户管理', path: '/admin/users' },
    { key: 'regions', label: '区域管理', path: '/admin/regions' },
    { key: 'workflow', label: '审核流程配置', path: '/admin/workflow' },
    { key: 'calendar', label: '节假日', path: '/admin/calendar' },
    { key: 'notifications', label: '消息发送记录', path: '/admin/notifications' },
  ],
};
const audit: MenuItem = { key: 'audit', label: '审计日志', path: '/audit' };
const sitePatrol: MenuItem = { key: 'site-patrol', label: '网站巡检', path: '/site-patrol' };
const publicReports: MenuItem = { key: 'public-reports', label: '公众举报', path: '/public-reports' };

const menus: Record<Role, MenuItem[]> = {
  handler: [home, onlineNames, applications, inbox],
  office_reviewer: [home, review, paper, onlineNames, sitePatrol, inbox],
  center_reviewer: [home, review, onlineNames, sitePatrol, publicReports, inbox],
  admin: [home, system, inbox],
  auditor: [home, audit, inbox],
};

export const menuFor = (role: Role): MenuItem[] => menus[role];
