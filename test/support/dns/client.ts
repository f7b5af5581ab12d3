/** A small DNS client for tests: dns-packet over real UDP and TCP sockets, and `kdig` when installed. */
import { execFile, spawnSync } from 'node:child_process';
import dgram from 'node:dgram';
import net from 'node:net';
import { decode, encode, type Answer, type DecodedPacket, type Packet, type Question } from 'dns-packet';

export const rcodeOf = (p: DecodedPacket): number => (p.flags ?? 0) & 0xf;

export function queryPacket(name: string, type: string, extra: Partial<Packet> = {}): Buffer {
  const question = { name, type, class: 'IN' } as Question;
  return encode({ id: Math.floor(Math.random() * 65536), type: 'query', flags: 0, questions: [question], ...extra });
}

export const ednsOpt = (udpPayloadSize = 4096): Answer => ({ name: '.', type: 'OPT', udpPayloadSize, extendedRcode: 0, ednsVersion: 0, flags: 0, flag_do: false, options: [] });

/** Sends one datagram and waits for one answer (raw bytes). */
export function udpRaw(port: number, msg: Buffer, timeoutMs = 2000): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    const timer = setTimeout(() => {
      s.close();
      reject(new Error('UDP timeout'));
    }, timeoutMs);
    s.on('message', (m) => {
      clearTimeout(timer);
      s.close();
      resolve(m);
    });
    s.send(msg, port, '127.0.0.1');
  });
}

export const udpQuery = async (port: number, msg: Buffer): Promise<DecodedPacket> => decode(await udpRaw(port, msg));

/**
 * Sends `msgs` over one TCP connection and reads framed answers until `done` says so (by
 * default one answer per message), then closes.
 */
export function tcpExchange(port: number, msgs: Buffer[], done?: (answers: DecodedPacket[]) => boolean, timeoutMs = 5000): Promise<DecodedPacket[]> {
  const finished = done ?? ((a: DecodedPacket[]) => a.length >= msgs.length);
  return new Promise((resolve, reject) => {
    const answers: DecodedPacket[] = [];
    let pending: Buffer = Buffer.alloc(0);
    const s = net.connect(port, '127.0.0.1');
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`TCP timeout after ${answers.length} answers`));
    }, timeoutMs);
    s.on('error', reject);
    s.on('connect', () => {
      for (const m of msgs) {
        const frame = Buffer.alloc(2 + m.length);
        frame.writeUInt16BE(m.length, 0);
        m.copy(frame, 2);
        s.write(frame);
      }
    });
    s.on('data', (chunk: Buffer) => {
      pending = Buffer.concat([pending, chunk]);
      while (pending.length >= 2 && pending.length >= 2 + pending.readUInt16BE(0)) {
        answers.push(decode(pending.subarray(2, 2 + pending.readUInt16BE(0))));
        pending = pending.subarray(2 + pending.readUInt16BE(0));
      }
      if (finished(answers)) {
        clearTimeout(timer);
        s.destroy();
        resolve(answers);
      }
    });
  });
}

/** Whether an AXFR stream is complete: a refusal, or the SOA seen twice. */
export const axfrDone = (answers: DecodedPacket[]): boolean =>
  rcodeOf(answers[0] ?? decode(queryPacket('.', 'A'))) !== 0 || answers.flatMap((a) => a.answers ?? []).filter((r) => r.type === 'SOA').length >= 2;

/** The path of `kdig`, or null. */
export const kdigPath: string | null = spawnSync('sh', ['-c', 'command -v kdig'], { encoding: 'utf8' }).stdout.trim() || null;

/** Runs kdig asynchronously: the server under test lives in this process and must keep answering. */
export function kdig(port: number, args: string[]): Promise<{ status: number | null; stdout: string }> {
  const bin = kdigPath;
  if (bin === null) throw new Error('kdig is not installed');
  return new Promise((resolve) => {
    execFile(bin, ['@127.0.0.1', '-p', String(port), ...args], { encoding: 'utf8', timeout: 10_000 }, (err, stdout, stderr) => {
      const code = err === null ? 0 : typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : 1;
      resolve({ status: code, stdout: stdout + stderr });
    });
  });
}
