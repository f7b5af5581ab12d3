import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface SmtpInbox {
  port: number;
  messages: ParsedMail[];
  close(): Promise<void>;
  /** Starts again on the same port (after `close`), for "the server is back" tests. */
  restart(): Promise<void>;
  waitFor(n: number, timeoutMs?: number): Promise<void>;
}

/** A real SMTP server on loopback that parses what it receives. `reject` answers 550 for those recipients. */
export async function startSmtpInbox(o: { reject?: string[]; port?: number } = {}): Promise<SmtpInbox> {
  const messages: ParsedMail[] = [];
  const make = () =>
    new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS', 'AUTH'],
      logger: false,
      onRcptTo(address, _session, cb) {
        if (o.reject?.includes(address.address)) {
          const err = Object.assign(new Error('mailbox unavailable'), { responseCode: 550 });
          cb(err);
          return;
        }
        cb();
      },
      onData(stream, _session, cb) {
        simpleParser(stream)
          .then((mail) => {
            messages.push(mail);
            cb();
          })
          .catch((e: Error) => cb(e));
      },
    });
  let server = make();
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        const addr = server.server.address();
        resolve(typeof addr === 'object' && addr !== null ? addr.port : port);
      });
    });
  const port = await listen(o.port ?? 0);
  return {
    port,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
    restart: async () => {
      server = make();
      await listen(port);
    },
    waitFor: async (n, timeoutMs = 15_000) => {
      const until = Date.now() + timeoutMs;
      while (messages.length < n) {
        if (Date.now() > until) throw new Error(`expected ${n} mails, got ${messages.length}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}
