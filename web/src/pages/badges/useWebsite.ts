import { useParams } from 'react-router-dom';
import { api } from '../../api';
import type { Website } from '../../types';
import { useLoad } from '../../useLoad';

/** The website of the `:id` in the address (404 outside the user's unit). */
export function useWebsite() {
  const { id = '' } = useParams();
  return useLoad((signal) => api.get<Website>(`/api/websites/${encodeURIComponent(id)}`, undefined, signal), [id]);
}
