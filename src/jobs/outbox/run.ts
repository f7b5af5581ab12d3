import { sendOverdueReminders } from '../../app/applications/overdue-reminders.js';
import type { AppContext } from '../../app/context.js';
import type { Config } from '../../config.js';
import { createSenders } from './senders.js';
import { OutboxWorker, type WorkerLog } from './worker.js';

const hour = 3_600_000;

/**
 * The background work of a process: the outbox worker, and once an hour the overdue reminders.
 * `npm start` runs it inside the server; `zhengming worker` runs it alone (several may run
 * against one PostgreSQL).
 */
export function startBackgroundWork(config: Config, app: AppContext, log: WorkerLog): { stop(): Promise<void> } {
  const senders = createSenders(config);
  const pauseAt = process.env['OUTBOX_TEST_PAUSE_AT'];
  const worker = new OutboxWorker({
    app,
    email: senders.email,
    sms: senders.sms,
    policy: config.outbox,
    consoleUrl: config.consoleUrl,
    log,
    // Only for the crash tests: hold between claim/send and record so a test can SIGKILL there.
    ...(pauseAt === 'claim' || pauseAt === 'send' ? { pause: { at: pauseAt, ms: Number(process.env['OUTBOX_TEST_PAUSE_MS'] ?? '5000') } } : {}),
  });
  const running = worker.start();
  const remind = () =>
    sendOverdueReminders(app).catch((err: unknown) => {
      log.error({ err }, 'overdue reminders failed');
      return 0;
    });
  void remind();
  const timer = setInterval(() => void remind(), hour);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running.stop();
      senders.email.close?.();
    },
  };
}
