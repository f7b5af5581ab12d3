/**
 * China working days in Beijing time. China has had no daylight saving since 1991, so a fixed
 * +8 h offset is exact and needs no time-zone database.
 *
 * A day is a working day when it is listed in `extraWorkdays` (调休: a weekend made a working
 * day), or when it is Monday–Friday and not in `holidays`. A date in both lists counts as a
 * holiday: the State Council never publishes that, so it is a typo, and the longer deadline is
 * the one that wrongs nobody.
 */

export interface WorkCalendar {
  /** 'YYYY-MM-DD' dates that are not working days (法定节假日 and their bridging days). */
  holidays: ReadonlySet<string>;
  /** 'YYYY-MM-DD' weekend dates that are working days (调休上班). */
  extraWorkdays: ReadonlySet<string>;
}

export const emptyCalendar: WorkCalendar = { holidays: new Set(), extraWorkdays: new Set() };

const dayMs = 86_400_000;
const beijingOffsetMs = 8 * 3_600_000;
const datePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Days since 1970-01-01 of the Beijing calendar day `instant` falls on. */
const beijingDay = (instant: Date): number => Math.floor((instant.getTime() + beijingOffsetMs) / dayMs);

const dayKey = (day: number): string => new Date(day * dayMs).toISOString().slice(0, 10);

/** 1970-01-01 was a Thursday: 0 = Sunday … 6 = Saturday. */
const weekday = (day: number): number => (((day + 4) % 7) + 7) % 7;

function assertValid(instant: Date, what: string): void {
  if (Number.isNaN(instant.getTime())) throw new RangeError(`${what} is an invalid Date`);
}

/** The Beijing calendar date of an instant, as 'YYYY-MM-DD'. */
export function beijingDate(instant: Date): string {
  assertValid(instant, 'instant');
  return dayKey(beijingDay(instant));
}

/** Builds a calendar from lists of dates, refusing anything that is not a real 'YYYY-MM-DD'. */
export function makeCalendar(input: { holidays?: Iterable<string>; extraWorkdays?: Iterable<string> }): WorkCalendar {
  const check = (dates: Iterable<string> | undefined): Set<string> => {
    const set = new Set<string>();
    for (const d of dates ?? []) {
      const parsed = new Date(`${d}T00:00:00Z`);
      if (!datePattern.test(d) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== d) {
        throw new RangeError(`not a YYYY-MM-DD date: ${d}`);
      }
      set.add(d);
    }
    return set;
  };
  return { holidays: check(input.holidays), extraWorkdays: check(input.extraWorkdays) };
}

function isWorkingDayNumber(day: number, cal: WorkCalendar): boolean {
  const key = dayKey(day);
  if (cal.holidays.has(key)) return false;
  if (cal.extraWorkdays.has(key)) return true;
  const wd = weekday(day);
  return wd !== 0 && wd !== 6;
}

/** Is the Beijing calendar day of `date` a working day? */
export function isWorkingDay(date: Date, cal: WorkCalendar): boolean {
  assertValid(date, 'date');
  return isWorkingDayNumber(beijingDay(date), cal);
}

/**
 * The deadline `n` working days after `start`: the end (23:59:59.999 Beijing time) of the n-th
 * working day after the Beijing day of `start`. The start day never counts, even when it is a
 * working day and the start is at 00:01. `n = 0` gives the end of the start day itself.
 */
export function addWorkingDays(start: Date, n: number, cal: WorkCalendar): Date {
  assertValid(start, 'start');
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`n must be a non-negative integer, got ${n}`);
  let day = beijingDay(start);
  for (let left = n; left > 0; ) {
    day += 1;
    if (isWorkingDayNumber(day, cal)) left -= 1;
  }
  return new Date((day + 1) * dayMs - beijingOffsetMs - 1);
}

/**
 * Working days after the Beijing day of `a` up to and including the Beijing day of `b`, so that
 * `workingDaysBetween(start, addWorkingDays(start, n, cal), cal) === n`. Negative when `b` is
 * earlier than `a` (a deadline already passed by that many working days).
 */
export function workingDaysBetween(a: Date, b: Date, cal: WorkCalendar): number {
  assertValid(a, 'a');
  assertValid(b, 'b');
  const from = beijingDay(a);
  const to = beijingDay(b);
  const [lo, hi, sign] = from <= to ? [from, to, 1] : [to, from, -1];
  let count = 0;
  for (let day = lo + 1; day <= hi; day++) if (isWorkingDayNumber(day, cal)) count += 1;
  return sign * count;
}
