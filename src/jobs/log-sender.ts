import { claimDue, markNotification } from '../db/repositories/notifications.js';
import type { AppContext } from '../app/context.js';

interface Log {
  info(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

/**
 * Until real SMS and email delivery exists, outbox rows for those channels are written to the
 * log and marked `logged` (the in-app copy is already in the inbox). The claim uses
 * FOR UPDATE SKIP LOCKED, so several processes never log the same row twice.
 */
export async function drainToLog(app: AppContext, log: Log, batch = 50): Promise<number> {
  const rows = await claimDue(app.db, ['sms', 'email'], app.clock.now(), batch);
  for (const row of rows) {
    log.info({ notification: row.id, channel: row.channel, to: row.toAddress, subject: row.subject, body: row.body }, 'outbox message (no provider configured: logged)');
    await markNotification(app.db, row.id, { status: 'logged', sentAt: app.clock.now() });
  }
  return rows.length;
}

export function startLogSender(app: AppContext, log: Log, everyMs = 2_000): { stop(): void } {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    drainToLog(app, log)
      .catch((err: unknown) => log.error({ err }, 'outbox log sender failed'))
      .finally(() => {
        running = false;
      });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
