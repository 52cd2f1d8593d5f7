// Reading warnings: the list for my data scope (open, resolved or all; by kind, owner or deal) in
// keyset pages, newest first, and one deal's active warnings with what every check says now.
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { decodeCursor, fetchLimit, listQueryBase, pageFrom } from '../../platform/http/list-params.ts';
import { id, iso } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { opportunitiesService } from '../pipeline/opportunities-resource.ts';
import { assessDeals } from './evaluate-warnings.ts';
import { warningKinds } from './warning-rules.ts';

export const warningListQuery = z
  .object({
    status: z.enum(['open', 'resolved', 'all']).default('open'),
    kind: z.enum(warningKinds).optional(),
    ownerId: id().optional(),
    opportunityId: id().optional(),
    limit: listQueryBase.limit,
    cursor: listQueryBase.cursor,
  })
  .strict();

const SORT = '-id';

function baseQuery(trx: Tx, ctx: RequestContext) {
  return trx
    .selectFrom('deal_warnings as w')
    .innerJoin('opportunities as o', (j) => j.onRef('o.id', '=', 'w.opportunity_id').onRef('o.tenant_id', '=', 'w.tenant_id'))
    .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'o.account_id').onRef('a.tenant_id', '=', 'o.tenant_id'))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'o.owner_id').onRef('u.tenant_id', '=', 'o.tenant_id'))
    .select(['w.id', 'w.opportunity_id', 'w.kind', 'w.evidence', 'w.expected_close_date', 'w.days_before_close', 'w.raised_at', 'w.evaluated_at', 'w.resolved_at', 'w.resolution', 'o.name as opportunity_name', 'o.expected_close_date as current_close_date', 'o.account_id', 'a.name as account_name', 'o.owner_id', 'u.name as owner_name'])
    .where('w.tenant_id', '=', ctx.tenantId);
}
type WarningRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

export const presentWarning = (r: WarningRow) => ({
  id: r.id,
  opportunityId: r.opportunity_id,
  opportunityName: r.opportunity_name,
  accountId: r.account_id,
  accountName: r.account_name,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  kind: r.kind,
  evidence: r.evidence,
  /** the expected close date when first raised, and how many days ahead of it that was */
  expectedCloseDate: r.expected_close_date,
  daysBeforeClose: r.days_before_close,
  raisedAt: iso(r.raised_at),
  evaluatedAt: iso(r.evaluated_at),
  resolvedAt: iso(r.resolved_at),
  resolution: r.resolution,
});

export async function listWarnings(trx: Tx, ctx: RequestContext, query: z.output<typeof warningListQuery>) {
  authorize(ctx, 'deal_warnings', 'read');
  const cursor = decodeCursor(query.cursor, SORT);
  const owners = await visibleOwnerIds(trx, ctx);
  let q = baseQuery(trx, ctx);
  if (owners) q = owners.length ? q.where('o.owner_id', 'in', owners) : q.where(sql<SqlBool>`false`);
  if (query.status === 'open') q = q.where('w.resolved_at', 'is', null);
  if (query.status === 'resolved') q = q.where('w.resolved_at', 'is not', null);
  if (query.kind) q = q.where('w.kind', '=', query.kind);
  if (query.ownerId) q = q.where('o.owner_id', '=', query.ownerId);
  if (query.opportunityId) q = q.where('w.opportunity_id', '=', query.opportunityId);
  if (cursor) q = q.where('w.id', '<', cursor.id);
  const rows = await q.orderBy('w.id', 'desc').limit(fetchLimit(query.limit)).execute();
  return pageFrom(rows, query.limit, presentWarning, (last) => ({ v: null, id: last.id, s: SORT }));
}

/** One deal's open warnings, and each check's current outcome (fires / clear / unknown with what is missing). */
export async function dealWarnings(trx: Tx, ctx: RequestContext, opportunityId: string) {
  authorize(ctx, 'deal_warnings', 'read');
  await opportunitiesService.get(trx, ctx, opportunityId);
  const rows = await baseQuery(trx, ctx).where('w.opportunity_id', '=', opportunityId).where('w.resolved_at', 'is', null).orderBy('w.id', 'desc').execute();
  const { assessed } = await assessDeals(trx, ctx.tenantId, { dealIds: [opportunityId] });
  const checks = (assessed[0]?.outcomes ?? []).map((o) => (o.status === 'unknown' ? { kind: o.kind, status: o.status, missing: o.missing } : { kind: o.kind, status: o.status, evidence: o.evidence }));
  return { items: rows.map(presentWarning), checks, open: assessed.length > 0 };
}
