// Inserts validated rows by INSERT … SELECT FROM unnest(text[] per column), on both engines:
// COPY cannot write to a table under row-level security, and through a staging table it cost
// the same (docs/scaling.md §6). Rows are put in array text form as they are queued
// (EncodedRows), so starting a write only joins strings while the database waits; write-queue.ts
// decides when and in which savepoint it runs.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';

export type ColumnValues = Record<string, unknown>;

export interface RowToWrite {
  line: number;
  columns: ColumnValues;
}

/** The rows of one column set, each cell already an element of a PostgreSQL text[] literal. */
interface EncodedGroup {
  columns: string[];
  /** per column, one element per row: NULL or a quoted, escaped text */
  cells: string[][];
}

/** One INSERT: the columns of a column set and, per column, its text[] literal. */
export interface EncodedStatement {
  columns: string[];
  arrays: string[];
}

/** Rows ready to insert: kept as given (to split a refused write) and encoded per column set. */
export class EncodedRows {
  readonly rows: RowToWrite[] = [];
  /** column set ("a,b,c", sorted) → its group; rows that fill the same columns go in one statement */
  private readonly groups = new Map<string, EncodedGroup>();
  /** the previous row's column names, in its own order, and their group: rows mostly repeat it */
  private last: { names: string[]; group: EncodedGroup } | null = null;
  private sealed: EncodedStatement[] | null = null;

  static of(rows: RowToWrite[]): EncodedRows {
    const encoded = new EncodedRows();
    for (const row of rows) encoded.add(row);
    return encoded;
  }

  add(row: RowToWrite): void {
    if (this.sealed) throw new Error('EncodedRows: add() after statements()');
    this.rows.push(row);
    const names = Object.keys(row.columns);
    // sorting and joining the names costs more than encoding the row, so only when they change
    if (!this.last || !sameNames(this.last.names, names)) this.last = { names, group: this.groupOf(names) };
    const { columns, cells } = this.last.group;
    for (let i = 0; i < columns.length; i++) cells[i].push(arrayElement(pgText(row.columns[columns[i]])));
  }

  private groupOf(names: string[]): EncodedGroup {
    const columns = [...names].sort();
    const key = columns.join(',');
    let group = this.groups.get(key);
    if (!group) this.groups.set(key, (group = { columns, cells: columns.map(() => []) }));
    return group;
  }

  /** The statements for these rows, each column joined into one literal; no rows can be added after. */
  statements(): EncodedStatement[] {
    this.sealed ??= [...this.groups.values()].map(({ columns, cells }) => ({ columns, arrays: cells.map((elements) => `{${elements.join(',')}}`) }));
    this.groups.clear();
    this.last = null;
    return this.sealed;
  }
}

/** One way of putting rows in the table; it throws what the database says when it refuses them. */
export interface RowSink {
  insert(rows: EncodedRows): Promise<void>;
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

  /** One statement per column set; the columns a row does not fill keep their defaults. */
  async insert(rows: EncodedRows): Promise<void> {
    for (const statement of rows.statements()) await this.insertGroup(statement);
  }

  /** Each column goes as one ready text[] literal: node-postgres sends a string as it is. */
  private async insertGroup({ columns, arrays }: EncodedStatement): Promise<void> {
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
  if (Array.isArray(value)) return `{${value.map((v) => arrayElement(v === null ? null : String(v))).join(',')}}`;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function sameNames(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

const NEEDS_ESCAPE = /[\\"]/;

/** One element of an array literal: NULL, or the text in double quotes with \ and " escaped. */
function arrayElement(text: string | null): string {
  if (text === null) return 'NULL';
  // most cells have nothing to escape, and testing first costs half of replacing
  return NEEDS_ESCAPE.test(text) ? `"${text.replace(/[\\"]/g, '\\$&')}"` : `"${text}"`;
}
