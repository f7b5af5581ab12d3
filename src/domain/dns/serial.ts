/**
 * SOA serials in the common YYYYMMDDnn style. Secondaries compare serials with RFC 1982 serial
 * number arithmetic (modulo 2^32: `a` is greater than `b` when (a - b) mod 2^32 is in 1..2^31-1),
 * so what must hold is that every new serial is greater than the previous one in that sense.
 *
 * - The first change of a day (China Standard Time, UTC+8 without DST) takes YYYYMMDD00.
 * - Any further change takes current + 1, so the 101st change of a day spills into the next
 *   day's numbers; that is fine, the next day then continues from current + 1 too.
 * - current + 1 wraps from 4294967295 to 0, which RFC 1982 defines as an increase.
 * - The date form is taken only if it is greater than `current` in RFC 1982 terms. After a
 *   wrap (or with a configured serial above 2^31 + YYYYMMDD00) the date form can be greater
 *   in RFC 1982 terms although numerically smaller; that is how RFC 1982 intends a reset.
 * - A clock that goes backwards, or an invalid date, never lowers the serial.
 */

const MOD = 2 ** 32;
const HALF = 2 ** 31;
const chinaOffsetMs = 8 * 60 * 60 * 1000;

export function isSerial(n: number): boolean {
  return Number.isInteger(n) && n >= 0 && n < MOD;
}

/** RFC 1982 §3.2: whether serial `a` is greater than serial `b`. */
export function serialGreaterThan(a: number, b: number): boolean {
  const d = (((a - b) % MOD) + MOD) % MOD;
  return d > 0 && d < HALF;
}

/** YYYYMMDD00 for the date of `now` in China, or NaN for an invalid date. */
export function dateSerial(now: Date): number {
  const t = now.getTime();
  if (!Number.isFinite(t)) return Number.NaN;
  const d = new Date(t + chinaOffsetMs);
  return (d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate()) * 100;
}

/** @throws RangeError when `current` is not a 32-bit unsigned serial. */
export function nextSerial(current: number, now: Date): number {
  if (!isSerial(current)) throw new RangeError(`SOA serial out of range: ${current}`);
  const candidate = dateSerial(now);
  if (isSerial(candidate) && serialGreaterThan(candidate, current)) return candidate;
  return (current + 1) % MOD;
}
