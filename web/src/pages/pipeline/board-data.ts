// Loads the board one query per stage, all stages in parallel (pages of 200); each column shows its first page as soon as it arrives.
import { useQueries, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { fetchAll } from '../../api/client.ts';
import { stages, type Opportunity, type Stage } from '../../api/types.ts';
import { toCents } from '../../i18n/format.ts';

export interface BoardFilters {
  ownerId?: string;
  /** 'YYYY-MM' */
  closeMonth?: string;
}

/** deals per column stop loading here; the column says so */
export const COLUMN_CAP = 5000;

function monthRange(month: string): { closeFrom: string; closeTo: string } {
  const [year, mon] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { closeFrom: `${month}-01`, closeTo: `${month}-${String(last).padStart(2, '0')}` };
}

export interface StageDeals {
  deals: Opportunity[];
  truncated: boolean;
}

export function stageKey(filters: BoardFilters, stage: Stage) {
  return ['board', filters, stage];
}

/** one query result per stage, in the order of `stages` */
export function useBoard(filters: BoardFilters) {
  const queryClient = useQueryClient();
  const params = { ownerId: filters.ownerId, sort: 'expectedCloseDate', ...(filters.closeMonth ? monthRange(filters.closeMonth) : {}) };
  return useQueries({
    queries: stages.map((stage) => ({
      queryKey: stageKey(filters, stage),
      queryFn: async ({ signal }: { signal: AbortSignal }): Promise<StageDeals> => {
        const showSoFar = (deals: Opportunity[]) => queryClient.setQueryData<StageDeals>(stageKey(filters, stage), { deals, truncated: false });
        const { items, truncated } = await fetchAll<Opportunity>('/api/opportunities', { ...params, stage }, COLUMN_CAP, signal, showSoFar);
        return { deals: items, truncated };
      },
    })),
  });
}

/** takes a deal out of its cached column and puts `next` at the top of next.stage's column */
export function relocateDeal(queryClient: QueryClient, filters: BoardFilters, from: Stage, next: Opportunity): void {
  const without = (data: StageDeals | undefined) => data && { ...data, deals: data.deals.filter((d) => d.id !== next.id) };
  queryClient.setQueryData<StageDeals>(stageKey(filters, from), without);
  queryClient.setQueryData<StageDeals>(stageKey(filters, next.stage), (data) => data && { ...data, deals: [next, ...(without(data)?.deals ?? [])] });
}

export function columnTotal(deals: Opportunity[]): bigint {
  return deals.reduce((sum, deal) => sum + toCents(deal.amount), 0n);
}
