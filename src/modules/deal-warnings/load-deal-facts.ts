// Gathers the facts the warning rules read for a set of open deals (all of a tenant's, or some)
// in a handful of set-based queries: the deals with their last touch and decision-maker touches,
// the close-date and amount changes from the audit log, and recent texts naming a competitor.
// Touches are activities other than plain notes, and never ones dated in the future. The CTEs
// are materialised: without statistics (PGlite has no autovacuum) the planner would otherwise
// re-run a per-account aggregate for every deal.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { toCents } from '../../platform/money.ts';
import { openStages } from '../pipeline/stages.ts';
import type { DealFacts } from './warning-rules.ts';
import type { WarningSettings } from './warning-settings.ts';
import { competitorTerms } from '../competitors/competitor-list.ts';

export interface DealSelection {
  /** only these deals (still only the open ones) */
  dealIds?: readonly string[];
  /** only the open deals of these accounts */
  accountIds?: readonly string[];
}

const DAY = 86_400_000;

function dealFilter(sel: DealSelection): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [];
  if (sel.dealIds) parts.push(sql`and o.id = any(${[...sel.dealIds]}::uuid[])`);
  if (sel.accountIds) parts.push(sql`and o.account_id = any(${[...sel.accountIds]}::uuid[])`);
  return sql.join(parts, sql` `);
}

interface DealRow {
  id: string;
  name: string;
  owner_id: string | null;
  account_id: string;
  stage: string;
  expected_close_date: string | null;
  amount_cents: string;
  created_at: Date;
  stage_changed_at: Date;
  last_activity_at: Date | null;
  decision_makers: { id: string; name: string }[] | null;
  last_dm_touch_at: Date | null;
  last_other_touch_at: Date | null;
}

