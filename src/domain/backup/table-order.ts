import { BackupRefused } from './errors.js';

export interface TableLinks {
  name: string;
  /** Tables this one's foreign keys point to. */
  references: string[];
}

/**
 * The tables in an order where every foreign key points to a table that comes earlier, so rows can
 * be loaded table by table inside one transaction (the constraints are not deferrable). Ties are
 * broken by name, so the order — and with it a backup's bytes — does not depend on catalog order.
 * A table that references itself, or a cycle, cannot be loaded that way: refused loudly.
 */
export function foreignKeyOrder(tables: TableLinks[]): string[] {
  const names = new Set(tables.map((t) => t.name));
  const pending = new Map<string, Set<string>>();
  for (const t of tables) {
    const refs = new Set<string>();
    for (const r of t.references) {
      if (r === t.name) throw new BackupRefused('BACKUP_SCHEMA_MISMATCH', `表 ${t.name} 的外键引用自身，无法按外键顺序备份与恢复`);
      if (!names.has(r)) throw new BackupRefused('BACKUP_UNKNOWN_TABLE', `表 ${t.name} 的外键引用了不在备份范围内的表 ${r}`);
      refs.add(r);
    }
    pending.set(t.name, refs);
  }
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter(([, refs]) => refs.size === 0).map(([name]) => name).sort();
    if (ready.length === 0) throw new BackupRefused('BACKUP_SCHEMA_MISMATCH', `外键循环引用，无法确定恢复顺序：${[...pending.keys()].sort().join(', ')}`);
    for (const name of ready) {
      order.push(name);
      pending.delete(name);
    }
    for (const refs of pending.values()) for (const name of ready) refs.delete(name);
  }
  return order;
}
