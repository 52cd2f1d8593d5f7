// Opens the database: PostgreSQL when a URL is given, otherwise embedded PGlite served over
// a local socket, so the rest of the app always talks node-postgres.
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { guardExtendedProtocol } from './pglite-protocol-guard.ts';
import { namePreparedStatements } from './prepared-statements.ts';

// int8 (bigint) columns hold money in minor units and counts; keep them exact as strings
// and let callers convert. numeric stays a string too.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);

export type DbKind = 'pglite' | 'postgres';

export interface Db {
  kind: DbKind;
  pool: pg.Pool;
  kysely: Kysely<Database>;
  connectionString: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** directory for PGlite files; 'memory://' for an in-memory database */
  dataDir?: string;
  poolSize?: number;
  /** name parameterised statements so PostgreSQL parses and plans them once per connection (default on; turn off behind a pooler that cannot keep them) */
  preparedStatements?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.poolSize ?? 20 });
    // a URL may also point at PGlite's socket (the test workers do): its connections share one
    // session, so statement names would collide there; name them on a real server only
    let named = opts.preparedStatements ?? process.env.SIGHTLINE_PREPARED_STATEMENTS !== 'off';
    if (named) namePreparedStatements(pool, () => named);
    const { rows } = await pool.query<{ version: string }>('select version()');
    if (rows[0].version.includes('PGlite')) named = false;
    return wrap('postgres', pool, opts.databaseUrl, async () => undefined);
  }
  const dataDir = opts.dataDir ?? 'memory://';
  if (dataDir !== 'memory://') fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const lite = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db: guardExtendedProtocol(lite), port: 0, host: '127.0.0.1', maxConnections: 64 });
  await server.start();
  const conn = server.getServerConn();
  const connectionString = `postgres://postgres@${conn}/postgres?sslmode=disable`;
  const pool = new pg.Pool({ connectionString, max: opts.poolSize ?? 16 });
  return wrap('pglite', pool, connectionString, async () => {
    await server.stop();
    await lite.close();
  });
}

function wrap(kind: DbKind, pool: pg.Pool, connectionString: string, closeEngine: () => Promise<void>): Db {
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    kind,
    pool,
    kysely,
    connectionString,
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
      await closeEngine();
    },
  };
}
