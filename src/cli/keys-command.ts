import type { Config } from '../config.js';
import { keysInit, keysReencrypt, keysRetire, keysRotate, keysStatus } from './keys.js';

/** Dispatches `zhengming keys <sub-command>`. */
export async function runKeys(config: Config, args: string[], usage: string): Promise<number> {
  const [sub, arg] = args;
  switch (sub) {
    case 'init':
      return keysInit(config);
    case 'status':
      return keysStatus(config);
    case 'rotate':
      return keysRotate(config);
    case 'reencrypt':
      return keysReencrypt(config);
    case 'retire':
      if (arg === undefined || !/^[1-9]\d{0,5}$/.test(arg)) break;
      return keysRetire(config, Number(arg));
  }
  console.error(usage);
  return 2;
}
