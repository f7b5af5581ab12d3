import { useRequiredSession } from '../session';
import { useAccount } from '../useAccount';
import type { Contact } from './types';

/**
 * 经办人 fields to start a new form with: the logged-in user's name, mobile and email from
 * 我的账户 (GET /api/account); the 身份证号 is typed each time.
 */
export function useHandlerDefaults(): { contact: Contact; loading: boolean } {
  const session = useRequiredSession();
  const { data, loading } = useAccount();
  return {
    contact: { name: data?.displayName || session.user.displayName, mobile: data?.mobile ?? '', email: data?.email ?? '', idNumber: '' },
    loading,
  };
}
