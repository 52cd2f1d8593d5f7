// Writes validated rows in batches: one INSERT … SELECT FROM unnest(text[] per column) per
// batch (measured as fast as COPY on PostgreSQL, and COPY does not work through PGlite's
// socket). A batch the database refuses is retried row by row inside savepoints, so a
// constraint error names its line instead of failing the whole file.
// Where the time goes (bench/import.ts prints it): the import runs at 1.1–1.3× a bare
// INSERT … SELECT of the same rows; the opportunities table's 12 indexes and foreign keys are the
// cost (docs/scaling.md §6), so neither COPY nor bigger batches would change it much.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { databaseErrorToAppError } from '../../platform/http/db-errors.ts';

export type ColumnValues = Record<string, unknown>;

export interface RowToWrite {
  line: number;
  columns: ColumnValues;
}

export interface RefusedRow {
  line: number;
  message: string;
}

export class BatchWriter {
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

  /** Inserts the rows; returns those the database refused (the others are written). */
  async write(rows: RowToWrite[]): Promise<RefusedRow[]> {
    if (!rows.length) return [];
    try {
      await this.inSavepoint(() => this.insertGroups(rows));
      return [];
    } catch (err) {
      if (!databaseErrorToAppError(err)) throw err;
    }
    const refused: RefusedRow[] = [];
    for (const row of rows) {
      try {
        await this.inSavepoint(() => this.insertGroups([row]));
      } catch (err) {
        const known = databaseErrorToAppError(err);
        if (!known) throw err;
        refused.push({ line: row.line, message: known.message });
      }
    }
    return refused;
  }

  private async inSavepoint(fn: () => Promise<void>): Promise<void> {
    await sql`savepoint import_batch`.execute(this.trx);
    try {
      await fn();
    } catch (err) {
      await sql`rollback to savepoint import_batch`.execute(this.trx);
      throw err;
    }
    await sql`release savepoint import_batch`.execute(this.trx);
  }

  /** Rows that fill the same columns go in one statement; the others keep their defaults. */
  private async insertGroups(rows: RowToWrite[]): Promise<void> {
    const groups = new Map<string, ColumnValues[]>();
    for (const { columns } of rows) {
      const names = Object.keys(columns).sort();
      const key = names.join(',');
      let group = groups.get(key);
      if (!group) groups.set(key, (group = []));
      group.push(columns);
    }
    for (const [key, group] of groups) await this.insert(key.split(','), group);
  }

  private async insert(columns: string[], rows: ColumnValues[]): Promise<void> {
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
