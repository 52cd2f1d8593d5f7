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
import { openTenantReadPool } from './tenant-read-pool.ts';
import { parseTimestamptz } from './parse-timestamptz.ts';

// int8 (bigint) columns hold money in minor units and counts; keep them exact as strings
// and let callers convert. numeric stays a string too.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => v);
// dates stay 'YYYY-MM-DD' strings: a calendar date has no time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (v) => v);
// timestamptz → Date as before, by a faster reader of the common UTC shape
pg.types.setTypeParser(pg.types.builtins.TIMESTAMPTZ, parseTimestamptz);

export type DbKind = 'pglite' | 'postgres';

export interface Db {
  kind: DbKind;
  pool: pg.Pool;
  kysely: Kysely<Database>;
  /** tenant-scoped reads without a transaction (see tenant-read-pool.ts); null on PGlite or behind a transaction pooler */
  reads: Kysely<Database> | null;
  connectionString: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  /** directory for PGlite files; 'memory://' for an in-memory database */
  dataDir?: string;
  poolSize?: number;
  /**
   * false behind a transaction-mode pooler (PgBouncer pool_mode=transaction), which cannot keep
   * session state: no named prepared statements and no tenant read pool. Default: the
   * SIGHTLINE_POOLER environment variable is not "transaction".
   */
  sessionState?: boolean;
}

export async function openDatabase(opts: OpenOptions): Promise<Db> {
  if (opts.databaseUrl) {
    const max = opts.poolSize ?? 20;
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max });
    // a URL may also point at PGlite's socket (the test workers do): its connections share one
    // session, so statement names would collide there; name them on a real server only (the
    // wrapper's callback mode serves every pool)
    let sessionState = opts.sessionState ?? process.env.SIGHTLINE_POOLER !== 'transaction';
    namePreparedStatements(pool, () => sessionState);
    const { rows } = await pool.query<{ version: string }>('select version()');
    if (rows[0].version.includes('PGlite')) sessionState = false;
    const reads = sessionState ? openTenantReadPool(opts.databaseUrl) : null;
    return wrap('postgres', pool, opts.databaseUrl, async () => undefined, reads);
  }
  const dataDir = opts.dataDir ?? 'memory://';
  if (dataDir !== 'memory://') fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  const lite = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({ db: guardExtendedProtocol(lite), port: 0, host: '127.0.0.1', maxConnections: 64 });
  await server.start();
  const conn = server.getServerConn();
  const connectionString = `postgres://postgres@${conn}/postgres?sslmode=disable`;
  const pool = new pg.Pool({ connectionString, max: opts.poolSize ?? 16 });
  namePreparedStatements(pool, () => false); // one shared session: no names, only the callback mode
  return wrap('pglite', pool, connectionString, async () => {
    await server.stop();
    await lite.close();
  });
}

function wrap(kind: DbKind, pool: pg.Pool, connectionString: string, closeEngine: () => Promise<void>, reads: Kysely<Database> | null = null): Db {
  pool.on('error', () => undefined); // idle client errors surface on the next query instead
  const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    kind,
    pool,
    kysely,
    reads,
    connectionString,
    async close() {
      if (closed) return;
      closed = true;
      await kysely.destroy();
      await reads?.destroy();
      await closeEngine();
    },
  };
}
