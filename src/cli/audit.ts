import { archiveAuditEvents, verifyChain, type ChainReport } from '../app/audit/chain.js';
import type { Config } from '../config.js';
import { consoleLog, openRuntime } from './runtime.js';

const kindLabel = {
  modified: '内容被修改 (content changed: recomputed hash ≠ stored hash)',
  gap: '链断开 (gap: prev_hash ≠ hash of the event before — deleted, inserted or reordered)',
  unsealed: '缺少哈希 (no hash)',
  anchor: '归档锚点不符 (archive anchor ≠ hash of the last archived event)',
} as const;

export function describeReport(r: ChainReport): string {
  const lines = [
    `审计日志完整性校验 audit chain: ${r.ok ? '完整 OK' : '已被破坏 BROKEN'}`,
    `  events checked: ${r.checked} (archived ${r.archived}, live ${r.live})`,
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

/**
 * `zhengming audit verify [--json]`: recomputes the SM3 chain over the archive and the live table;
 * exit 0 when intact, 1 at the first broken link. On the embedded database, stop the server first
 * (one process per DATA_DIR), or use 校验 on the console's 审计日志 page.
 */
export async function auditVerify(config: Config, json: boolean): Promise<number> {
  const { database } = await openRuntime(config, consoleLog, { personalData: false });
  try {
    const report = await verifyChain(database.db);
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
