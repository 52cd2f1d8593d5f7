// The two moves every pool change is made of: a person takes an account out of the pool
// (claim, assignment), or an account goes back into it (release, recycling); each is evented.
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { newId } from '../../platform/ids.ts';

const DAY_MS = 24 * 3600_000;

export async function takeFromPool(trx: Tx, ctx: RequestContext, move: { accountId: string; userId: string; via: 'claimed' | 'assigned'; now: Date; protectionDays: number }) {
  const protectedUntil = new Date(move.now.getTime() + move.protectionDays * DAY_MS);
  await trx.updateTable('accounts').set({ owner_id: move.userId, updated_at: move.now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', move.accountId).execute();
  const holding = { user_id: move.userId, via: move.via, held_since: move.now, protected_until: protectedUntil };
  await trx
    .insertInto('pool_holdings')
    .values({ tenant_id: ctx.tenantId, account_id: move.accountId, ...holding })
    .onConflict((oc) => oc.columns(['tenant_id', 'account_id']).doUpdateSet(holding))
    .execute();
  await recordEvent(trx, ctx, {
    type: move.via === 'claimed' ? 'pool.claimed' : 'pool.assigned',
    entity: 'accounts',
    entityId: move.accountId,
    before: { ownerId: null },
    after: { ownerId: move.userId },
    payload: { userId: move.userId, protectedUntil: protectedUntil.toISOString() },
  });
  return { accountId: move.accountId, ownerId: move.userId, via: move.via, heldSince: move.now.toISOString(), protectedUntil: protectedUntil.toISOString() };
}

export async function returnToPool(trx: Tx, ctx: RequestContext, move: { accountId: string; formerOwnerId: string; reason: 'released' | 'recycled'; now: Date; payload?: Record<string, unknown> }) {
  await trx.updateTable('accounts').set({ owner_id: null, updated_at: move.now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', move.accountId).execute();
  await trx.deleteFrom('pool_holdings').where('tenant_id', '=', ctx.tenantId).where('account_id', '=', move.accountId).execute();
  await trx.insertInto('pool_releases').values({ id: newId(), tenant_id: ctx.tenantId, account_id: move.accountId, user_id: move.formerOwnerId, reason: move.reason, released_at: move.now }).execute();
  await recordEvent(trx, ctx, {
    type: move.reason === 'released' ? 'pool.released' : 'pool.recycled',
    entity: 'accounts',
    entityId: move.accountId,
    before: { ownerId: move.formerOwnerId },
    after: { ownerId: null },
    payload: { formerOwnerId: move.formerOwnerId, ...move.payload },
  });
  return { accountId: move.accountId, ownerId: null, formerOwnerId: move.formerOwnerId, reason: move.reason, releasedAt: move.now.toISOString() };
}
