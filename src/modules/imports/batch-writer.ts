// Inserts validated rows by INSERT … SELECT FROM unnest(text[] per column), on both engines:
// COPY cannot write to a table under row-level security, and through a staging table it cost
// the same (docs/scaling.md §6). write-queue.ts decides when and in which savepoint it runs.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';

export type ColumnValues = Record<string, unknown>;

export interface RowToWrite {
  line: number;
  columns: ColumnValues;
}

/** One way of putting rows in the table; it throws what the database says when it refuses them. */
export interface RowSink {
  insert(rows: RowToWrite[]): Promise<void>;
}

export class BatchWriter implements RowSink {
  private constructor(
    private readonly trx: Tx,
    private readonly table: string,
    /** column → its SQL type as the catalog spells it, e.g. "uuid", "bigint", "uuid[]" */
    private readonly types: Map<string, string>,
  ) {}

  static async open(trx: Tx, table: string): Promise<BatchWriter> {
    const { rows } = await sql<{ name: string; type: string }>`
      select attname as name, format_type(atttypid, atttypmod) as type from pg_attribute
      where attrelid = ${table}::regclass and attnum > 0 and not attisdropped and attgenerated = ''
    `.execute(trx);
    return new BatchWriter(trx, table, new Map(rows.map((r) => [r.name, r.type])));
  }

  /** Rows that fill the same columns go in one statement; the others keep their defaults. */
  async insert(rows: RowToWrite[]): Promise<void> {
    const groups = new Map<string, ColumnValues[]>();
    for (const { columns } of rows) {
      const names = Object.keys(columns).sort();
      const key = names.join(',');
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(columns);
    }
    for (const [key, group] of groups) await this.insertGroup(key.split(','), group);
  }

  private async insertGroup(columns: string[], rows: ColumnValues[]): Promise<void> {
    const arrays = columns.map((c) => rows.map((r) => pgText(r[c])));
    const casts = columns.map((c, i) => {
      const type = this.types.get(c);
      if (!type) throw new Error(`${this.table} has no column ${c}`);
      return sql`${sql.ref(`u.c${i}`)}::${sql.raw(type)}`;
    });
    await sql`
      insert into ${sql.table(this.table)} (${sql.join(columns.map((c) => sql.ref(c)))})
      select ${sql.join(casts)}
      from unnest(${sql.join(arrays.map((a) => sql`${a}::text[]`))}) as u(${sql.join(columns.map((_, i) => sql.ref(`c${i}`)))})
    `.execute(this.trx);
  }
}

/** A column value in PostgreSQL's text input form (null stays null). */
export function pgText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, '\\$&')}"`)).join(',')}}`;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
