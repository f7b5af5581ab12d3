import { randomBytes } from 'node:crypto';

/** The opaque id in badge and verification URLs: 32 upper-case hex, unguessable. */
export const newBadgePublicId = (): string => randomBytes(16).toString('hex').toUpperCase();

/** 标识编号: region code, year of issue, and a six-digit serial within them. */
export const formatBadgeNumber = (regionCode: string, year: number, serial: number): string =>
  `${regionCode}${year}${String(serial).padStart(6, '0')}`;
