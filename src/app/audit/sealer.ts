import type { Db } from '../../db/client.js';
import { chainTail, lockAuditChain, sealAuditEvents, tryLockAuditChain, unsealedPage } from '../../db/repositories/audit.js';
import { auditEventHash, genesisHash } from '../../domain/audit/chain.js';
import type { Logger } from '../context.js';

const batchSize = 2000;

/**
 * Chains every committed unsealed event, oldest id first, after the chain's newest sealed event:
 * each gets the next place (`chain_seq`), `prev_hash` and its SM3 hash. Loops until nothing
 * unsealed is left. The caller holds the chain lock, so there is one sealer at a time and the
 * chain cannot fork.
 */
async function sealPendingLocked(tx: Db): Promise<number> {
  let sealed = 0;
  for (;;) {
    const rows = await unsealedPage(tx, batchSize);
    if (rows.length === 0) return sealed;
    const tail = await chainTail(tx);
    let prev = tail.hash ?? genesisHash;
    let place = tail.place;
    const seals = rows.map((r) => {
      const hash = auditEventHash(r, prev);
      place += 1;
      const seal = { id: r.id, chainSeq: place, prevHash: prev, hash };
      prev = hash;
      return seal;
    });
    await sealAuditEvents(tx, seals);
    sealed += seals.length;
  }
}

/**
 * Seals what is waiting, waiting for the chain lock if another process holds it: after every
 * migration (events from before the chain existed), before archiving and verifying, in tests.
 */
export function sealAuditChain(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    await lockAuditChain(tx);
    return sealPendingLocked(tx);
  });
}

/** Seals what is waiting unless another sealer is at work (null): that one loops until nothing is left. */
export function trySealAuditChain(db: Db): Promise<number | null> {
  return db.transaction(async (tx) => ((await tryLockAuditChain(tx)) ? sealPendingLocked(tx) : null));
}

/**
 * A process's background sealer. Audited transactions do not wait for the chain (writers used to
 * take one lock each, held to commit, so every decision and login in the system formed one line):
 * after an audited transaction commits, the process nudges its sealer, which seals in its own
 * transaction while the response goes out. Runs start at most every `spacingMs` and nudges in
 * between are folded into the next run, so under load one run seals many events (a run is seven
 * round trips whatever it seals); an event is chained within about that long after its commit.
 * A run that finds another process sealing leaves the work to it, and the worker's sweep (every
 * second) seals whatever such a race left behind. Errors are logged, never thrown at a caller.
 */
export class AuditSealer {
  private running: Promise<void> | null = null;
  private again = false;
  private lastStart = 0;

  constructor(
    private readonly db: Db,
    private readonly log: Pick<Logger, 'warn'>,
    private readonly spacingMs = 100,
  ) {}

  nudge(): void {
    if (this.running !== null) {
      this.again = true;
      return;
    }
    this.running = this.run().finally(() => {
      this.running = null;
    });
  }

  /** Resolves once the current run (if any) is over: for shutdown and for tests. */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  /** Nudges every `ms` (the worker's sweep); returns the function that stops it. */
  sweepEvery(ms: number): () => void {
    const timer = setInterval(() => this.nudge(), ms);
    timer.unref();
    return () => clearInterval(timer);
  }

  private async run(): Promise<void> {
    do {
      const wait = this.lastStart + this.spacingMs - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      this.again = false;
      this.lastStart = Date.now();
      try {
        await trySealAuditChain(this.db);
      } catch (err) {
        this.log.warn({ err: err instanceof Error ? ((err.cause as Error | undefined)?.message ?? err.message) : String(err) }, 'audit chain sealing failed (the next nudge or sweep retries)');
      }
    } while (this.again);
  }
}

const sealers = new WeakMap<Db, AuditSealer>();
const stderrLog: Pick<Logger, 'warn'> = { warn: (obj, msg) => console.warn(msg ?? '', JSON.stringify(obj)) };

/** The one sealer of a database handle (the process's pool, or a PGlite). */
export function auditSealerFor(db: Db, log: Pick<Logger, 'warn'> = stderrLog): AuditSealer {
  let s = sealers.get(db);
  if (s === undefined) {
    s = new AuditSealer(db, log);
    sealers.set(db, s);
  }
  return s;
}
