import { openForReseal, openNullable, openValue, sealNullable, sealValue, searchHashOf } from './keys.js';

/**
 * Where a 经办人's (and every account's) personal data is stored, and how it is sealed. Each
 * purpose names the column or JSON field; it is bound into the MAC, so a ciphertext does not open
 * anywhere else. `reencrypt.ts` walks exactly these places.
 *
 * Not sealed, on purpose: usernames and display names, and the 经办人's name on the form (they
 * name people in the audit trail, the history and the queue, and are searched in clear); unit data (公开信息: name, address,
 * phone are published on the 网络红页); SMS/email bodies (they carry codes and application numbers,
 * never an address or 身份证号); audit details (never hold contact values).
 */
export const purposes = {
  userMobile: 'users.mobile',
  userEmail: 'users.email',
  userTotpSecret: 'users.totp_secret',
  userTotpPendingSecret: 'users.totp_pending_secret',
  contactAddress: 'contact_verifications.address',
  notificationAddress: 'notifications.to_address',
  handlerMobile: 'payload.handler.mobile',
  handlerEmail: 'payload.handler.email',
  handlerIdNumber: 'payload.handler.idNumber',
} as const;

interface UserSecrets {
  mobile?: string | null | undefined;
  email?: string | null | undefined;
  totpSecret?: string | null | undefined;
  totpPendingSecret?: string | null | undefined;
}

/** Seals the personal fields present in an insert or update of `users` (and keeps the mobile's search hash with it). */
export function sealUserValues<T extends UserSecrets>(values: T): T & { mobileHash?: string | null } {
  return {
    ...values,
    ...(values.mobile === undefined ? {} : { mobile: sealNullable(purposes.userMobile, values.mobile), mobileHash: searchHashOf('mobile', values.mobile) }),
    ...(values.email === undefined ? {} : { email: sealNullable(purposes.userEmail, values.email) }),
    ...(values.totpSecret === undefined ? {} : { totpSecret: sealNullable(purposes.userTotpSecret, values.totpSecret) }),
    ...(values.totpPendingSecret === undefined ? {} : { totpPendingSecret: sealNullable(purposes.userTotpPendingSecret, values.totpPendingSecret) }),
  };
}

/** Opens the personal fields of a `users` row (or of a selection of its columns). */
export function openUserRow<T extends UserSecrets>(row: T): T {
  return {
    ...row,
    ...(row.mobile === undefined ? {} : { mobile: openNullable(purposes.userMobile, row.mobile) }),
    ...(row.email === undefined ? {} : { email: openNullable(purposes.userEmail, row.email) }),
    ...(row.totpSecret === undefined ? {} : { totpSecret: openNullable(purposes.userTotpSecret, row.totpSecret) }),
    ...(row.totpPendingSecret === undefined ? {} : { totpPendingSecret: openNullable(purposes.userTotpPendingSecret, row.totpPendingSecret) }),
  };
}

const handlerFields = [
  ['mobile', purposes.handlerMobile],
  ['email', purposes.handlerEmail],
  ['idNumber', purposes.handlerIdNumber],
] as const;

function mapHandler(payload: Record<string, unknown>, f: (purpose: string, value: string) => string): Record<string, unknown> {
  const handler = payload['handler'];
  if (handler === null || typeof handler !== 'object' || Array.isArray(handler)) return payload;
  const h = { ...(handler as Record<string, unknown>) };
  for (const [field, purpose] of handlerFields) {
    const v = h[field];
    if (typeof v === 'string') h[field] = f(purpose, v);
  }
  return { ...payload, handler: h };
}

/** An application form as stored: its 经办人's mobile, email and 身份证号 sealed, the rest clear. */
export const sealPayload = (payload: Record<string, unknown>): Record<string, unknown> => mapHandler(payload, sealValue);
export const openPayload = (payload: Record<string, unknown>): Record<string, unknown> => mapHandler(payload, openValue);
/** The reseal pass's view of a form: clear fields from before encryption pass through. */
export const openPayloadForReseal = (payload: Record<string, unknown>): Record<string, unknown> => mapHandler(payload, openForReseal);

interface Addressed {
  toAddress?: string | null | undefined;
}

/** Seals an outbox row's address and keeps its search hash beside it. */
export function sealNotification<T extends Addressed>(row: T): T & { toAddressHash?: string | null } {
  if (row.toAddress === undefined) return row;
  return { ...row, toAddress: sealNullable(purposes.notificationAddress, row.toAddress), toAddressHash: searchHashOf('address', row.toAddress) };
}

export function openNotification<T extends Addressed>(row: T): T {
  return row.toAddress === undefined ? row : { ...row, toAddress: openNullable(purposes.notificationAddress, row.toAddress) };
}

export const sealContactAddress = (address: string): string => sealValue(purposes.contactAddress, address);
export const openContactAddress = (stored: string): string => openValue(purposes.contactAddress, stored);
