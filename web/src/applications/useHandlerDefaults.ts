import { api } from '../api';
import { useRequiredSession } from '../session';
import { useLoad } from '../useLoad';
import type { ApplicationDetail, ApplicationView, Contact } from './types';

/**
 * 经办人 fields to start a new form with: the logged-in user's name, and the mobile and email
 * the same person gave on the unit's latest application (the session does not carry them).
 */
export function useHandlerDefaults(): { contact: Contact; loading: boolean } {
  const session = useRequiredSession();
  const name = session.user.displayName;
  const { data, loading } = useLoad(async (signal) => {
    try {
      const list = await api.get<{ items: ApplicationView[] }>('/api/applications', undefined, signal);
      const latest = list.items[0];
      if (!latest) return null;
      const detail = await api.get<ApplicationDetail>(`/api/applications/${latest.id}`, undefined, signal);
      return detail.payload.handler.name === name ? detail.payload.handler : null;
    } catch {
      return null; // only a convenience
    }
  }, [name]);
  return { contact: { name, mobile: data?.mobile ?? '', email: data?.email ?? '', idNumber: '' }, loading };
}
