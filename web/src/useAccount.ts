import { api } from './api';
import type { Account } from './types';
import { useLoad, type Loaded } from './useLoad';

/** GET /api/account: username, name, and the mobile and email messages go to. */
export const loadAccount = (signal?: AbortSignal) => api.get<Account>('/api/account', undefined, signal);

export function useAccount(): Loaded<Account> {
  return useLoad((signal) => loadAccount(signal), []);
}
