import { beforeAll } from 'vitest';
import { seedDemo, type DemoAccount } from '../../src/app/seed/seed-demo.js';
import type { ApiClient, TestApp } from './app.js';

export interface DemoWorld {
  accounts: DemoAccount[];
  as(username: string): Promise<ApiClient>;
}

/** The demo data set seeded into this file's database, with logged-in clients by username. */
export function useDemoWorld(t: TestApp): DemoWorld {
  const w = {} as DemoWorld;
  beforeAll(async () => {
    const accounts = await seedDemo(t.db, t.clock.now());
    w.accounts = accounts;
    w.as = async (username: string) => {
      const a = accounts.find((x) => x.username === username);
      if (a === undefined) throw new Error(`no demo account ${username}`);
      const c = t.client();
      const res = await c.login(a.username, a.password);
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      // Reviewers, admin and auditor have a second factor: `login` types its code (ApiClient).
      if (a.totpSecret !== null && res.body.restriction !== null) throw new Error(`second factor ${username}: ${JSON.stringify(res.body)}`);
      return c;
    };
  });
  return w;
}

export const handlerContact = { name: '陈静', mobile: '13800000001', email: 'chenjing@example.com', idNumber: '11010519491231002X' };
