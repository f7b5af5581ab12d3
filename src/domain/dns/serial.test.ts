import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dateSerial, nextSerial, serialGreaterThan } from './serial.js';

const at = (iso: string) => new Date(iso);

describe('nextSerial', () => {
  it('takes YYYYMMDD00 for the first change of a day (China time)', () => {
    expect(nextSerial(2025061407, at('2025-06-15T01:00:00+08:00'))).toBe(2025061500);
    expect(nextSerial(2025061407, at('2025-06-14T16:30:00Z'))).toBe(2025061500); // 00:30 in Beijing
    expect(dateSerial(at('2025-06-14T15:59:59Z'))).toBe(2025061400);
  });

  it('counts up within a day and spills past nn = 99 instead of repeating', () => {
    const day = at('2025-06-15T10:00:00+08:00');
    let serial = nextSerial(1, day);
    for (let i = 0; i < 150; i++) serial = nextSerial(serial, day);
    expect(serial).toBe(2025061650);
    expect(nextSerial(serial, at('2025-06-16T10:00:00+08:00'))).toBe(2025061651);
    expect(nextSerial(serial, at('2025-06-17T10:00:00+08:00'))).toBe(2025061700);
  });

  it('never goes back when the clock does, or the date is invalid', () => {
    expect(nextSerial(2025061500, at('2024-01-01T00:00:00Z'))).toBe(2025061501);
    expect(nextSerial(2025061500, new Date(Number.NaN))).toBe(2025061501);
    expect(nextSerial(5, at('+275760-09-13T00:00:00Z'))).toBe(6); // the date form would not fit 32 bits
  });

  it('wraps from 2^32 - 1 to 0, an increase in RFC 1982 terms', () => {
    expect(nextSerial(4294967295, new Date(Number.NaN))).toBe(0);
    expect(nextSerial(4294967295, at('2200-01-01T00:00:00Z'))).toBe(0); // 2200010100 is not ahead of it
    expect(serialGreaterThan(0, 4294967295)).toBe(true);
  });

  it('takes the date form after a wrap when RFC 1982 sees it as an increase', () => {
    expect(nextSerial(4200000000, at('2025-06-15T12:00:00+08:00'))).toBe(2025061500);
    expect(nextSerial(3000000000, at('2025-06-15T12:00:00+08:00'))).toBe(3000000001);
  });

  it('refuses a current serial outside 32 bits', () => {
    for (const bad of [-1, 2 ** 32, 1.5, Number.NaN]) expect(() => nextSerial(bad, new Date())).toThrow(RangeError);
  });

  it('property: any sequence of calls strictly increases (RFC 1982, and numerically before a wrap)', () => {
    const date = fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2999-12-31T00:00:00Z'), noInvalidDate: false });
    fc.assert(
      fc.property(fc.nat({ max: 2 ** 32 - 1 }), fc.array(date, { maxLength: 300 }), (start, dates) => {
        let serial = start;
        for (const d of dates) {
          const next = nextSerial(serial, d);
          expect(serialGreaterThan(next, serial)).toBe(true);
          if (serial < 2 ** 31) expect(next).toBeGreaterThan(serial);
          serial = next;
        }
      }),
    );
  });
});

describe('serialGreaterThan', () => {
  it('follows RFC 1982 §3.2', () => {
    expect(serialGreaterThan(2, 1)).toBe(true);
    expect(serialGreaterThan(1, 2)).toBe(false);
    expect(serialGreaterThan(1, 1)).toBe(false);
    expect(serialGreaterThan(5, 2 ** 32 - 5)).toBe(true);
    expect(serialGreaterThan(2 ** 31, 0)).toBe(false); // undefined in RFC 1982: never treated as an increase
    expect(serialGreaterThan(2 ** 31 - 1, 0)).toBe(true);
  });
});
