// The board's one request (GET /api/pipeline/board: per-stage counts, sums and first pages), shared by the page and the route's prefetch.
import type { QueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Opportunity, Stage } from '../../api/types.ts';
import { usersQuery } from '../../api/directories.ts';

export interface BoardFilters {
  ownerId?: string;
  teamId?: string;
  region?: string;
  /** 'YYYY-MM' */
  closeMonth?: string;
}

/** cards per column in the first answer: a screenful and then some; the rest loads as the column scrolls */
export const FIRST_PAGE = 25;

export interface BoardColumn {
  stage: Stage;
  /** every deal in the column, loaded or not */
  count: number;
  /** decimal string; null when the role may not see amounts */
  amount: string | null;
  deals: Opportunity[];
  /** continues the column on GET /api/opportunities (null: all loaded) */
  nextCursor: string | null;
}

export interface Board {
  columns: BoardColumn[];
  sort: string;
}

interface BoardResponse {
  stages: Array<Omit<BoardColumn, 'deals'> & { items: Opportunity[] }>;
  sort: string;
}

function monthRange(month: string): { closeFrom: string; closeTo: string } {
  const [year, mon] = month.split('-').map(Number);
  const last = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return { closeFrom: `${month}-01`, closeTo: `${month}-${String(last).padStart(2, '0')}` };
}

/** the filters as API query parameters, for the board and for continuing a column */
export function filterParams(filters: BoardFilters) {
  return { ownerId: filters.ownerId, teamId: filters.teamId, region: filters.region, ...(filters.closeMonth ? monthRange(filters.closeMonth) : {}) };
}

export const boardKey = (filters: BoardFilters) => ['board', filters] as const;

export function boardQuery(filters: BoardFilters) {
  return {
    queryKey: boardKey(filters),
    queryFn: async ({ signal }: { signal?: AbortSignal }): Promise<Board> => {
      const res = await api.get<BoardResponse>('/api/pipeline/board', { ...filterParams(filters), perStage: FIRST_PAGE }, signal);
      return { sort: res.sort, columns: res.stages.map(({ items, ...column }) => ({ ...column, deals: items })) };
    },
  };
}

/** starts the unfiltered board's request (and the owner names its cards show) while the page's code is still loading */
export function prefetchBoard(queryClient: QueryClient): void {
  void queryClient.prefetchQuery(boardQuery({}));
  void queryClient.prefetchQuery(usersQuery);
}
