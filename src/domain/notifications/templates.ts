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
} as const satisfies Record<string, MessageTemplate>;

export type TemplateName = keyof typeof templates;

export function render(text: string, params: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => {
    const value = params[key];
    if (value === undefined) throw new Error(`template parameter ${key} missing`);
    return value;
  });
}
