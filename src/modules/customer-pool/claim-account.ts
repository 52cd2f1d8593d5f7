// Claiming a pool account (领取): one person at a time per account (row lock), within the
// person's claim limit and outside their re-claim cooldown, each refusal saying why.
import { sql } from 'kysely';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { loadPoolSettings } from './pool-settings.ts';
import { takeFromPool } from './pool-moves.ts';

const DAY_MS = 24 * 3600_000;

/** the pool account, locked, or why it cannot be taken from the pool */
export async function lockPoolAccount(trx: Tx, ctx: RequestContext, accountId: string, forUserId: string) {
  const account = await trx.selectFrom('accounts').select(['id', 'name', 'owner_id']).where('tenant_id', '=', ctx.tenantId).where('id', '=', accountId).forUpdate().executeTakeFirst();
  if (!account) throw notFound('The account');
  if (account.owner_id === forUserId) throw new AppError('conflict', `${account.name} already belongs to ${forUserId === ctx.actor.userId ? 'you' : 'that person'}.`, { reason: 'already_held' });
  if (account.owner_id) throw new AppError('conflict', `${account.name} is no longer in the pool: someone else holds it now. Pick another account.`, { reason: 'not_in_pool' });
  return account;
}

export async function claimAccount(trx: Tx, ctx: RequestContext, accountId: string, now = new Date()) {
  authorize(ctx, 'customer_pool', 'create');
  const userId = ctx.actor.userId;
  if (!userId) throw new AppError('forbidden', 'Only a person can claim an account; API tokens act for a person.');
  // one claim at a time per person, so two parallel claims cannot both slip under the limit
  await trx.selectFrom('users').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', userId).forUpdate().executeTakeFirst();
  const account = await lockPoolAccount(trx, ctx, accountId, userId);
  const settings = await loadPoolSettings(trx, ctx.tenantId);

  const lastRelease = await trx
    .selectFrom('pool_releases')
    .select(['released_at', 'reason'])
    .where('tenant_id', '=', ctx.tenantId)
    .where('user_id', '=', userId)
    .where('account_id', '=', accountId)
    .orderBy('released_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (lastRelease) {
    const availableAt = new Date(lastRelease.released_at.getTime() + settings.reclaimCooldownDays * DAY_MS);
    if (availableAt > now) {
      const how = lastRelease.reason === 'released' ? 'released' : 'let go idle (recycled)';
      throw new AppError('unprocessable', `You ${how} ${account.name} on ${lastRelease.released_at.toISOString().slice(0, 10)}; you may claim it again from ${availableAt.toISOString().slice(0, 10)} (${settings.reclaimCooldownDays}-day cooldown). A manager can assign it to you sooner.`, {
        reason: 'cooldown',
        availableAt: availableAt.toISOString(),
        cooldownDays: settings.reclaimCooldownDays,
      });
    }
  }

  if (settings.claimLimit !== null) {
    const { held } = await trx
      .selectFrom('pool_holdings as h')
      .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'h.account_id').onRef('a.tenant_id', '=', 'h.tenant_id').onRef('a.owner_id', '=', 'h.user_id'))
      .select(sql<number>`count(*)::int`.as('held'))
      .where('h.tenant_id', '=', ctx.tenantId)
      .where('h.user_id', '=', userId)
      .where('h.via', '=', 'claimed')
      .executeTakeFirstOrThrow();
    if (held >= settings.claimLimit) {
      throw new AppError('unprocessable', `You already hold ${held} claimed accounts, the limit is ${settings.claimLimit}. Release one you are not working before claiming another.`, {
        reason: 'claim_limit_reached',
        limit: settings.claimLimit,
        held,
      });
    }
  }

  return takeFromPool(trx, ctx, { accountId, userId, via: 'claimed', now, protectionDays: settings.protectionDays });
}
