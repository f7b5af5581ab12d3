import { randomBytes, randomInt } from 'node:crypto';
import dgram from 'node:dgram';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { ednsOpt, queryPacket, rcodeOf, tcpExchange, udpQuery, udpRaw } from '../support/dns/client.js';
import { usePrimary } from '../support/dns/primary.js';

const t = useTestApp();
const p = usePrimary(t);

/** Random bytes, valid queries cut short or with bytes flipped, huge datagrams, odd headers. */
function fuzzPacket(i: number): Buffer {
  const valid = queryPacket(`x${i}.xn--zfr164b`, ['A', 'AXFR', 'IXFR', 'TXT', 'ANY'][i % 5] as string, i % 3 === 0 ? { additionals: [ednsOpt(randomInt(0, 65536))] } : {});
  switch (i % 6) {
    case 0:
      return randomBytes(randomInt(0, 600));
    case 1:
      return valid.subarray(0, randomInt(0, valid.length));
    case 2: {
      const b = Buffer.from(valid);
      for (let k = 0; k < 4; k++) b[randomInt(0, b.length)] = randomInt(0, 256);
      return b;
    }
    case 3:
      return Buffer.concat([valid.subarray(0, 12), randomBytes(randomInt(0, 2000))]);
    case 4:
      return i % 100 === 4 ? randomBytes(60_000) : Buffer.concat([valid, randomBytes(randomInt(1, 3000))]);
    default: {
      const b = Buffer.from(valid);
      b.writeUInt16BE(randomInt(0, 65536), 2); // any flags: responses, opcodes, rcodes
      b.writeUInt16BE(randomInt(0, 4), 4); // qdcount 0..3
      return b;
    }
  }
}

describe('the hidden primary under bad input', () => {
  it('survives 2000 random, truncated and oversized UDP packets and still answers', async () => {
    const s = dgram.createSocket('udp4');
    let replies = 0;
    s.on('message', () => replies++);
    // In batches, each followed by a valid query: UDP drops what overflows the socket buffer,
    // and the probe's answer shows the server read (and survived) the batch before it.
    for (let batch = 0; batch < 80; batch++) {
      for (let i = batch * 25; i < (batch + 1) * 25; i++) {
        await new Promise<void>((resolve) => s.send(fuzzPacket(i), p.server.port, '127.0.0.1', () => resolve()));
      }
      const probe = await udpQuery(p.server.port, queryPacket('xn--zfr164b', 'SOA'));
      expect(rcodeOf(probe)).toBe(0);
    }
    await new Promise((r) => setTimeout(r, 100));
    s.close();
    // Random headers with QR set and scraps under 12 bytes get silence; most of the rest an answer.
    expect(replies).toBeGreaterThan(1000);
    const ok = await udpQuery(p.server.port, queryPacket('xn--zfr164b', 'SOA'));
    expect(ok.answers?.[0]?.type).toBe('SOA');
  });

  it('answers FORMERR when only the header can be read, and nothing to scraps or responses', async () => {
    const header = Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 7, 0x61]);
    const formerr = await udpRaw(p.server.port, header);
    expect(formerr.readUInt16BE(0)).toBe(0x1234);
    expect(formerr.readUInt16BE(2) & 0x800f).toBe(0x8001);
    await expect(udpRaw(p.server.port, Buffer.from([1, 2, 3]), 300)).rejects.toThrow('timeout');
    const response = Buffer.from(queryPacket('xn--zfr164b', 'A'));
    response[2] = (response[2] ?? 0) | 0x80;
    await expect(udpRaw(p.server.port, response, 300)).rejects.toThrow('timeout');
  });

  it('refuses other classes, rejects two questions, NOTIMP for other opcodes', async () => {
    const ch = queryPacket('version.bind', 'TXT');
    ch.writeUInt16BE(3, ch.length - 2); // class CH
    expect(rcodeOf(await udpQuery(p.server.port, ch))).toBe(5);
    const two = queryPacket('a.xn--zfr164b', 'A', { questions: [{ name: 'a.xn--zfr164b', type: 'A' }, { name: 'b.xn--zfr164b', type: 'A' }] });
    expect(rcodeOf(await udpQuery(p.server.port, two))).toBe(1);
    const update = queryPacket('xn--zfr164b', 'SOA', { flags: 5 << 11 });
    expect(rcodeOf(await udpQuery(p.server.port, update))).toBe(4);
  });

  it('survives TCP garbage and half frames, and keeps serving other connections', async () => {
    for (const junk of [randomBytes(5000), Buffer.from([0xff, 0xff, 1, 2, 3]), Buffer.from([0, 3, 1, 2, 3]), Buffer.from([0])]) {
      const s = net.connect(p.server.port, '127.0.0.1');
      await new Promise<void>((resolve) => s.on('connect', () => s.write(junk, () => resolve())));
      s.on('error', () => undefined);
      s.destroy();
    }
    const [answer] = await tcpExchange(p.server.port, [queryPacket('xn--55qw42g', 'SOA')]);
    expect(answer?.answers?.[0]?.type).toBe('SOA');
  });
});
