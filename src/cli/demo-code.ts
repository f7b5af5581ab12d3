import { existsSync } from 'node:fs';
import { demoAccountsFile, readDemoAccounts } from '../app/seed/seed-demo.js';
import { base32Decode, totpCode, totpDefaults } from '../domain/accounts/totp.js';

/** `zhengming demo-code USERNAME`: DEMO ONLY. The current TOTP code of a demo account, from the
 * secrets in the demo accounts file, so the demo can be tried without an authenticator app. */
export async function printDemoCode(dataDir: string, username: string): Promise<number> {
  const file = demoAccountsFile(dataDir);
  if (!existsSync(file)) {
    console.error(`no demo accounts file ${file} (the demo is seeded by \`zhengming start\` on an empty embedded database)`);
    return 1;
  }
  const account = (await readDemoAccounts(dataDir)).find((a) => a.username.toLowerCase() === username.toLowerCase());
  const key = account?.totpSecret === null || account === undefined ? null : base32Decode(account.totpSecret);
  if (account === undefined || key === null) {
    console.error(account === undefined ? `no demo account ${username}` : `${username} has no second factor in the demo`);
    return 1;
  }
  const now = new Date();
  const left = totpDefaults.periodSeconds - (Math.floor(now.getTime() / 1000) % totpDefaults.periodSeconds);
  console.log(`${totpCode(key, now)}  (动态口令 of ${account.username}, ${left} s left; DEMO ONLY)`);
  return 0;
}
