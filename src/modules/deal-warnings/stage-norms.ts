// The tenant's own norm for time in a stage: of the deals that went on to win, how long each
// stayed in each stage (from the audit log's stage changes; the first stay counts from the deal's
// creation), and the settings' percentile of those stays, per stage, in one query.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import type { StageNorm } from './warning-rules.ts';

export async function loadStageNorms(trx: Tx, tenantId: string, percentile: number): Promise<Map<string, StageNorm>> {
  const { rows } = await sql<{ stage: string; won_deals: string; days: number | null }>`
    with won as materialized (
      select id, created_at from opportunities where tenant_id = ${tenantId} and stage = 'won'
    ), changes as materialized (
      select l.entity_id, l.at, l.before->>'stage' as from_stage, lag(l.at) over (partition by l.entity_id order by l.seq) as prev_at
      from audit_log l join won w on w.id = l.entity_id
      where l.tenant_id = ${tenantId} and l.entity = 'opportunities' and l.action = 'opportunity.stage_changed'
    )
    select c.from_stage as stage, count(distinct c.entity_id) as won_deals,
      percentile_cont(${percentile / 100}::float8) within group (order by extract(epoch from (c.at - coalesce(c.prev_at, w.created_at))) / 86400.0) as days
    from changes c join won w on w.id = c.entity_id
    where c.from_stage is not null and c.from_stage not in ('won', 'lost')
    group by c.from_stage`.execute(trx);
  return new Map(rows.map((r) => [r.stage, { stage: r.stage, wonDeals: Number(r.won_deals), days: r.days === null ? null : Math.round(Number(r.days) * 10) / 10 }]));
}
