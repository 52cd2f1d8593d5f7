// A record type's custom fields as table columns; sortable ones tell the caller which `cf.<key>` sort is active.
import type { ColumnType } from 'antd/es/table/index.js';
import type { CustomField, CustomValues } from '../api/types.ts';
import { CustomValueView } from './CustomValueView.tsx';

/** the antd sort arrow for column `key` under the list's sort param ("name", "-name") */
export const sortOrderFor = (sort: string | undefined, key: string) => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);

/** `sort` is the list's current sort param ("cf.tier" / "-cf.tier"); without it the columns are not sortable */
export function customColumns(fields: CustomField[] | undefined, sort?: string): ColumnType<{ custom: CustomValues }>[] {
  return (fields ?? []).map((field) => {
    const key = `cf.${field.key}`;
    return {
      key,
      title: field.label,
      render: (_: unknown, record: { custom: CustomValues }) => <CustomValueView field={field} value={record.custom?.[field.key]} />,
      ...(sort === undefined ? {} : { sorter: true, sortOrder: sortOrderFor(sort, key) }),
    };
  });
}
