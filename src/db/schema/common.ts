import { timestamp } from 'drizzle-orm/pg-core';

/** Every timestamp is `timestamptz` and read as a JS Date. */
export const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
