import { createHash } from 'node:crypto';

/**
 * The audit log's hash chain (等保 安全审计: records protected against modification and deletion;
 * GB/T 39786 integrity with SM3). Every event stores the previous event's hash and
 * `hash = SM3(canonical content ‖ prev_hash)`: changing an event breaks its own hash, deleting one
 * breaks the next event's link, and the first event links to `genesisHash`.
 */
export const genesisHash = '0'.repeat(64);

/** What an event's hash covers: every stored column, as the database gives it back. */
export interface AuditContent {
  id: number;
  at: Date;
  actorId: string | null;
  actorUsername: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  result: string;
  ip: string | null;
  userAgent: string | null;
  /** `details` as PostgreSQL prints the jsonb value (`details::text`): keys sorted, one spelling. */
  detailsText: string;
}

export const sm3Hex = (data: string): string => createHash('sm3').update(data, 'utf8').digest('hex');

/** The exact bytes hashed: a JSON array, so no field can run into the next one. */
export function canonicalAuditContent(c: AuditContent, prevHash: string): string {
  return JSON.stringify([
    'zm-audit-v1',
    c.id,
    c.at.toISOString(),
    c.actorId?.toLowerCase() ?? null,
    c.actorUsername,
    c.action,
    c.targetType,
    c.targetId,
    c.result,
    c.ip,
    c.userAgent,
    c.detailsText,
    prevHash,
  ]);
}

export const auditEventHash = (c: AuditContent, prevHash: string): string => sm3Hex(canonicalAuditContent(c, prevHash));

export interface ChainedRow extends AuditContent {
  prevHash: string | null;
  hash: string | null;
}

/**
 * The first link that does not hold:
 * - `modified`: the event's content (or its stored hash) changed: recomputed ≠ stored hash;
 * - `gap`: the event does not link to the one before it (an event was deleted, inserted or
 *   reordered): its `prev_hash` ≠ the previous event's hash;
 * - `unsealed`: the event has no hash at all;
 * - `anchor`: the archive's recorded last hash does not match the archived events;
 * - `witness`: an event's hash differs from the one written down outside the database (or the
 *   event is gone): the whole chain was rewritten and rehashed from there on.
 */
export interface ChainBreak {
  kind: 'modified' | 'gap' | 'unsealed' | 'anchor' | 'witness';
  id: number;
  at: string;
  /** The event before, as the chain saw it (null at the start of the chain). */
  previousId: number | null;
  expected: string;
  stored: string | null;
}

/**
 * A head hash written down outside the database (the daily `audit verify`'s output in the system
 * journal, a register on paper): the chain alone cannot show that someone with write access
 * rewrote every event and rehashed the chain; an older head that no longer matches does.
 */
export interface ChainWitness {
  id: number;
  hash: string;
}

/** `ID:HASH` as `audit verify` prints the head (64 lowercase hex digits), or null. */
export function parseWitness(text: string): ChainWitness | null {
  const m = /^(\d{1,18}):([0-9a-f]{64})$/.exec(text.trim().toLowerCase());
  return m === null ? null : { id: Number(m[1]), hash: m[2]! };
}

/** Walks events in chain order and stops believing at the first broken link. */
export class ChainVerifier {
  private prev: string;
  private prevId: number | null = null;
  private readonly witnesses: Map<number, string>;
  checked = 0;
  broken: ChainBreak | null = null;

  constructor(start: string = genesisHash, witnesses: readonly ChainWitness[] = []) {
    this.prev = start;
    this.witnesses = new Map(witnesses.map((w) => [w.id, w.hash]));
  }

  get head(): { id: number | null; hash: string } {
    return { id: this.prevId, hash: this.prev };
  }

  /** Checks one event; returns false once the chain is broken (later events are not judged). */
  push(row: ChainedRow): boolean {
    if (this.broken !== null) return false;
    const at = row.at.toISOString();
    const fail = (kind: ChainBreak['kind'], expected: string, stored: string | null) => {
      this.broken = { kind, id: row.id, at, previousId: this.prevId, expected, stored };
      return false;
    };
    if (row.hash === null || row.prevHash === null) return fail('unsealed', auditEventHash(row, this.prev), row.hash);
    if (row.prevHash !== this.prev) return fail('gap', this.prev, row.prevHash);
    const expected = auditEventHash(row, row.prevHash);
    if (expected !== row.hash) return fail('modified', expected, row.hash);
    const witnessed = this.witnesses.get(row.id);
    if (witnessed !== undefined) {
      if (witnessed !== row.hash) return fail('witness', witnessed, row.hash);
      this.witnesses.delete(row.id);
    }
    this.prev = row.hash;
    this.prevId = row.id;
    this.checked += 1;
    return true;
  }

  /** After the last event: a witnessed event the walk never met is gone (checked once the chain held). */
  finish(): boolean {
    if (this.broken !== null) return false;
    const [missing] = [...this.witnesses].sort((a, b) => a[0] - b[0]);
    if (missing === undefined) return true;
    this.broken = { kind: 'witness', id: missing[0], at: '', previousId: null, expected: missing[1], stored: null };
    return false;
  }

  /** At the archive boundary: the anchor recorded when archiving must be the chain's head there. */
  checkAnchor(anchor: { lastId: number; lastHash: string; at: Date } | null): boolean {
    if (this.broken !== null || anchor === null) return this.broken === null;
    if (anchor.lastHash !== this.prev || anchor.lastId !== (this.prevId ?? anchor.lastId)) {
      this.broken = { kind: 'anchor', id: anchor.lastId, at: anchor.at.toISOString(), previousId: this.prevId, expected: this.prev, stored: anchor.lastHash };
      return false;
    }
    return true;
  }
}
