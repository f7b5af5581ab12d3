import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  addWorkingDays,
  beijingDate,
  emptyCalendar,
  isWorkingDay,
  makeCalendar,
  workingDaysBetween,
} from './working-days.js';

/** An instant given in Beijing wall-clock time. */
const bj = (local: string): Date => new Date(`${local}+08:00`);
/** The end of a Beijing day, as the deadline is expressed. */
const endOf = (date: string): Date => bj(`${date}T23:59:59.999`);

/** Test data shaped like a 国庆 arrangement (not a claim about the real 2026 calendar). */
const nationalDay = makeCalendar({
  holidays: ['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'],
  extraWorkdays: ['2026-09-27', '2026-10-10'],
});

describe('isWorkingDay', () => {
  it('counts Monday to Friday and not the weekend', () => {
    expect(isWorkingDay(bj('2026-03-06T12:00'), emptyCalendar)).toBe(true); // Friday
    expect(isWorkingDay(bj('2026-03-07T12:00'), emptyCalendar)).toBe(false); // Saturday
    expect(isWorkingDay(bj('2026-03-08T12:00'), emptyCalendar)).toBe(false); // Sunday
  });

  it('treats a weekday holiday as a day off and a 调休 weekend as a working day', () => {
    expect(isWorkingDay(bj('2026-10-01T09:00'), nationalDay)).toBe(false); // Thursday, 国庆
    expect(isWorkingDay(bj('2026-09-27T09:00'), nationalDay)).toBe(true); // Sunday, 调休
    expect(isWorkingDay(bj('2026-10-10T09:00'), nationalDay)).toBe(true); // Saturday, 调休
  });

  it('judges the Beijing day, not the UTC day', () => {
    // 2026-03-06T16:30Z is still Friday in UTC but already Saturday 00:30 in Beijing.
    expect(isWorkingDay(new Date('2026-03-06T16:30:00Z'), emptyCalendar)).toBe(false);
    // 2026-03-08T20:00Z is Sunday in UTC but Monday 04:00 in Beijing.
    expect(isWorkingDay(new Date('2026-03-08T20:00:00Z'), emptyCalendar)).toBe(true);
  });

  it('lets a holiday win over a 调休 entry for the same date', () => {
    const cal = makeCalendar({ holidays: ['2026-10-10'], extraWorkdays: ['2026-10-10'] });
    expect(isWorkingDay(bj('2026-10-10T09:00'), cal)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it('gives the end of the next Friday for a Friday start plus 5 working days', () => {
    expect(addWorkingDays(bj('2026-03-06T10:00'), 5, emptyCalendar)).toEqual(endOf('2026-03-13'));
    expect(endOf('2026-03-13').toISOString()).toBe('2026-03-13T15:59:59.999Z');
  });

  it('does not count the start day, even at its first minute', () => {
    expect(addWorkingDays(bj('2026-03-09T00:01'), 1, emptyCalendar)).toEqual(endOf('2026-03-10'));
  });

  it('gives the end of the start day for n = 0', () => {
    expect(addWorkingDays(bj('2026-03-07T10:00'), 0, emptyCalendar)).toEqual(endOf('2026-03-07'));
  });

  it('skips 国庆 and counts the 调休 weekends', () => {
    const friday = bj('2026-09-25T15:00');
    // Sun 27 (调休), Mon 28, Tue 29, Wed 30, then Oct 1–7 off, Thu Oct 8.
    expect(addWorkingDays(friday, 5, nationalDay)).toEqual(endOf('2026-10-08'));
    // … Fri Oct 9, Sat Oct 10 (调休).
    expect(addWorkingDays(friday, 7, nationalDay)).toEqual(endOf('2026-10-10'));
    // Sun Oct 11 is a plain weekend.
    expect(addWorkingDays(friday, 8, nationalDay)).toEqual(endOf('2026-10-12'));
    // Without the holiday calendar the same span ends a week earlier.
    expect(addWorkingDays(friday, 5, emptyCalendar)).toEqual(endOf('2026-10-02'));
  });

  it('starts counting from the Beijing day of a late-evening start', () => {
    // 23:30 Thursday Beijing (15:30Z) and 00:30 Friday Beijing (16:30Z) are the same UTC day.
    expect(addWorkingDays(new Date('2026-03-05T15:30:00Z'), 1, emptyCalendar)).toEqual(endOf('2026-03-06'));
    expect(addWorkingDays(new Date('2026-03-05T16:30:00Z'), 1, emptyCalendar)).toEqual(endOf('2026-03-09'));
  });

  it('refuses a negative or fractional count and an invalid date', () => {
    expect(() => addWorkingDays(bj('2026-03-06T10:00'), -1, emptyCalendar)).toThrow(RangeError);
    expect(() => addWorkingDays(bj('2026-03-06T10:00'), 1.5, emptyCalendar)).toThrow(RangeError);
    expect(() => addWorkingDays(new Date('nope'), 1, emptyCalendar)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts the working days after the first day up to and including the last', () => {
    expect(workingDaysBetween(bj('2026-03-06T10:00'), bj('2026-03-13T09:00'), emptyCalendar)).toBe(5);
    expect(workingDaysBetween(bj('2026-09-25T10:00'), bj('2026-10-12T10:00'), nationalDay)).toBe(8);
    expect(workingDaysBetween(bj('2026-10-01T10:00'), bj('2026-10-07T10:00'), nationalDay)).toBe(0);
  });

  it('is zero within one Beijing day and negative backwards', () => {
    expect(workingDaysBetween(bj('2026-03-06T00:00'), bj('2026-03-06T23:59'), emptyCalendar)).toBe(0);
    expect(workingDaysBetween(bj('2026-10-12T10:00'), bj('2026-09-25T10:00'), nationalDay)).toBe(-8);
  });

  it('inverts addWorkingDays, whose deadline always ends a working day', () => {
    const instants = fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(instants, fc.integer({ min: 0, max: 40 }), (start, n) => {
        const deadline = addWorkingDays(start, n, nationalDay);
        expect(workingDaysBetween(start, deadline, nationalDay)).toBe(n);
        expect(beijingDate(new Date(deadline.getTime() + 1)) > beijingDate(deadline)).toBe(true);
        if (n > 0) expect(isWorkingDay(deadline, nationalDay)).toBe(true);
      }),
    );
  });
});

describe('makeCalendar', () => {
  it('refuses dates that are not YYYY-MM-DD or do not exist', () => {
    expect(() => makeCalendar({ holidays: ['2026-10-1'] })).toThrow(RangeError);
    expect(() => makeCalendar({ holidays: ['2026-02-30'] })).toThrow(RangeError);
    expect(() => makeCalendar({ extraWorkdays: ['2026/10/10'] })).toThrow(RangeError);
  });
});
