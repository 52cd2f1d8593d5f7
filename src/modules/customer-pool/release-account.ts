// Releasing an account to the pool (放入公海): its owner, or a leader whose scope includes the
// owner, gives it up; the former owner's re-claim cooldown starts.
import { AppError } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { resourceService } from '../../platform/http/resource.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { accountsResource } from '../accounts/accounts-resource.ts';
import { returnToPool } from './pool-moves.ts';

const accounts = resourceService(accountsResource);

export async function releaseAccount(trx: Tx, ctx: RequestContext, accountId: string, note?: string, now = new Date()) {
  authorize(ctx, 'accounts', 'update');
  authorize(ctx, 'customer_pool', 'create');
  const account = await accounts.fetch(trx, ctx, accountId, true);
  const owner = account.owner_id as string | null;
  if (!owner) throw new AppError('conflict', `${account.name as string} is already in the pool.`, { reason: 'already_in_pool' });
  return returnToPool(trx, ctx, { accountId, formerOwnerId: owner, reason: 'released', now, payload: note ? { note } : {} });
}
