import { maskIdNumber } from '../validators/id-number.js';
import { maskMobile } from '../validators/mobile.js';

export { maskIdNumber, maskMobile };

/**
 * Masks an email's local part but its first character (and its last, when it has more than
 * two): z******i@hzczj.example.com. The domain stays readable: it tells the unit, not the person.
 */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 0) return '*'.repeat([...email].length);
  const local = [...email.slice(0, at)];
  const shown = local.length <= 2 ? `${local[0] ?? ''}*` : `${local[0] ?? ''}${'*'.repeat(Math.min(local.length - 2, 6))}${local.at(-1) ?? ''}`;
  return `${shown}${email.slice(at)}`;
}

/** Masks a delivery address: a mobile number or an email. */
export const maskAddress = (channel: string, address: string): string => (channel === 'sms' ? maskMobile(address) : maskEmail(address));

interface Contact {
  mobile?: unknown;
  email?: unknown;
  idNumber?: unknown;
}

/** A 经办人's contact with mobile, email and 身份证号 masked (other fields as they are). */
export function maskContact<T extends Contact>(c: T): T {
  return {
    ...c,
    ...(typeof c.mobile === 'string' ? { mobile: maskMobile(c.mobile) } : {}),
    ...(typeof c.email === 'string' ? { email: maskEmail(c.email) } : {}),
    ...(typeof c.idNumber === 'string' ? { idNumber: maskIdNumber(c.idNumber) } : {}),
  };
}

const maskers: Record<string, (v: string) => string> = { 'handler.mobile': maskMobile, 'handler.email': maskEmail, 'handler.idNumber': maskIdNumber };

/**
 * A change of the form (`diffPayloads`) with a personal field's before and after masked: the
 * diff is computed on the clear forms, so a changed mobile still shows as changed.
 */
export function maskFieldChange<T extends { field: string; before: unknown; after: unknown }>(c: T): T {
  const mask = maskers[c.field];
  if (mask === undefined) return c;
  const m = (v: unknown) => (typeof v === 'string' ? mask(v) : v);
  return { ...c, before: m(c.before), after: m(c.after) };
}

/** An application form with its 经办人's personal data masked, for everyone but the unit itself. */
export function maskPayload<T>(payload: T): T {
  if (payload === null || typeof payload !== 'object' || !('handler' in payload)) return payload;
  const handler = (payload as { handler: unknown }).handler;
  if (handler === null || typeof handler !== 'object') return payload;
  return { ...payload, handler: maskContact(handler as Contact) };
}
