// Shared look-up lists (users, teams) loaded once and cached, for pickers and to show names for ids.
import { useQuery } from '@tanstack/react-query';
import { fetchAll } from './client.ts';
import type { Team, User } from './types.ts';

const FIVE_MINUTES = 5 * 60_000;

function byId<T extends { id: string }>(items: T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}

/** the user directory's query, also used to prefetch it with a page's data */
export const usersQuery = { queryKey: ['directory', 'users'], queryFn: async () => byId((await fetchAll<User>('/api/users')).items), staleTime: FIVE_MINUTES };

export function useUsers() {
  return useQuery(usersQuery);
}

export function useTeams() {
  return useQuery({ queryKey: ['directory', 'teams'], queryFn: async () => byId((await fetchAll<Team>('/api/teams')).items), staleTime: FIVE_MINUTES });
}

/** the name to show for a user id, or the short id when the directory is not available */
export function userName(users: Map<string, User> | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  return users?.get(id)?.name ?? `#${id.slice(-6)}`;
}
