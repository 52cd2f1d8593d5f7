// Who is asking, for which tenant, and which rows they may see: passed to every use case.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Db } from '../db/connection.ts';
import { withRequestTenant } from '../db/tenant-read-pool.ts';
import { UUID_RE } from '../ids.ts';

export type Role = 'admin' | 'executive' | 'manager' | 'rep' | 'portal';

export interface Actor {
  userId: string | null;
  role: Role;
  teamId: string | null;
  name?: string;
}

export interface RequestContext {
  tenantId: string;
  actor: Actor;
}

export type Tx = Transaction<Database>;

/**
 * Runs fn in one transaction bound to the tenant: the app role and `app.tenant_id` are set
 * for the transaction only, so PostgreSQL row-level security is a second wall behind the
 * explicit `tenant_id` filters in every query.
 */
export async function inTenant<T>(db: Kysely<Database>, tenantId: string, fn: (trx: Tx) => Promise<T>): Promise<T> {
  // begin and the settings go in one round trip (simple protocol, so the id is inlined: it
  // is checked to be a UUID first); every request saves a round trip this way
  if (!UUID_RE.test(tenantId)) throw new Error(`inTenant: "${tenantId}" is not a tenant id`);
  return db.connection().execute(async (conn) => {
    await sql.raw(`begin; select set_config('app.tenant_id', '${tenantId}', true), set_config('role', 'sightline_app', true)`).execute(conn);
    try {
      const result = await fn(conn as unknown as Tx);
      await sql.raw('commit').execute(conn);
      return result;
    } catch (err) {
      await sql.raw('rollback').execute(conn).catch(() => undefined);
      throw err;
    }
  });
}

/**
 * Runs a read-only use case bound to the tenant. On PostgreSQL it runs on the tenant read pool
 * (no transaction: a one-statement read is one round trip, see tenant-read-pool.ts), so fn must
 * not write — the session is read-only and a write fails. Elsewhere it is inTenant.
 */
export async function readInTenant<T>(db: Db, tenantId: string, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const reads = db.reads;
  if (!reads) return inTenant(db.kysely, tenantId, fn);
  if (!UUID_RE.test(tenantId)) throw new Error(`readInTenant: "${tenantId}" is not a tenant id`);
  return withRequestTenant(tenantId, () => reads.connection().execute((conn) => fn(conn as unknown as Tx)));
}
