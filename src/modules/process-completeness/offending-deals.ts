// The drill-down: the open deals in scope that fail one check, optionally of one owner, in
// keyset pages, each with when it was last touched (a touch as completeness-checks.ts defines it).
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { hiddenFields, stripHidden } from '../../platform/auth/field-hiding.ts';
import { decodeCursor, fetchLimit, listQueryBase, pageFrom } from '../../platform/http/list-params.ts';
import { id } from '../../platform/http/schemas.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { checkSchema, checkSql } from './completeness-checks.ts';
import { openDealsInScope } from './open-deals.ts';

export const offendingQuery = z.object({ check: checkSchema, ownerId: id().optional(), limit: listQueryBase.limit, cursor: listQueryBase.cursor }).strict();

export async function offendingDeals(trx: Tx, ctx: RequestContext, query: z.output<typeof offendingQuery>) {
  const after = decodeCursor(query.cursor, `id:${query.check}`);
  let q = (await openDealsInScope(trx, ctx))
    .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'o.account_id').onRef('a.tenant_id', '=', 'o.tenant_id'))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'o.owner_id').onRef('u.tenant_id', '=', 'o.tenant_id'))
    .select((eb) => [
      'o.id',
      'o.name',
      'o.stage',
      'o.amount_cents',
      'o.expected_close_date',
      'o.account_id',
      'a.name as account_name',
      'o.owner_id',
      'u.name as owner_name',
      eb.selectFrom('activities as x').select(sql<Date | null>`max(x.occurred_at)`.as('m')).whereRef('x.tenant_id', '=', 'o.tenant_id').whereRef('x.opportunity_id', '=', 'o.id').where('x.type', '<>', 'note').where('x.occurred_at', '<=', sql<Date>`now()`).as('last_touch_at'),
    ])
    .where(sql<SqlBool>`not ${checkSql(query.check)}`);
  if (query.ownerId) q = q.where('o.owner_id', '=', query.ownerId);
  if (after) q = q.where('o.id', '>', after.id);
  const rows = await q.orderBy('o.id').limit(fetchLimit(query.limit)).execute();
  const hidden = await hiddenFields(trx, ctx, 'opportunities');
  const present = (r: (typeof rows)[number]) =>
    stripHidden(
      {
        id: r.id,
        name: r.name,
        stage: r.stage,
        amount: fromCents(r.amount_cents),
        expectedCloseDate: r.expected_close_date,
        accountId: r.account_id,
        accountName: r.account_name,
        ownerId: r.owner_id,
        ownerName: r.owner_name,
        lastTouchAt: r.last_touch_at?.toISOString() ?? null,
        failedCheck: query.check,
      },
      hidden,
    );
  return pageFrom(rows, query.limit, present, (last) => ({ v: null, id: last.id, s: `id:${query.check}` }));
}
