// The visits list: filters by rep, account and period (tenant-local days), newest first, keyset pages, in the actor's scope.
import { sql } from 'kysely';
import { z } from 'zod';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { decodeCursor, fetchLimit, listQueryBase, type Page, pageFrom } from '../../platform/http/list-params.ts';
import { id, isoDate } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { presentVisit } from './visit-presenter.ts';
import { tenantDays } from './tenant-days.ts';

export const visitListQuery = z
  .object({ limit: listQueryBase.limit, cursor: listQueryBase.cursor, ownerId: id().optional(), accountId: id().optional(), from: isoDate().optional(), to: isoDate().optional(), status: z.enum(['open', 'closed']).optional() })
  .strict();

const SORT = '-checkinAt';

export async function listVisits(trx: Tx, ctx: RequestContext, query: z.output<typeof visitListQuery>): Promise<Page<ReturnType<typeof presentVisit>>> {
  authorize(ctx, 'visits', 'read');
  const cursor = decodeCursor(query.cursor, SORT);
  const owners = await visibleOwnerIds(trx, ctx);
  if (owners?.length === 0) return { items: [], nextCursor: null };
  let q = trx.selectFrom('visits').selectAll().where('tenant_id', '=', ctx.tenantId);
  if (owners) q = q.where('owner_id', 'in', owners);
  if (query.ownerId) q = q.where('owner_id', '=', query.ownerId);
  if (query.accountId) q = q.where('account_id', '=', query.accountId);
  if (query.status) q = q.where('out_at', query.status === 'open' ? 'is' : 'is not', null);
  if (query.from || query.to) {
    const period = await tenantDays(trx, ctx.tenantId, { from: query.from ?? '1970-01-01', to: query.to ?? '9999-12-30' });
    q = q.where('in_at', '>=', period.start).where('in_at', '<', period.end);
  }
  if (cursor) q = q.where(sql<boolean>`(in_at, id) < (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await q.orderBy('in_at', 'desc').orderBy('id', 'desc').limit(fetchLimit(query.limit)).execute();
  return pageFrom(rows, query.limit, presentVisit, (last) => ({ v: last.in_at.toISOString(), id: last.id, s: SORT }));
}
