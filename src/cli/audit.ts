import { archiveAuditEvents, verifyChain, type ChainReport } from '../app/audit/chain.js';
import type { Config } from '../config.js';
import { parseWitness, type ChainWitness } from '../domain/audit/chain.js';
import { consoleLog, openRuntime } from './runtime.js';

const kindLabel = {
  modified: '内容被修改 (content changed: recomputed hash ≠ stored hash)',
  gap: '链断开 (gap: prev_hash ≠ hash of the event before — deleted, inserted or reordered)',
  unsealed: '缺少哈希 (no hash)',
  anchor: '归档锚点不符 (archive anchor ≠ hash of the last archived event)',
  witness: '与库外记录的哈希不符或事件已不存在 (≠ the hash written down outside the database, or the event is gone: the chain was rewritten)',
} as const;

export function describeReport(r: ChainReport): string {
  const lines = [
    `审计日志完整性校验 audit chain: ${r.ok ? '完整 OK' : '已被破坏 BROKEN'}`,
    `  events checked: ${r.checked} (archived ${r.archived}, live ${r.live})`,
    `  not sealed yet: ${r.unsealed}${r.unsealed === 0 ? '' : ' (尚未封链：已提交、等待封链的事件，不算断链 — committed, waiting for the sealer; not a break)'}`,
    `  head: id ${r.head.id ?? '-'} sm3 ${r.head.hash}`,
  ];
  if (r.anchor !== null) lines.push(`  archive anchor: id ${r.anchor.lastId} sm3 ${r.anchor.lastHash} (${r.anchor.at})`);
  if (r.broken !== null) {
    const b = r.broken;
    lines.push(
      `  first broken link: ${b.table} id ${b.id} at ${b.at} (previous event id ${b.previousId ?? '-'})`,
      `    ${kindLabel[b.kind]}`,
      `    expected ${b.expected}`,
      `    stored   ${b.stored ?? '(none)'}`,
    );
  }
  return lines.join('\n');
}

/** `--expect ID:HASH` values, or the first one that is not of that form. */
export function parseWitnesses(values: readonly string[]): { witnesses: ChainWitness[] } | { invalid: string } {
  const witnesses: ChainWitness[] = [];
  for (const v of values) {
    const w = parseWitness(v);
    if (w === null) return { invalid: v };
    witnesses.push(w);
  }
  return { witnesses };
}

/**
 * `zhengming audit verify [--json] [--expect ID:HASH …]`: recomputes the SM3 chain over the archive
 * and the live table; exit 0 when intact, 1 at the first broken link, 2 on a malformed argument.
 * Each `--expect` is a head printed by an earlier run and kept outside the database: the event must
 * still be there with that hash (a chain rewritten and rehashed as a whole fails here). On the
 * embedded database, stop the server first (one process per DATA_DIR), or use 校验 on the console.
 */
export async function auditVerify(config: Config, json: boolean, expect: readonly string[] = []): Promise<number> {
  const parsed = parseWitnesses(expect);
  if ('invalid' in parsed) {
    console.error(`--expect 须为 事件编号:SM3哈希（64位十六进制），如 audit verify 输出的 head (expected ID:HASH): ${parsed.invalid}`);
    return 2;
  }
  const { database } = await openRuntime(config, consoleLog, { personalData: false });
  try {
    const report = await verifyChain(database.db, parsed.witnesses);
    console.log(json ? JSON.stringify(report, null, 2) : describeReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await database.close();
  }
}

/** `zhengming audit archive`: moves events older than AUDIT_RETENTION_DAYS to the archive now. */
export async function auditArchive(config: Config): Promise<number> {
  const { database, app } = await openRuntime(config, consoleLog, { personalData: false });
  try {
    const r = await archiveAuditEvents(app, config.auditRetentionDays);
    console.log(
      `archived ${r.archived} audit events older than ${r.cutoff} (AUDIT_RETENTION_DAYS=${config.auditRetentionDays})` +
        (r.anchor === null ? '' : `; anchor id ${r.anchor.lastId} sm3 ${r.anchor.lastHash}`),
    );
    return 0;
  } finally {
    await database.close();
  }
}
