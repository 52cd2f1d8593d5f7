// Bulk insert for the seed: multi-row INSERTs of up to 1,000 rows, far below PostgreSQL's
// 65,535-parameter limit even for the widest table.
import type { Database } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import type { Row } from './demo-model.ts';

export const BATCH_ROWS = 1_000;

export async function insertRows<T extends keyof Database>(trx: Tx, table: T, rows: readonly Row<T>[]): Promise<number> {
  for (let i = 0; i < rows.length; i += BATCH_ROWS) {
    await trx.insertInto(table).values(rows.slice(i, i + BATCH_ROWS)).execute();
  }
  return rows.length;
}
