// The import's own connection: on PostgreSQL the rows go in by COPY, which needs the raw
// node-postgres client, so the import holds one client and runs its Kysely queries on it too.
import type pg from 'pg';
import { Kysely, PostgresDialect, type PostgresPoolClient } from 'kysely';
import type { Db } from '../../platform/db/connection.ts';
import type { Database } from '../../platform/db/schema.ts';

export interface ImportConnection {
  kysely: Kysely<Database>;
  /** the raw client for COPY; null on PGlite, which takes COPY only from '/dev/blob' */
  copyClient: pg.PoolClient | null;
}

export async function withImportConnection<T>(db: Db, fn: (conn: ImportConnection) => Promise<T>): Promise<T> {
  const client = await db.pool.connect();
  // a URL may point at PGlite's socket (the test workers do), so ask the server itself
  const { rows } = await client.query<{ version: string }>('select version()');
  const held = { query: client.query.bind(client), release: () => undefined } as unknown as PostgresPoolClient;
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool: { connect: async () => held, end: async () => undefined } }) });
  try {
    return await fn({ kysely, copyClient: rows[0].version.includes('PGlite') ? null : client });
  } finally {
    client.release();
  }
}
