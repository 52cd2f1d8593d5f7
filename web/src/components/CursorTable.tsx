// A table over one keyset-paginated list (useCursorPage): its rows and loading state, an empty
// hint that says what to do (blank while the first page loads, so nothing jumps), and the pager.
import { Table, type TableColumnsType } from 'antd';
import { CursorPager } from './CursorPager.tsx';
import { EmptyHint } from './EmptyHint.tsx';
import type { useCursorPage } from './useCursorPage.ts';

interface CursorTableProps<T> {
  pager: ReturnType<typeof useCursorPage<T>>;
  columns: TableColumnsType<T>;
  /** what an empty list tells the user to do */
  empty: string;
  testId: string;
  /** the width below which the table scrolls sideways */
  scrollX: number;
  /** the rows to show when they are not the page's items as they came */
  rows?: readonly T[];
}

export function CursorTable<T extends { id: string }>({ pager, columns, empty, testId, scrollX, rows }: CursorTableProps<T>) {
  return (
    <>
      <Table<T>
        rowKey="id"
        size="small"
        data-testid={testId}
        loading={pager.query.isFetching}
        pagination={false}
        scroll={{ x: scrollX }}
        dataSource={rows ?? pager.query.data?.items ?? []}
        locale={{ emptyText: pager.query.isPending ? ' ' : <EmptyHint text={empty} /> }}
        columns={columns}
      />
      <CursorPager {...pager} />
    </>
  );
}