/** a LIKE pattern matching the term anywhere, with LIKE's wildcards taken literally */
const containsPattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function loadDealFacts(trx: Tx, tenantId: string, sel: DealSelection, settings: WarningSettings, now: Date): Promise<DealFacts[]> {
  if ((sel.dealIds && sel.dealIds.length === 0) || (sel.accountIds && sel.accountIds.length === 0)) return [];
  const open = [...openStages];
  const { rows } = await sql<DealRow>`
    with d as materialized (
      select o.id, o.name, o.owner_id, o.account_id, o.stage, to_char(o.expected_close_date, 'YYYY-MM-DD') as expected_close_date,
        o.amount_cents, o.created_at, o.stage_changed_at
      from opportunities o
      where o.tenant_id = ${tenantId} and o.stage = any(${open}::text[]) ${dealFilter(sel)}
    ), last_touch as materialized (
      select x.opportunity_id as id, max(x.occurred_at) as at
      from activities x join d on d.id = x.opportunity_id
      where x.tenant_id = ${tenantId} and x.type <> 'note' and x.occurred_at <= ${now}
      group by x.opportunity_id
    ), dm as materialized (
      select k.account_id, array_agg(k.id order by k.id) as ids, jsonb_agg(jsonb_build_object('id', k.id, 'name', k.name) order by k.name, k.id) as people
      from contacts k
      where k.tenant_id = ${tenantId} and k.decision_role = 'decision_maker' and k.account_id in (select account_id from d)
      group by k.account_id
    ), account_touch as materialized (
      select dm.account_id,
        max(x.occurred_at) filter (where x.contact_ids && dm.ids) as dm_at,
        max(x.occurred_at) filter (where not (x.contact_ids && dm.ids)) as other_at
      from dm join activities x on x.tenant_id = ${tenantId} and x.account_id = dm.account_id
      where x.type <> 'note' and x.occurred_at <= ${now}
      group by dm.account_id
    )
    select d.*, lt.at as last_activity_at, dm.people as decision_makers, t.dm_at as last_dm_touch_at, t.other_at as last_other_touch_at
    from d
    left join last_touch lt on lt.id = d.id
    left join dm on dm.account_id = d.account_id
    left join account_touch t on t.account_id = d.account_id
    order by d.id`.execute(trx);
  if (rows.length === 0) return [];

  const facts = new Map<string, DealFacts>();
  for (const r of rows) {
    facts.set(r.id, {
      id: r.id,
      name: r.name,
      ownerId: r.owner_id,
      accountId: r.account_id,
      stage: r.stage,
      expectedCloseDate: r.expected_close_date,
      amountCents: BigInt(r.amount_cents),
      createdAt: r.created_at,
      stageChangedAt: r.stage_changed_at,
      lastActivityAt: r.last_activity_at,
      decisionMakers: r.decision_makers ?? [],
      lastDecisionMakerTouchAt: r.last_dm_touch_at,
      lastOtherTouchAt: r.last_other_touch_at,
      closeDateChanges: [],
      amountChanges: [],
      texts: [],
    });
  }
  const ids = rows.map((r) => r.id);
  const selection = sel.dealIds || sel.accountIds ? sql`and l.entity_id = any(${ids}::uuid[])` : sql``;

  const pushSince = new Date(now.getTime() - settings.closePushLookbackDays * DAY);
  const cutSince = new Date(now.getTime() - settings.amountCutLookbackDays * DAY);
  const since = pushSince < cutSince ? pushSince : cutSince;
  const changes = await sql<{ id: string; at: Date; close_changed: boolean; close_from: string | null; close_to: string | null; amount_changed: boolean; amount_from: string | null; amount_to: string | null }>`
    select l.entity_id as id, l.at,
      l.before ? 'expectedCloseDate' as close_changed, l.before->>'expectedCloseDate' as close_from, l.after->>'expectedCloseDate' as close_to,
      l.before ? 'amount' as amount_changed, l.before->>'amount' as amount_from, l.after->>'amount' as amount_to
    from audit_log l
    where l.tenant_id = ${tenantId} and l.entity = 'opportunities' and l.action = 'opportunity.updated' and l.at > ${since} and l.at <= ${now}
      and (l.before ? 'expectedCloseDate' or l.before ? 'amount') ${selection}
    order by l.entity_id, l.seq`.execute(trx);
  for (const c of changes.rows) {
    const deal = facts.get(c.id);
    if (!deal) continue;
    if (c.close_changed && c.at > pushSince) deal.closeDateChanges.push({ at: c.at, from: c.close_from, to: c.close_to });
    if (c.amount_changed && c.at > cutSince && c.amount_from !== null && c.amount_to !== null) deal.amountChanges.push({ at: c.at, fromCents: toCents(c.amount_from), toCents: toCents(c.amount_to) });
  }

  const terms = competitorTerms(settings.competitors);
  if (terms.length) {
    const patterns = terms.map(containsPattern);
    const textSince = new Date(now.getTime() - settings.competitorLookbackDays * DAY);
    const dealIds = sel.dealIds || sel.accountIds ? sql`and x.opportunity_id = any(${ids}::uuid[])` : sql``;
    const noteIds = sel.dealIds || sel.accountIds ? sql`and n.entity_id = any(${ids}::uuid[])` : sql``;
    const texts = await sql<{ deal_id: string; source: 'activity' | 'note'; id: string; at: Date; text: string }>`
      select x.opportunity_id as deal_id, 'activity' as source, x.id, x.occurred_at as at, concat_ws(' ', x.subject, x.body) as text
      from activities x
      where x.tenant_id = ${tenantId} and x.opportunity_id is not null and x.occurred_at > ${textSince} and x.occurred_at <= ${now} ${dealIds}
        and concat_ws(' ', x.subject, x.body) ilike any(${patterns}::text[])
      union all
      select n.entity_id, 'note', n.id, n.updated_at, n.body
      from notes n
      where n.tenant_id = ${tenantId} and n.entity = 'opportunities' and n.updated_at > ${textSince} and n.updated_at <= ${now} ${noteIds}
        and n.body ilike any(${patterns}::text[])`.execute(trx);
    for (const t of texts.rows) facts.get(t.deal_id)?.texts.push({ source: t.source, id: t.id, at: t.at, text: t.text });
  }
  return [...facts.values()];
}
