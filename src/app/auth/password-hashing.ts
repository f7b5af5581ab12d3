import { hash, verify } from '@node-rs/argon2';

/** `Algorithm.Argon2id` of @node-rs/argon2: a const enum, which isolated modules cannot import. */
const argon2id = 2;

/** argon2id with the OWASP 2023 minimum (19 MiB, t=2, p=1): slow for an attacker, ~20 ms here. */
const options = { algorithm: argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, options);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Verified against when the username is unknown, so a wrong username costs the same time as a
 * wrong password and response timing does not tell which accounts exist. */
let dummyHash: Promise<string> | undefined;
export async function burnVerification(password: string): Promise<void> {
  dummyHash ??= hashPassword('zhengming-dummy-password');
  await verifyPassword(await dummyHash, password);
}
