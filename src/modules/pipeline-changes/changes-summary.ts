// The pipeline-changes view of one period: per bucket the number of deals and their amount,
// aggregated in SQL over every deal (no record-count cap), with the waterfall's balance check.
import { sql } from 'kysely';
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { id } from '../../platform/http/schemas.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { periodKeySchema } from '../forecast/periods.ts';
import { bucketKeys, type Buckets, waterfallEnd } from './change-buckets.ts';
import { resolvePeriod } from './change-period.ts';
import { classifiedDealsCte } from './classified-deals.ts';

export const changesQuery = z.object({ period: periodKeySchema.optional(), ownerId: id().optional(), teamId: id().optional() }).strict();

interface TotalsRow {
  [key: string]: string | null;
}

export async function pipelineChanges(trx: Tx, ctx: RequestContext, query: z.output<typeof changesQuery>) {
  authorize(ctx, 'pipeline_changes', 'read');
  const period = await resolvePeriod(trx, ctx.tenantId, query.period);
  const cte = await classifiedDealsCte(trx, ctx, period, query);
  const { rows } = await sql<TotalsRow>`${cte}
    select
      count(*) filter (where start_cents is not null) as start_n, coalesce(sum(start_cents), 0) as start_c,
      count(*) filter (where entry = 'new') as new_n, coalesce(sum(moved_cents) filter (where entry = 'new'), 0) as new_c,
      count(*) filter (where entry = 'moved_in') as moved_in_n, coalesce(sum(moved_cents) filter (where entry = 'moved_in'), 0) as moved_in_c,
      count(*) filter (where delta_cents > 0) as amount_up_n, coalesce(sum(delta_cents) filter (where delta_cents > 0), 0) as amount_up_c,
      count(*) filter (where delta_cents < 0) as amount_down_n, coalesce(-sum(delta_cents) filter (where delta_cents < 0), 0) as amount_down_c,
      count(*) filter (where exit = 'won') as won_n, coalesce(sum(moved_cents) filter (where exit = 'won'), 0) as won_c,
      count(*) filter (where exit = 'lost') as lost_n, coalesce(sum(moved_cents) filter (where exit = 'lost'), 0) as lost_c,
      count(*) filter (where exit = 'moved_out') as moved_out_n, coalesce(sum(moved_cents) filter (where exit = 'moved_out'), 0) as moved_out_c,
      count(*) filter (where end_cents is not null) as end_n, coalesce(sum(end_cents), 0) as end_c,
      count(*) filter (where pushed) as pushed_n, coalesce(sum(moved_cents) filter (where pushed), 0) as pushed_c
    from classified`.execute(trx);
  const r = rows[0];
  const buckets = Object.fromEntries(bucketKeys.map((k) => [k, { count: Number(r[`${k}_n`]), cents: BigInt(r[`${k}_c`] ?? '0') }])) as Buckets;
  return {
    period: { key: period.key, kind: period.kind, from: period.fromDate, to: period.toDate, start: period.start.toISOString(), end: period.end.toISOString(), running: period.running, timeZone: period.timeZone },
    filters: { ownerId: query.ownerId ?? null, teamId: query.teamId ?? null },
    buckets: Object.fromEntries(bucketKeys.map((k) => [k, { count: buckets[k].count, amount: fromCents(buckets[k].cents) }])),
    /** start + new + moved in + up − down − won − lost − moved out equals end */
    balanced: waterfallEnd(buckets) === buckets.end.cents,
  };
}
