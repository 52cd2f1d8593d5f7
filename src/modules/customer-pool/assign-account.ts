// A manager assigns a pool account (分配) to someone in their team; no claim limit or cooldown
// applies, the protection period does.
import { AppError } from '../../platform/http/errors.ts';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { loadPoolSettings } from './pool-settings.ts';
import { takeFromPool } from './pool-moves.ts';
import { lockPoolAccount } from './claim-account.ts';

export async function assignAccount(trx: Tx, ctx: RequestContext, accountId: string, userId: string, now = new Date()) {
  authorize(ctx, 'customer_pool', 'update');
  const assignee = await trx.selectFrom('users').select(['id', 'name', 'role', 'active']).where('tenant_id', '=', ctx.tenantId).where('id', '=', userId).executeTakeFirst();
  if (!assignee) throw new AppError('unprocessable', `User ${userId} does not exist in your workspace.`, { field: 'userId' });
  if (!assignee.active || assignee.role === 'portal') throw new AppError('unprocessable', `${assignee.name} cannot hold accounts (inactive or a portal user). Pick an active team member.`, { field: 'userId' });
  const team = await visibleOwnerIds(trx, ctx);
  if (team && !team.includes(userId)) throw new AppError('forbidden', `You may assign pool accounts only to people in your team; ${assignee.name} is not.`);
  await lockPoolAccount(trx, ctx, accountId, userId);
  const settings = await loadPoolSettings(trx, ctx.tenantId);
  return takeFromPool(trx, ctx, { accountId, userId, via: 'assigned', now, protectionDays: settings.protectionDays });
}
