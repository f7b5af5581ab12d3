/**
 * Message templates in Chinese. SMS text stays within one 70-character segment where possible.
 * `{name}` placeholders are filled from the params; a missing param is a programming error.
 */
export interface MessageTemplate {
  subject: string;
  sms: string;
  text: string;
}

export const templates = {
  password_reset_code: {
    subject: '网上名称注册管理系统 密码重置验证码',
    sms: '【网上名称注册管理系统】您的密码重置验证码为{code}，{minutes}分钟内有效。如非本人操作请忽略。',
    text: '{displayName}，您好：\n\n您正在重置网上名称注册管理系统账户 {username} 的密码，验证码为 {code}，{minutes} 分钟内有效。\n如非本人操作，请忽略本消息并联系管理员。',
  },
  application_arrived: {
    subject: '待审核申请：{unitName} {typeLabel}（{number}）',
    sms: '【网上名称注册管理系统】{unitName}的{typeLabel}（{number}）待您{stepLabel}，请于{dueDate}前处理。',
    text: '{unitName}提交的{typeLabel}（申请编号 {number}）已到达{stepLabel}环节，请于 {dueDate} 前登录系统在“审核管理”中处理。',
  },
  application_step_approved: {
    subject: '申请已通过{stepLabel}：{typeLabel}（{number}）',
    sms: '【网上名称注册管理系统】您单位的{typeLabel}（{number}）已通过{stepLabel}，进入{nextLabel}。',
    text: '您单位的{typeLabel}（申请编号 {number}）已通过{stepLabel}，现进入{nextLabel}环节。',
  },
  paper_requested: {
    subject: '请提交纸质材料：{typeLabel}（{number}）',
    sms: '【网上名称注册管理系统】您单位的{typeLabel}（{number}）已通过审核，请打印申请表并向{officeName}提交纸质材料。',
    text: '您单位的{typeLabel}（申请编号 {number}）已通过{stepLabel}。请在“网站开办审核/资格复核申请”中点击“打印申请表”，加盖单位公章后连同以下材料提交至{officeName}：\n{items}',
  },
  application_returned: {
    subject: '申请未通过{stepLabel}：{typeLabel}（{number}）',
    sms: '【网上名称注册管理系统】您单位的{typeLabel}（{number}）未通过{stepLabel}，请登录系统查看审核结果并修改申请后重新上报。',
    text: '您单位的{typeLabel}（申请编号 {number}）未通过{stepLabel}。\n审核意见：\n{reasons}\n请登录系统，在“网站开办审核/资格复核申请”中“查看审核结果”，“修改申请”后重新上报。',
  },
  application_approved: {
    subject: '申请已审核通过：{typeLabel}（{number}）',
    sms: '【网上名称注册管理系统】您单位的{typeLabel}（{number}）已审核通过。{smsNext}',
    text: '您单位的{typeLabel}（申请编号 {number}）已审核通过。\n{nextSteps}',
  },
  deregistration_approved: {
    subject: '注销申请已审核通过：{number}',
    sms: '【网上名称注册管理系统】您单位的注销申请（{number}）已审核通过，网站标识已注销。',
    text: '您单位的注销申请（申请编号 {number}）已审核通过。\n{nextSteps}',
  },
  account_locked: {
    subject: '账户已锁定：{username}',
    sms: '【网上名称注册管理系统】您的账户{username}因多次登录失败已锁定至{until}。如非本人操作请联系管理员。',
    text: '{displayName}，您好：\n\n您的账户 {username} 因连续多次登录失败，已被锁定至 {until}。\n如非本人操作，请立即联系系统管理员。',
  },
  overdue_reminder: {
    subject: '审核超期提醒：{count}件申请待处理',
    sms: '【网上名称注册管理系统】您有{count}件{stepLabel}申请已超过办理时限，请尽快处理。',
    text: '以下申请在“{stepLabel}”环节已超过办理时限，请尽快登录系统在“审核管理”中处理：\n{list}',
  },
  contact_verification_code: {
    subject: '网上名称注册管理系统 联系方式验证码',
    sms: '【网上名称注册管理系统】您正在修改联系方式，验证码为{code}，{minutes}分钟内有效。',
    text: '{displayName}，您好：\n\n您正在将账户 {username} 的{channelLabel}修改为本地址，验证码为 {code}，{minutes} 分钟内有效。',
  },
  paper_item_received: {
    subject: '纸质材料已接收：{typeLabel}（{number}）',
    sms: '【网上名称注册管理系统】{officeName}已接收您单位{typeLabel}（{number}）的纸质材料：{itemLabel}。',
    text: '{officeName}已于 {date} 接收您单位{typeLabel}（申请编号 {number}）的纸质材料：{itemLabel}。',
  },
  paper_item_rejected: {
    subject: '纸质材料未通过：{typeLabel}（{number}）',
    sms: '【网上名称注册管理系统】您单位{typeLabel}（{number}）的纸质材料“{itemLabel}”未通过，请按审核意见重新提交。',
    text: '您单位{typeLabel}（申请编号 {number}）的纸质材料“{itemLabel}”未通过。\n原因：{reason}\n请按要求重新准备后提交至{officeName}。',
  },
  site_patrol_failing: {
    subject: '网站巡检未通过：{unitName} {websiteName}',
    sms: '【网上名称注册管理系统】{unitName}的网站{websiteName}（{englishDomain}）已连续{count}次巡检未通过，请尽快核实处理。',
    text: '{unitName}的网站“{websiteName}”（{englishDomain}）自 {since} 起已连续 {count} 次巡检未通过：\n{problems}\n请核实网站能否通过英文域名访问、首页标题是否与网站名称一致、IP地址是否变化；网站信息已变化的，请在“标识管理”中办理变更。',
  },
} as const satisfies Record<string, MessageTemplate>;

export type TemplateName = keyof typeof templates;

export function render(text: string, params: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`template parameter ${key} missing`);
    return value;
  });
}
