import { writeFile } from 'node:fs/promises';
import { exportZone } from '../app/dns/zone-export.js';
import type { Config } from '../config.js';
import { consoleLog, openRuntime } from './runtime.js';

/** `zhengming zone export --tld 政务 [--out FILE]`: the zone as the hidden primary publishes it. */
export async function zoneExport(config: Config, tld: '政务' | '公益', out: string | undefined): Promise<number> {
  const { database, app } = await openRuntime(config, consoleLog, { personalData: false });
  try {
    const text = await exportZone(app.db, tld, { ...config.zone, edge: config.edge });
    if (out === undefined) process.stdout.write(text);
    else await writeFile(out, text);
    return 0;
  } finally {
    await database.close();
  }
}
