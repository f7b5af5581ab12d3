import { sendOverdueReminders } from '../../app/applications/overdue-reminders.js';
import { archiveAuditEvents } from '../../app/audit/chain.js';
import { auditSealerFor } from '../../app/audit/sealer.js';
import { runPatrolRound } from '../../app/sitecheck/patrol.js';
import type { AppContext } from '../../app/context.js';
import type { Config } from '../../config.js';
import { createSenders } from './senders.js';
import { OutboxWorker, type WorkerLog } from './worker.js';

const hour = 3_600_000;

/**
 * The background work of a process: the outbox worker, every second the audit chain's sealing
 * sweep, once an hour the overdue reminders and the audit log's archiving (AUDIT_RETENTION_DAYS), and
 * every SITECHECK_PATROL_POLL_SECONDS a round of the website patrol (巡检).
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
  // Audit retention (AUDIT_RETENTION_DAYS): older events move to the archive, hourly with the reminders.
  const archive = () =>
    archiveAuditEvents(app, config.auditRetentionDays, { ip: null, userAgent: 'worker' }).catch((err: unknown) => {
      log.error({ err }, 'audit archiving failed');
    });
  void remind();
  void archive();
  const timer = setInterval(() => {
    void remind();
    void archive();
  }, hour);
  timer.unref();
  const patrol = startPatrol(config, app, log);
  // Audit events whose process did not seal them (a race with another sealer, a crash after the
  // commit, a read that audits) are chained within a second.
  const sealer = auditSealerFor(app.db, { warn: (obj, msg) => log.error(obj, msg ?? 'audit chain sealing failed') });
  const stopSweep = sealer.sweepEvery(1000);
  return {
    stop: async () => {
      stopSweep();
      await sealer.idle();
      clearInterval(timer);
      await patrol.stop();
      await running.stop();
      senders.email.close?.();
    },
  };
}

/** Patrol rounds one after another, every poll interval; a round in progress is finished on stop. */
function startPatrol(config: Config, app: AppContext, log: WorkerLog): { stop(): Promise<void> } {
  const p = config.siteCheck.patrol;
  if (p.intervalMs <= 0 || app.siteChecker === undefined) return { stop: async () => undefined };
  const policy = { intervalMs: p.intervalMs, failuresToNotify: p.failuresToNotify, concurrency: p.concurrency, batch: p.concurrency * 10, leaseMs: 5 * 60_000 };
  let round: Promise<unknown> = Promise.resolve();
  let busy = false;
  const tick = () => {
    if (busy) return;
    busy = true;
    round = runPatrolRound(app, policy)
      .catch((err: unknown) => log.error({ err }, 'site patrol round failed'))
      .finally(() => {
        busy = false;
      });
  };
  tick();
  const timer = setInterval(tick, p.pollMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await round;
    },
  };
}
