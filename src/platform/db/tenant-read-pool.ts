// A second pool for tenant-scoped reads that need no transaction: its sessions stay the RLS
// role and read-only, and carry the tenant as a session setting, so a list page is one
// statement instead of begin + set_config, the query, and commit.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.ts';
import { UUID_RE } from '../ids.ts';
import { namePreparedStatements } from './prepared-statements.ts';
import { timestamptzToIso } from './parse-timestamptz.ts';

/**
 * Measured on 1M opportunities (docs/scaling.md): of a list request's three round trips two were
 * the transaction around it (begin + settings, commit). A read of one statement needs no
 * transaction, so this pool's sessions are set once to `role sightline_app` and
 * `default_transaction_read_only` (a write through it fails instead of committing piecemeal),
 * and `app.tenant_id` is a session setting changed only when the next request is for another
 * tenant. Row-level security applies exactly as inside inTenant.
 *
 * Needs session state, so it is used only against a real PostgreSQL reached directly or through a
 * session-mode pooler (SIGHTLINE_POOLER=transaction turns it off), never on PGlite, whose socket
 * connections share one session.
 */
const requestTenant = new AsyncLocalStorage<string>();

/**
 * Rows read here go only to presenters, which turn every timestamp into its ISO string anyway, so
 * timestamptz arrives as that string and no Date is made and formatted back (~10% of a list
 * request's CPU). A use case reading through readInTenant must therefore take timestamps as
 * `Date | string` (presenters' `iso()` does).
 */
const TIMESTAMPTZ: number = pg.types.builtins.TIMESTAMPTZ;
const readTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === TIMESTAMPTZ && format !== 'binary' ? timestamptzToIso : (pg.types.getTypeParser as (o: number, f?: string) => unknown)(oid, format)) as typeof pg.types.getTypeParser,
};
const sessionTenant = new WeakMap<pg.PoolClient, string>();

export function openTenantReadPool(connectionString: string, max: number, named: () => boolean): { pool: pg.Pool; kysely: Kysely<Database> } {
  const pool = new pg.Pool({ connectionString, max, types: readTypes });
  pool.on('error', () => undefined);
  namePreparedStatements(pool, named);
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const scopedConnect = async (): Promise<pg.PoolClient> => {
    const tenantId = requestTenant.getStore();
    if (!tenantId || !UUID_RE.test(tenantId)) throw new Error('tenant read pool: used outside readInTenant');
    const client = await connect();
    const current = sessionTenant.get(client);
    if (current === tenantId) return client;
    try {
      // simple protocol, one round trip; the id is checked to be a UUID above
      const setup = current === undefined ? `set role sightline_app; set default_transaction_read_only = on; ` : '';
      sessionTenant.delete(client);
      await client.query(`${setup}select set_config('app.tenant_id', '${tenantId}', false)`);
      sessionTenant.set(client, tenantId);
      return client;
    } catch (err) {
      client.release(err instanceof Error ? err : true);
      throw err;
    }
  };
  (pool as unknown as { connect: typeof scopedConnect }).connect = scopedConnect;
  return { pool, kysely: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }) };
}

/** Runs fn with the read pool's connections bound to the tenant. */
export function withRequestTenant<T>(tenantId: string, fn: () => Promise<T>): Promise<T> {
  return requestTenant.run(tenantId, fn);
}
