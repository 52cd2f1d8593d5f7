// Loads the board: every stage's deals in parallel (all pages), filtered by owner and close month on the server.
import { useQuery } from '@tanstack/react-query';
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

export interface BoardColumns {
  deals: Opportunity[];
  truncated: Stage[];
}

export function boardKey(filters: BoardFilters) {
  return ['board', filters];
}

export function useBoard(filters: BoardFilters) {
  return useQuery({
    queryKey: boardKey(filters),
    queryFn: async ({ signal }): Promise<BoardColumns> => {
      const params = { ownerId: filters.ownerId, sort: 'expectedCloseDate', ...(filters.closeMonth ? monthRange(filters.closeMonth) : {}) };
      const columns = await Promise.all(stages.map((stage) => fetchAll<Opportunity>('/api/opportunities', { ...params, stage }, COLUMN_CAP, signal)));
      return { deals: columns.flatMap((c) => c.items), truncated: stages.filter((_, i) => columns[i].truncated) };
    },
  });
}

export function groupByStage(deals: Opportunity[]): Record<Stage, { deals: Opportunity[]; totalCents: bigint }> {
  const out = Object.fromEntries(stages.map((s) => [s, { deals: [] as Opportunity[], totalCents: 0n }])) as Record<Stage, { deals: Opportunity[]; totalCents: bigint }>;
  for (const deal of deals) {
    const column = out[deal.stage];
    if (!column) continue;
    column.deals.push(deal);
    column.totalCents += toCents(deal.amount);
  }
  return out;
}
