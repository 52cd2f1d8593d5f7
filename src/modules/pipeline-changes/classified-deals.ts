// The pipeline-changes classification in SQL, one definition for the totals and the drill-down:
// every deal's state at the period's start and end rebuilt from its row and the audit log's
// before-images (the first change after an instant holds the value at that instant), then the
// buckets of change-buckets.ts (which states the same rules in TypeScript, for the tests).
import { sql, type RawBuilder } from 'kysely';
import { visibleOwnerIds } from '../../platform/auth/policies.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import type { ResolvedPeriod } from './change-period.ts';

export interface ChangeFilters {
  ownerId?: string;
  teamId?: string;
}

/** the deals whose current owner is in the viewer's scope and matches the filters */
async function ownerCondition(trx: Tx, ctx: RequestContext, f: ChangeFilters): Promise<RawBuilder<unknown>> {
  const owners = await visibleOwnerIds(trx, ctx);
  const parts: RawBuilder<unknown>[] = [];
  if (owners) parts.push(owners.length ? sql`and o.owner_id = any(${owners}::uuid[])` : sql`and false`);
  if (f.ownerId) parts.push(sql`and o.owner_id = ${f.ownerId}::uuid`);
  if (f.teamId) {
    parts.push(sql`and o.owner_id in (
      with recursive subtree as (
        select id from teams where tenant_id = ${ctx.tenantId} and id = ${f.teamId}::uuid
        union select t.id from teams t join subtree s on t.parent_id = s.id where t.tenant_id = ${ctx.tenantId}
      ) select u.id from users u where u.tenant_id = ${ctx.tenantId} and u.team_id in (select id from subtree))`);
  }
  return sql.join(parts, sql` `);
}

/** `with ... classified as (...)`: one row per deal the period's pipeline held, with its buckets. */
export async function classifiedDealsCte(trx: Tx, ctx: RequestContext, p: ResolvedPeriod, f: ChangeFilters): Promise<RawBuilder<unknown>> {
  const t = ctx.tenantId;
  return sql`
    with p as (
      select ${p.start}::timestamptz as s, ${p.end}::timestamptz as e, ${p.fromDate}::date as d0, ${p.toDate}::date as d1
    ), o as materialized (
      select o.id, o.created_at, o.closed_at, o.stage, o.expected_close_date, o.amount_cents
      from opportunities o cross join p
      where o.tenant_id = ${t} and o.created_at <= p.e ${await ownerCondition(trx, ctx, f)}
    ), h as materialized (
      select l.entity_id as id,
        bool_or(l.before ? 'stage') as stage_s_changed,
        (array_agg(l.before->>'stage' order by l.seq) filter (where l.before ? 'stage'))[1] as stage_s,
        bool_or(l.before ? 'expectedCloseDate') as close_s_changed,
        (array_agg(l.before->>'expectedCloseDate' order by l.seq) filter (where l.before ? 'expectedCloseDate'))[1] as close_s,
        bool_or(l.before ? 'amount') as amount_s_changed,
        (array_agg(l.before->>'amount' order by l.seq) filter (where l.before ? 'amount'))[1] as amount_s,
        bool_or(l.at > p.e and l.before ? 'stage') as stage_e_changed,
        (array_agg(l.before->>'stage' order by l.seq) filter (where l.at > p.e and l.before ? 'stage'))[1] as stage_e,
        bool_or(l.at > p.e and l.before ? 'expectedCloseDate') as close_e_changed,
        (array_agg(l.before->>'expectedCloseDate' order by l.seq) filter (where l.at > p.e and l.before ? 'expectedCloseDate'))[1] as close_e,
        bool_or(l.at > p.e and l.before ? 'amount') as amount_e_changed,
        (array_agg(l.before->>'amount' order by l.seq) filter (where l.at > p.e and l.before ? 'amount'))[1] as amount_e,
        coalesce(bool_or(l.at <= p.e and l.after->>'stage' in ('won', 'lost')), false) as closed_by_change,
        coalesce(bool_or(l.at <= p.e and l.before->>'expectedCloseDate' is not null and l.after->>'expectedCloseDate' > l.before->>'expectedCloseDate'), false) as pushed
      from audit_log l cross join p
      where l.tenant_id = ${t} and l.entity = 'opportunities' and l.at > p.s and l.entity_id in (select id from o)
      group by l.entity_id
    ), st as (
      select o.id, o.created_at <= p.s as existed_s, p.d0, p.d1,
        case when h.stage_s_changed then h.stage_s else o.stage end as stage_s,
        case when h.close_s_changed then h.close_s::date else o.expected_close_date end as close_s,
        case when h.amount_s_changed then (h.amount_s::numeric * 100)::bigint else o.amount_cents end as amount_s,
        case when h.stage_e_changed then h.stage_e else o.stage end as stage_e,
        case when h.close_e_changed then h.close_e::date else o.expected_close_date end as close_e,
        case when h.amount_e_changed then (h.amount_e::numeric * 100)::bigint else o.amount_cents end as amount_e,
        coalesce(h.closed_by_change, false) or (o.closed_at > p.s and o.closed_at <= p.e) as closed_during,
        coalesce(h.pushed, false) as pushed
      from o cross join p left join h on h.id = o.id
    ), f as (
      select st.*,
        coalesce(existed_s and stage_s not in ('won', 'lost') and close_s between d0 and d1, false) as start_in,
        coalesce(stage_e not in ('won', 'lost') and close_e between d0 and d1, false) as end_in,
        coalesce(stage_e in ('won', 'lost') and (not existed_s or stage_s not in ('won', 'lost')) and closed_during, false) as closed_in
      from st
    ), classified as (
      select f.id, f.stage_s, f.close_s, f.amount_s, f.stage_e, f.close_e, f.amount_e, f.pushed,
        case when start_in then f.amount_s end as start_cents,
        case when start_in then null when existed_s then 'moved_in' else 'new' end as entry,
        case when closed_in then f.stage_e when end_in then null else 'moved_out' end as exit,
        case when end_in then f.amount_e end as end_cents,
        case when start_in then f.amount_e - f.amount_s else 0 end as delta_cents,
        f.amount_e as moved_cents
      from f where start_in or end_in or closed_in
    )`;
}

/** the condition a drill-down bucket puts on `classified c` */
export function bucketCondition(bucket: string): RawBuilder<unknown> {
  switch (bucket) {
    case 'start':
      return sql`c.start_cents is not null`;
    case 'end':
      return sql`c.end_cents is not null`;
    case 'new':
    case 'moved_in':
      return sql`c.entry = ${bucket}`;
    case 'won':
    case 'lost':
    case 'moved_out':
      return sql`c.exit = ${bucket}`;
    case 'amount_up':
      return sql`c.delta_cents > 0`;
    case 'amount_down':
      return sql`c.delta_cents < 0`;
    default:
      return sql`c.pushed`;
  }
}
