/** Chinese names of API fields, so a validation message can say which field is wrong. */
const labels: Record<string, string> = {
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  displayName: '姓名',
  role: '角色',
  unitId: '所属单位',
  regionCode: '所属区域',
  mobile: '手机',
  email: '邮箱',
  channel: '接收方式',
  code: '验证码',
  version: '版本号',
  id: '编号',
  q: '搜索词',
  page: '页码',
  pageSize: '每页条数',
  action: '操作类型',
  actor: '操作人',
  result: '结果',
  from: '开始时间',
  to: '结束时间',
  address: '新地址',
  payload: '申请内容',
  reasons: '审核意见',
  reason: '原因',
  websiteName: '网站名称',
  englishDomain: '英文域名',
  ipAddresses: 'IP地址',
  description: '网站简介',
  hosting: '挂标位置',
  domainId: '中文域名',
  websiteId: '网站',
  idNumber: '身份证号',
  name: '姓名',
  items: '申请列表',
  cursor: '分页游标',
  config: '配置',
  days: '日期列表',
  receivedOn: '收到日期',
  parentCode: '上级区域',
  target: '对象',
};

export function fieldLabel(path: string): string {
  const parts = path.split('/').filter((p) => p !== '');
  const last = [...parts].reverse().find((p) => !/^\d+$/.test(p));
  if (last === undefined) return '请求内容';
  return labels[last] ?? last;
}

export function fieldName(path: string): string | undefined {
  const parts = path.split('/').filter((p) => p !== '');
  return parts.length === 0 ? undefined : parts.join('.');
}
