import { encode } from 'dns-packet';
import { describe, expect, it } from 'vitest';
import { ResponseSigner, TsigError, findTsig, parseTsigKey, signRequest, verifyRequest, verifyResponse } from './tsig.js';

const key = parseTsigKey('zhengming-xfr:hmac-sha256:' + Buffer.alloc(32, 7).toString('base64'));
const other = parseTsigKey('other-key:hmac-sha256:' + Buffer.alloc(32, 9).toString('base64'));
const query = () => encode({ id: 4242, type: 'query', questions: [{ name: 'xn--zfr164b', type: 'AXFR' }] });
const now = 1_800_000_000;

describe('TSIG (HMAC-SHA256)', () => {
  it('parses the key setting and rejects bad ones', () => {
    expect(key).toMatchObject({ name: 'zhengming-xfr', algorithm: 'hmac-sha256' });
    expect(() => parseTsigKey('k:hmac-md5:' + Buffer.alloc(32).toString('base64'))).toThrow(/hmac-sha256/);
    expect(() => parseTsigKey('k:hmac-sha256:c2hvcnQ=')).toThrow(/16 bytes/);
    expect(() => parseTsigKey('no-colons')).toThrow();
  });

  it('verifies what it signs, and names what is wrong otherwise', () => {
    const { message } = signRequest(query(), key, now);
    expect(findTsig(message)).toMatchObject({ keyName: 'zhengming-xfr', algorithm: 'hmac-sha256', originalId: 4242, error: 0 });
    expect(verifyRequest(message, [other, key], now + 10)).toMatchObject({ status: 'ok', key: { name: 'zhengming-xfr' } });
    expect(verifyRequest(query(), [key], now)).toEqual({ status: 'unsigned' });
    expect(verifyRequest(message, [other], now)).toMatchObject({ status: 'error', error: TsigError.BADKEY });
    const tampered = Buffer.from(message);
    tampered[13] = (tampered[13] ?? 0) ^ 1; // a byte of the question name
    expect(verifyRequest(tampered, [key], now)).toMatchObject({ status: 'error', error: TsigError.BADSIG });
    expect(verifyRequest(message, [key], now + 301)).toMatchObject({ status: 'error', error: TsigError.BADTIME });
  });

  it('chains the MACs of a multi-message response', () => {
    const { message, mac } = signRequest(query(), key, now);
    const signer = new ResponseSigner(key, mac, () => now);
    const response = (n: number) => encode({ id: 4242, type: 'response', answers: [{ name: `d${n}.xn--zfr164b`, type: 'A', data: '192.0.2.1' }] });
    const first = signer.sign(response(1));
    const second = signer.sign(response(2));
    expect(verifyResponse(first, key, mac)).toBe(true);
    expect(verifyResponse(first, key, Buffer.alloc(32))).toBe(false);
    // The second message is chained to the first's MAC with the timers only: not a standalone signature.
    expect(verifyResponse(second, key, mac)).toBe(false);
    expect(findTsig(second)?.mac).not.toEqual(findTsig(first)?.mac);
    expect(verifyRequest(message, [key], now).status).toBe('ok');
  });

  it('signs a message given as parts exactly as the joined message, without writing into the parts', () => {
    const { mac } = signRequest(query(), key, now);
    const whole = new ResponseSigner(key, mac, () => now);
    const inParts = new ResponseSigner(key, mac, () => now);
    for (let n = 1; n <= 3; n++) {
      const m = encode({ id: 4242, type: 'response', answers: [{ name: `d${n}.xn--zfr164b`, type: 'A', data: '192.0.2.1' }] });
      const parts = [m.subarray(0, 12), m.subarray(12, 20), m.subarray(20)];
      const before = Buffer.from(m);
      const signedParts = inParts.signParts(parts);
      expect(Buffer.concat(signedParts)).toEqual(whole.sign(m));
      expect(m).toEqual(before); // the header's ARCOUNT is written into a copy
    }
    expect(() => inParts.signParts([Buffer.alloc(4)])).toThrow(/header/);
  });
});
