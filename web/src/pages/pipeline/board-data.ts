// The board's cached data: loading a column's next page as it scrolls, and moving a deal between columns (counts and sums follow).
import { useCallback, useRef } from 'react';
import { useQuery, useQueryClient, type QueryClient, keepPreviousData } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { Opportunity, Stage } from '../../api/types.ts';
import { toCents } from '../../i18n/format.ts';
import { boardKey, boardQuery, filterParams, type Board, type BoardColumn, type BoardFilters } from './board-query.ts';

export type { BoardColumn, BoardFilters } from './board-query.ts';

const MORE_PAGE = 200;

export function useBoard(filters: BoardFilters) {
  return useQuery({ ...boardQuery(filters), placeholderData: keepPreviousData });
}

/** appends the next page of one column; one request per column at a time */
export function useLoadMore(filters: BoardFilters): (stage: Stage) => void {
  const queryClient = useQueryClient();
  const inFlight = useRef(new Set<string>());
  return useCallback(
    (stage: Stage) => {
      const key = boardKey(filters);
      const board = queryClient.getQueryData<Board>(key);
      const column = board?.columns.find((c) => c.stage === stage);
      const flightKey = `${JSON.stringify(filters)}:${stage}`;
      if (!column?.nextCursor || inFlight.current.has(flightKey)) return;
      inFlight.current.add(flightKey);
      const cursor = column.nextCursor;
      api
        .get<Page<Opportunity>>('/api/opportunities', { ...filterParams(filters), stage, sort: board?.sort, limit: MORE_PAGE, cursor })
        .then((page) => {
          updateColumn(queryClient, filters, stage, (c) => {
            if (c.nextCursor !== cursor) return c; // the board was reloaded meanwhile
            const known = new Set(c.deals.map((d) => d.id));
            return { ...c, deals: [...c.deals, ...page.items.filter((d) => !known.has(d.id))], nextCursor: page.nextCursor };
          });
        })
        .catch(() => {
          // the column keeps its placeholders; scrolling again retries
        })
        .finally(() => inFlight.current.delete(flightKey));
    },
    [queryClient, filters],
  );
}

function updateColumn(queryClient: QueryClient, filters: BoardFilters, stage: Stage, change: (column: BoardColumn) => BoardColumn) {
  queryClient.setQueryData<Board>(boardKey(filters), (board) => board && { ...board, columns: board.columns.map((c) => (c.stage === stage ? change(c) : c)) });
}

function addAmount(amount: string | null, cents: bigint): string | null {
  if (amount === null) return null;
  const sum = toCents(amount) + cents;
  const abs = sum < 0n ? -sum : sum;
  return `${sum < 0n ? '-' : ''}${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
}

/** takes a deal out of its cached column and puts `next` at the top of next.stage's column; the columns' counts and sums follow */
export function relocateDeal(queryClient: QueryClient, filters: BoardFilters, from: Stage, next: Opportunity): void {
  const cents = toCents(next.amount);
  updateColumn(queryClient, filters, from, (c) => {
    const deals = c.deals.filter((d) => d.id !== next.id);
    return deals.length === c.deals.length ? c : { ...c, deals, count: c.count - 1, amount: addAmount(c.amount, -cents) };
  });
  updateColumn(queryClient, filters, next.stage, (c) => ({ ...c, deals: [next, ...c.deals.filter((d) => d.id !== next.id)], count: c.count + (c.deals.some((d) => d.id === next.id) ? 0 : 1), amount: c.deals.some((d) => d.id === next.id) ? c.amount : addAmount(c.amount, cents) }));
}
