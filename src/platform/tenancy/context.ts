// Who is asking, for which tenant, and which rows they may see: passed to every use case.
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';

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
  return db.transaction().execute(async (trx) => {
    await sql`select set_config('app.tenant_id', ${tenantId}, true), set_config('role', 'sightline_app', true)`.execute(trx);
    return fn(trx);
  });
}
