import dayjs from 'dayjs';

export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';

export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** Shown for an empty value in a table cell. */
export const dash = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : v);

const chinaDay = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' });

/** A calendar day in China (paper arrives on a day at the office), whatever the browser's time zone. */
export const chinaDate = (iso: string | null | undefined): string => (iso ? chinaDay.format(new Date(iso)) : '—');

/** Today in China as YYYY-MM-DD. */
export const chinaToday = (): string => chinaDay.format(new Date());
