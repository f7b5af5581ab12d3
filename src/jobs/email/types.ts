export interface EmailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Stable per message: becomes the Message-ID, so a resend after a crash is recognisably the same mail. */
  idempotencyKey: string;
}

export type SendResult =
  | { ok: true; providerMessageId: string }
  | { ok: false; retryable: boolean; code: string; reason: string };

export interface EmailSender {
  readonly name: string;
  send(m: EmailMessage): Promise<SendResult>;
  close?(): void;
}
