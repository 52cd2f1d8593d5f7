// The touch-logging metric (15 分钟记录率): per rep or team, how many touches happened in the
// period, how many were logged within 15 minutes of happening, that share, and the median delay.
import { sql } from 'kysely';
import { z } from 'zod';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { isoDate } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { tenantDays } from '../visits/tenant-days.ts';

export const touchLoggingQuery = z.object({ from: isoDate().optional(), to: isoDate().optional(), groupBy: z.enum(['rep', 'team']).default('rep') }).strict();

export const LOGGING_WINDOW_MINUTES = 15;

export interface TouchLoggingRow {
  /** the rep's or team's id; null for reps in no team */
  id: string | null;
  name: string | null;
  count: number;
  within15: number;
  share: number;
  /** median of logged_at − occurred_at (a touch logged before its time counts as 0) */
  medianDelayMinutes: number;
}

interface Aggregate {
  is_total: boolean;
  id: string | null;
  name: string | null;
  count: number;
  within15: number;
  median_seconds: number;
}

export async function touchLogging(trx: Tx, ctx: RequestContext, query: z.output<typeof touchLoggingQuery>) {
  authorize(ctx, 'activities', 'read');
  const period = await tenantDays(trx, ctx.tenantId, query);
  const owners = await visibleOwnerIds(trx, ctx);
  const base = { from: period.from, to: period.to, groupBy: query.groupBy, windowMinutes: LOGGING_WINDOW_MINUTES };
  if (owners?.length === 0) return { ...base, total: null, groups: [] };
  const scope = owners ? sql`and a.owner_id = any(${owners}::uuid[])` : sql``;
  const key = query.groupBy === 'rep' ? sql`u.id` : sql`t.id`;
  const group = query.groupBy === 'rep' ? sql`u.id, u.name` : sql`t.id, t.name`;
  // internal notes are not customer touches
  const { rows } = await sql<Aggregate>`
    select grouping(${key}) = 1 as is_total, ${group}, count(*)::int as count,
      count(*) filter (where a.logged_at - a.occurred_at <= ${LOGGING_WINDOW_MINUTES} * interval '1 minute')::int as within15,
      percentile_cont(0.5) within group (order by greatest(extract(epoch from a.logged_at - a.occurred_at), 0))::float8 as median_seconds
    from activities a
    join users u on u.id = a.owner_id and u.tenant_id = a.tenant_id
    left join teams t on t.id = u.team_id and t.tenant_id = u.tenant_id
    where a.tenant_id = ${ctx.tenantId} and a.type <> 'note' and a.occurred_at >= ${period.start} and a.occurred_at < ${period.end} ${scope}
    group by grouping sets ((${group}), ())
    order by is_total desc, count(*) desc, name`.execute(trx);
  const present = (r: Aggregate): TouchLoggingRow => ({ id: r.id, name: r.name, count: r.count, within15: r.within15, share: Math.round((r.within15 / r.count) * 10_000) / 10_000, medianDelayMinutes: Math.round(r.median_seconds / 6) / 10 });
  // the grand-total grouping set yields a row even over no touches: no touches means no total, not a share of 0
  const total = rows.find((r) => r.is_total && r.count > 0);
  return { ...base, total: total ? present(total) : null, groups: rows.filter((r) => !r.is_total).map(present) };
}
