import { describe, expect, it } from 'vitest';
import { base32Decode, base32Encode, hotp, otpauthUri, secondFactorRequired, totpCode, totpStep, verifyTotp } from './totp.js';

// RFC 6238 Appendix B: the published times and 8-digit values for each algorithm and its seed.
const seeds = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
};
const vectors: [number, string, string, string][] = [
  [59, '94287082', '46119246', '90693936'],
  [1111111109, '07081804', '68084774', '25091201'],
  [1111111111, '14050471', '67062674', '99943326'],
  [1234567890, '89005924', '91819424', '93441116'],
  [2000000000, '69279037', '90698825', '38618901'],
  [20000000000, '65353130', '77737706', '47863826'],
];

describe('TOTP (RFC 6238)', () => {
  it.each(vectors)('T=%i gives the published 8-digit values', (t, sha1, sha256, sha512) => {
    const at = new Date(t * 1000);
    expect(totpCode(seeds.sha1, at, { digits: 8 })).toBe(sha1);
    expect(totpCode(seeds.sha256, at, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
    expect(totpCode(seeds.sha512, at, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
  });

  it('RFC 4226 HOTP values for counters 0 and 9', () => {
    expect(hotp(seeds.sha1, 0)).toBe('755224');
    expect(hotp(seeds.sha1, 9)).toBe('520489');
  });

  it('base32 round-trips and matches RFC 4648', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Encode(seeds.sha1)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')?.equals(seeds.sha1)).toBe(true);
    expect(base32Decode('MZXW6YTBOI======')?.toString()).toBe('foobar');
    expect(base32Decode('1NVALID')).toBeNull();
  });

  const secret = base32Encode(seeds.sha1);
  const now = new Date(1_700_000_015_000);
  const step = totpStep(now);
  const codeAt = (offsetSteps: number) => hotp(seeds.sha1, step + offsetSteps);

  it('accepts the current step and one either side, not two', () => {
    expect(verifyTotp(secret, codeAt(0), now, null)).toEqual({ ok: true, step });
    expect(verifyTotp(secret, codeAt(-1), now, null)).toEqual({ ok: true, step: step - 1 });
    expect(verifyTotp(secret, codeAt(1), now, null)).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(secret, codeAt(-2), now, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(verifyTotp(secret, codeAt(2), now, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('a code works once: its step and every earlier one are spent', () => {
    expect(verifyTotp(secret, codeAt(0), now, step)).toEqual({ ok: false, reason: 'reused' });
    expect(verifyTotp(secret, codeAt(-1), now, step)).toEqual({ ok: false, reason: 'reused' });
    expect(verifyTotp(secret, codeAt(1), now, step)).toEqual({ ok: true, step: step + 1 });
    expect(verifyTotp(secret, codeAt(0), now, step - 1)).toEqual({ ok: true, step });
  });

  it('refuses malformed codes', () => {
    expect(verifyTotp(secret, '12345', now, null)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyTotp(secret, 'abcdef', now, null)).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyTotp(secret, `${codeAt(0).slice(0, 3)} ${codeAt(0).slice(3)}`, now, null).ok).toBe(true);
  });

  it('otpauth URI and who must have a second factor', () => {
    expect(otpauthUri('正名', 'bb.330000', 'ABC')).toBe(
      'otpauth://totp/%E6%AD%A3%E5%90%8D:bb.330000?secret=ABC&issuer=%E6%AD%A3%E5%90%8D&algorithm=SHA1&digits=6&period=30',
    );
    expect(secondFactorRequired('handler')).toBe(false);
    for (const r of ['office_reviewer', 'center_reviewer', 'admin', 'auditor'] as const) expect(secondFactorRequired(r)).toBe(true);
  });
});
