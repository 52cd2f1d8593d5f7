// Page-by-page browsing of a keyset-paginated list: next follows nextCursor, previous pops back.
import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page, type QueryParams } from '../api/client.ts';

export function useCursorPage<T>(path: string, params: QueryParams, pageSize = 20) {
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const paramsKey = JSON.stringify(params);
  // new filters start again from the first page
  useEffect(() => setCursors([null]), [paramsKey]);
  const cursor = cursors[cursors.length - 1];
  const query = useQuery({
    queryKey: [path, params, pageSize, cursor],
    queryFn: ({ signal }) => api.get<Page<T>>(path, { ...params, limit: pageSize, cursor }, signal),
    placeholderData: keepPreviousData,
  });
  return {
    query,
    pageNumber: cursors.length,
    hasNext: Boolean(query.data?.nextCursor),
    hasPrevious: cursors.length > 1,
    next: () => {
      const nextCursor = query.data?.nextCursor;
      if (nextCursor) setCursors((list) => [...list, nextCursor]);
    },
    previous: () => setCursors((list) => (list.length > 1 ? list.slice(0, -1) : list)),
  };
}
