import { createHash } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { tableRowValues, type CatalogTable } from '../../db/backup/catalog.js';
import { BackupRefused } from '../../domain/backup/errors.js';
import type { BackupHeader, BackupTrailer } from '../../domain/backup/format.js';
import { verifyChain } from '../audit/chain.js';

/**
 * Inside the load transaction, before it commits: every table read back the way a backup reads it
 * must give the manifest's count and SHA-256 (nothing lost or altered on the way in: types, time
 * zones, lengths), and the audit chain must verify exactly as it did in the backup's snapshot.
 */
export async function checkRestoredData(tx: Db, header: BackupHeader, trailer: BackupTrailer, tables: Map<string, CatalogTable>): Promise<void> {
  for (const t of header.tables) {
    const hash = createHash('sha256');
    let rows = 0;
    for await (const batch of tableRowValues(tx, tables.get(t.name)!, t.columns.map((c) => c.name))) {
      for (const row of batch) hash.update(JSON.stringify(row) + '\n');
      rows += batch.length;
    }
    const expected = trailer.tables[t.name]!;
    const sha256 = hash.digest('hex');
    if (rows !== expected.rows || sha256 !== expected.sha256)
      throw new BackupRefused('BACKUP_VERIFY_FAILED', `恢复后表 ${t.name} 读回的数据与备份清单不符（${rows}/${expected.rows} 行）：已全部撤销`, { table: t.name });
  }
  const chain = await verifyChain(tx);
  const a = trailer.auditChain;
  if (chain.ok !== a.ok || chain.checked !== a.checked || chain.head.id !== a.headId || chain.head.hash !== a.headHash)
    throw new BackupRefused(
      'BACKUP_AUDIT_CHAIN_MISMATCH',
      `恢复后的审计日志哈希链与备份时不同（备份时 ${a.ok ? '完整' : '已断开'}、${a.checked} 条、链头 ${a.headHash.slice(0, 12)}…；现在 ${chain.ok ? '完整' : '已断开'}、${chain.checked} 条、链头 ${chain.head.hash.slice(0, 12)}…）：已全部撤销`,
    );
}
