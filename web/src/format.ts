import dayjs from 'dayjs';

export const formatDateTime = (iso: string | null | undefined): string =>
  iso ? dayjs(iso).format('YYYY-MM-DD HH:mm:ss') : '—';

export const formatDate = (iso: string | null | undefined): string => (iso ? dayjs(iso).format('YYYY-MM-DD') : '—');

/** Shown for an empty value in a table cell. */
export const dash = (v: string | null | undefined): string => (v === null || v === undefined || v === '' ? '—' : v);
