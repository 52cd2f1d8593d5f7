// Checks that one record exists in the tenant and falls inside the actor's data scope, for
// things hung on another record (notes, attachments) that inherit that record's visibility.
import type { Kysely } from 'kysely';
import type { RequestContext, Tx } from '../tenancy/context.ts';
import { visibleOwnerIds } from './policies.ts';

type LooseDb = Kysely<Record<string, Record<string, unknown>>>;

/** True when the record exists in the tenant and its owner is one the actor may see. */
export async function isRecordVisible(trx: Tx, ctx: RequestContext, table: string, id: string, ownerColumn = 'owner_id'): Promise<boolean> {
  const row = await (trx as unknown as LooseDb).selectFrom(table).select(ownerColumn).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) return false;
  const owners = await visibleOwnerIds(trx, ctx);
  return owners === null || owners.includes(row[ownerColumn] as string);
}
