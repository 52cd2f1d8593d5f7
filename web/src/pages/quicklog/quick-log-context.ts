// Which account/deal a new touch belongs to: the one viewed last, else the one of the user's latest touch.
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { Activity } from '../../api/types.ts';
import { lastContext } from '../../app/last-context.ts';

export interface TouchContext {
  accountId: string;
  accountName: string;
  opportunityId?: string;
  opportunityName?: string;
  source: 'viewed' | 'recent';
}

const RECENT_VIEW_MS = 3 * 24 * 3600_000;

async function fromLatestActivity(userId: string, signal: AbortSignal): Promise<TouchContext | null> {
  const page = await api.get<Page<Activity>>('/api/activities', { ownerId: userId, sort: '-occurredAt', limit: 1 }, signal);
  const latest = page.items[0];
  if (!latest?.accountId || !latest.accountName) return null;
  return { accountId: latest.accountId, accountName: latest.accountName, opportunityId: latest.opportunityId ?? undefined, opportunityName: latest.opportunityName ?? undefined, source: 'recent' };
}

export function useSuggestedContext(userId: string) {
  return useQuery({
    queryKey: ['quick-log-context', userId],
    staleTime: 0,
    queryFn: async ({ signal }): Promise<TouchContext | null> => {
      const viewed = lastContext();
      if (viewed && Date.now() - viewed.at < RECENT_VIEW_MS) return { ...viewed, source: 'viewed' };
      return fromLatestActivity(userId, signal);
    },
  });
}
