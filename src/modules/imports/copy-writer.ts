// Inserts validated rows on PostgreSQL by COPY FROM STDIN into a temporary staging table and one
// INSERT … SELECT from it: COPY cannot write to a table under row-level security, and the
// INSERT keeps the policy, constraints and triggers of the real table. The rows arrive in COPY's
// text format, cheaper for both sides than one text[] parameter per column.
import { finished } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { pgText, type RowSink, type RowToWrite } from './batch-writer.ts';

/** a default the writer can fill in itself: a constant, or now() (the transaction's start, the same for every row) */
const FIXED_DEFAULT = /^(now\(\)|CURRENT_TIMESTAMP|CURRENT_DATE|'(?:[^']|'')*'(?:::[\w ]+(?:\[\])?)?|-?\d+(?:\.\d+)?)$/;
const STAGING = 'sightline_import_rows';

interface CopyColumn {
  name: string;
  /** the text the column takes when a row leaves it out; null when that is NULL */
  absent: string | null;
}

export class CopyWriter implements RowSink {
  private constructor(
    private readonly client: pg.PoolClient,
    private readonly columns: CopyColumn[],
    private readonly copy: string,
    private readonly insertStaged: string,
  ) {}

  /** null when a column's default cannot be filled in ahead (e.g. a sequence): use the INSERT path then */
  static async open(client: pg.PoolClient, table: string): Promise<CopyWriter | null> {
    const { rows } = await client.query<{ name: string; fallback: string | null }>(
      `select a.attname as name, pg_get_expr(d.adbin, d.adrelid) as fallback
       from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
       where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped and a.attgenerated = '' order by a.attnum`,
      [table],
    );
    if (rows.some((r) => r.fallback !== null && !FIXED_DEFAULT.test(r.fallback))) return null;
    const withDefault = rows.filter((r) => r.fallback !== null);
    // evaluated once in the import's transaction: the value the default gives every row of it
    const values = withDefault.length ? (await client.query<string[]>({ text: `select ${withDefault.map((r) => `(${r.fallback})::text`).join(', ')}`, rowMode: 'array' })).rows[0] : [];
    const absent = new Map(withDefault.map((r, i) => [r.name, values[i]]));
    const columns = rows.map((r) => ({ name: r.name, absent: absent.get(r.name) ?? null }));
    const quoted = `"${table.replace(/"/g, '""')}"`;
    const list = columns.map((c) => `"${c.name.replace(/"/g, '""')}"`).join(', ');
    await client.query(`create temporary table if not exists ${STAGING} (like ${quoted}) on commit drop`);
    return new CopyWriter(client, columns, `copy ${STAGING} (${list}) from stdin`, `insert into ${quoted} (${list}) select ${list} from ${STAGING}`);
  }

  async insert(rows: RowToWrite[]): Promise<void> {
    const stream = this.client.query(copyFrom(this.copy));
    stream.end(rows.map((r) => this.encode(r.columns)).join(''));
    await finished(stream);
    await this.client.query(this.insertStaged);
    await this.client.query(`truncate ${STAGING}`);
  }

  /** One row in COPY's text format: tab-separated, \N for null, backslash escapes. */
  private encode(values: Record<string, unknown>): string {
    let line = '';
    for (let i = 0; i < this.columns.length; i++) {
      const col = this.columns[i];
      const v = values[col.name];
      const text = v === undefined ? col.absent : pgText(v);
      if (i) line += '\t';
      line += text === null ? '\\N' : copyEscape(text);
    }
    return line + '\n';
  }
}

const SPECIAL = /[\\\n\r\t]/;

function copyEscape(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[\\\n\r\t]/g, (ch) => (ch === '\\' ? '\\\\' : ch === '\n' ? '\\n' : ch === '\r' ? '\\r' : '\\t'));
}
