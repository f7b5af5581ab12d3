export interface SmsMessage {
  to: string;                      // mainland mobile, 11 digits, e.g. 13800000001
  template: string;                // our template name, e.g. 'application_returned'
  params: Record<string, string>;  // our template variables
  text: string;                    // the rendered Chinese text (used by the log sender)
  idempotencyKey: string;          // stable per message; pass it to the provider where it accepts one (Aliyun OutId, Tencent SessionContext)
}
export type SmsResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; retryable: boolean; code: string; reason: string };  // reason in Chinese for people
export interface SmsSender { readonly name: string; send(m: SmsMessage): Promise<SmsResult> }
