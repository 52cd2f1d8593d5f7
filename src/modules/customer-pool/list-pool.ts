// The pool as a list (公海列表): accounts with no owner, with when each was last touched, since
// when it is in the pool, and until when the asking person is still cooling down on it.
import { sql } from 'kysely';
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { hiddenFields, stripHidden } from '../../platform/auth/field-hiding.ts';
import { decodeCursor, fetchLimit, listQueryBase, type Page, pageFrom } from '../../platform/http/list-params.ts';
import { iso } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { accountSizes, presentAccount } from '../accounts/accounts-resource.ts';
import { loadPoolSettings } from './pool-settings.ts';

export const poolQuery = z
  .object({
    limit: listQueryBase.limit,
    cursor: listQueryBase.cursor,
    q: z.string().trim().max(100).optional(),
    size: z.enum(accountSizes).optional(),
    industry: z.string().max(60).optional(),
    region: z.string().max(60).optional(),
  })
  .strict();

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export async function listPool(trx: Tx, ctx: RequestContext, query: z.output<typeof poolQuery>): Promise<Page<Record<string, unknown>>> {
  authorize(ctx, 'customer_pool', 'read');
  const after = decodeCursor(query.cursor, 'name');
  const { reclaimCooldownDays } = await loadPoolSettings(trx, ctx.tenantId);
  let q = trx
    .selectFrom('accounts as a')
    .selectAll('a')
    .select((eb) => [
      eb.selectFrom('activities').select(sql<Date | null>`max(occurred_at)`.as('m')).where('tenant_id', '=', ctx.tenantId).whereRef('account_id', '=', 'a.id').as('last_touch_at'),
      eb.selectFrom('pool_releases').select(sql<Date | null>`max(released_at)`.as('m')).where('tenant_id', '=', ctx.tenantId).whereRef('account_id', '=', 'a.id').as('in_pool_since'),
      eb
        .selectFrom('pool_releases')
        .select(sql<Date | null>`max(released_at) + make_interval(days => ${reclaimCooldownDays}::int)`.as('m'))
        .where('tenant_id', '=', ctx.tenantId)
        .whereRef('account_id', '=', 'a.id')
        .where('user_id', '=', ctx.actor.userId ?? '00000000-0000-0000-0000-000000000000')
        .as('my_cooldown_until'),
    ])
    .where('a.tenant_id', '=', ctx.tenantId)
    .where('a.owner_id', 'is', null);
  if (query.q) q = q.where('a.name', 'ilike', `%${escapeLike(query.q)}%`);
  if (query.size) q = q.where('a.size', '=', query.size);
  if (query.industry) q = q.where('a.industry', '=', query.industry);
  if (query.region) q = q.where('a.region', '=', query.region);
  if (after) q = q.where(sql<boolean>`(a.name, a.id) > (${String(after.v)}, ${after.id}::uuid)`);
  const rows = await q.orderBy('a.name').orderBy('a.id').limit(fetchLimit(query.limit)).execute();
  const hidden = await hiddenFields(trx, ctx, 'accounts');
  const now = Date.now();
  const present = (r: (typeof rows)[number]) => {
    const cooldown = r.my_cooldown_until && r.my_cooldown_until.getTime() > now ? r.my_cooldown_until : null;
    return stripHidden({ ...presentAccount(r), lastTouchAt: iso(r.last_touch_at), inPoolSince: iso(r.in_pool_since), myCooldownUntil: iso(cooldown) }, hidden);
  };
  return pageFrom(rows, query.limit, present, (last) => ({ v: last.name, id: last.id, s: 'name' }));
}
