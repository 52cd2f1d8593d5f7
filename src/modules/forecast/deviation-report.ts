// The monthly deviation report: the ten largest differences between what the mid-month snapshot
// forecast (its commit and best-case deals) and what happened — slipped, lost, amount cut, or
// won without being forecast — each with root-cause tags proposed from the deal's timeline.
import { sql } from 'kysely';
import { z } from 'zod';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { AppError } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { fromCents, toCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { loadDealRecords } from './deal-history.ts';
import { parsePeriod, periodInstants } from './periods.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { proposeRootCauses, type Timeline } from './root-causes.ts';
import type { SnapshotData } from './take-snapshot.ts';

export const monthKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month like 2026-11');
export const REPORT_SIZE = 10;

export interface Deviation {
  opportunityId: string;
  kind: 'slipped' | 'lost' | 'amount_cut' | 'unforecast_win';
  forecastCategory: string | null;
  forecastCents: bigint;
  actualCents: bigint;
}

/** Pure: snapshot deals vs the outcome of each deal in the month. */
export function findDeviations(snapshotDeals: SnapshotData['deals'], outcomes: Map<string, { wonInPeriodCents: bigint | null; lost: boolean }>, unforecastWins: { id: string; amountCents: bigint }[]): Deviation[] {
  const out: Deviation[] = [];
  for (const d of snapshotDeals) {
    const f = toCents(d.amount);
    const o = outcomes.get(d.id);
    if (o?.wonInPeriodCents !== null && o?.wonInPeriodCents !== undefined) {
      if (o.wonInPeriodCents < f) out.push({ opportunityId: d.id, kind: 'amount_cut', forecastCategory: d.forecastCategory, forecastCents: f, actualCents: o.wonInPeriodCents });
    } else out.push({ opportunityId: d.id, kind: o?.lost ? 'lost' : 'slipped', forecastCategory: d.forecastCategory, forecastCents: f, actualCents: 0n });
  }
  for (const w of unforecastWins) out.push({ opportunityId: w.id, kind: 'unforecast_win', forecastCategory: null, forecastCents: 0n, actualCents: w.amountCents });
  const size = (d: Deviation) => (d.forecastCents > d.actualCents ? d.forecastCents - d.actualCents : d.actualCents - d.forecastCents);
  return out.sort((a, b) => (size(b) > size(a) ? 1 : size(b) < size(a) ? -1 : a.opportunityId.localeCompare(b.opportunityId))).slice(0, REPORT_SIZE);
}

async function timelineOf(trx: Tx, tenantId: string, dealId: string, until: Date): Promise<Timeline> {
  const { rows: changes } = await sql<{ at: Date; before: Record<string, unknown> | null; after: Record<string, unknown> | null }>`
    select at, before, after from audit_log where tenant_id = ${tenantId} and entity = 'opportunities' and entity_id = ${dealId} order by seq`.execute(trx);
  const pick = (field: string) => changes.filter((c) => c.before && c.after && field in c.before && field in c.after && c.before[field] !== c.after[field]).map((c) => ({ at: new Date(c.at), from: (c.before?.[field] as string | null) ?? null, to: (c.after?.[field] as string | null) ?? null }));
  const acts = await trx.selectFrom('activities').select(['occurred_at', 'subject', 'body']).where('tenant_id', '=', tenantId).where('opportunity_id', '=', dealId).execute();
  const notes = await trx.selectFrom('notes').select(['created_at', 'body']).where('tenant_id', '=', tenantId).where('entity', '=', 'opportunities').where('entity_id', '=', dealId).execute();
  return {
    closeDateChanges: pick('expectedCloseDate'),
    ownerChanges: pick('ownerId'),
    entries: [...acts.map((a) => ({ at: a.occurred_at, kind: 'activity' as const, text: `${a.subject} ${a.body ?? ''}`.trim() })), ...notes.map((n) => ({ at: n.created_at, kind: 'note' as const, text: n.body }))],
    until,
  };
}

export async function buildDeviationReport(trx: Tx, ctx: RequestContext, monthKey: string) {
  authorize(ctx, 'forecast_snapshots', 'create');
  const period = parsePeriod(monthKey);
  const clock = await tenantClock(trx, ctx.tenantId, new Date());
  const { from, to } = await periodInstants(trx, clock.timeZone, period);
  const mid = new Date((from.getTime() + to.getTime()) / 2);
  const snap = await trx.selectFrom('forecast_snapshots').select(['id', 'data']).where('tenant_id', '=', ctx.tenantId).where('period_key', '=', monthKey).where('taken_at', '<', to).orderBy(sql`abs(extract(epoch from taken_at - ${mid}::timestamptz))`).limit(1).executeTakeFirst();
  if (!snap) throw new AppError('unprocessable', `There is no forecast snapshot for ${monthKey} to compare with; take one (POST /api/forecast/snapshots) during the month.`);
  const data = snap.data as SnapshotData;
  const deals = await loadDealRecords(trx, ctx.tenantId);
  const byId = new Map(deals.map((d) => [d.id, d]));
  const forecastIds = new Set(data.deals.map((d) => d.id));
  const outcomes = new Map<string, { wonInPeriodCents: bigint | null; lost: boolean }>();
  for (const d of data.deals) {
    const now = byId.get(d.id);
    outcomes.set(d.id, { wonInPeriodCents: now && now.stage === 'won' && now.closedAt && now.closedAt >= from && now.closedAt < to ? now.amountCents : null, lost: now?.stage === 'lost' });
  }
  const unforecast = deals.filter((d) => !forecastIds.has(d.id) && d.stage === 'won' && d.closedAt && d.closedAt >= from && d.closedAt < to).map((d) => ({ id: d.id, amountCents: d.amountCents }));
  const found = findDeviations(data.deals, outcomes, unforecast);
  await trx.deleteFrom('forecast_deviations').where('tenant_id', '=', ctx.tenantId).where('month_key', '=', monthKey).where('confirmed_at', 'is', null).execute();
  const until = new Date(Math.min(to.getTime(), Date.now()));
  for (const d of found) {
    const proposed = proposeRootCauses(await timelineOf(trx, ctx.tenantId, d.opportunityId, until));
    const values = { snapshot_id: snap.id, kind: d.kind, forecast_category: d.forecastCategory, forecast_cents: d.forecastCents.toString(), actual_cents: d.actualCents.toString(), deviation_cents: (d.actualCents - d.forecastCents).toString(), proposed: JSON.stringify(proposed), updated_at: new Date() };
    await trx.insertInto('forecast_deviations').values({ id: newId(), tenant_id: ctx.tenantId, month_key: monthKey, opportunity_id: d.opportunityId, ...values }).onConflict((oc) => oc.columns(['tenant_id', 'month_key', 'opportunity_id']).doUpdateSet(values)).execute();
  }
  await recordEvent(trx, ctx, { type: 'forecast.deviation_report_built', entity: 'forecast_deviations', entityId: null, after: { month: monthKey, rows: found.length, snapshotId: snap.id } });
  return listDeviations(trx, ctx, monthKey);
}

export async function listDeviations(trx: Tx, ctx: RequestContext, monthKey: string) {
  authorize(ctx, 'forecast', 'read');
  const owners = await visibleOwnerIds(trx, ctx);
  let q = trx
    .selectFrom('forecast_deviations as d')
    .innerJoin('opportunities as o', (j) => j.onRef('o.id', '=', 'd.opportunity_id').onRef('o.tenant_id', '=', 'd.tenant_id'))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'o.owner_id').onRef('u.tenant_id', '=', 'o.tenant_id'))
    .leftJoin('users as c', (j) => j.onRef('c.id', '=', 'd.confirmed_by').onRef('c.tenant_id', '=', 'd.tenant_id'))
    .select(['d.id', 'd.opportunity_id', 'o.name as deal_name', 'o.owner_id', 'u.name as owner_name', 'd.kind', 'd.forecast_category', 'd.forecast_cents', 'd.actual_cents', 'd.deviation_cents', 'd.proposed', 'd.confirmed_tags', 'd.confirmed_by', 'c.name as confirmed_by_name', 'd.confirmed_at'])
    .where('d.tenant_id', '=', ctx.tenantId)
    .where('d.month_key', '=', monthKey);
  if (owners) q = owners.length ? q.where('o.owner_id', 'in', owners) : q.where(sql<boolean>`false`);
  const rows = await q.orderBy(sql`abs(d.deviation_cents)`, 'desc').orderBy('d.id').execute();
  return {
    month: monthKey,
    items: rows.map((r) => ({
      id: r.id,
      opportunity: { id: r.opportunity_id, name: r.deal_name },
      owner: r.owner_id ? { id: r.owner_id, name: r.owner_name } : null,
      kind: r.kind,
      forecastCategory: r.forecast_category,
      forecast: fromCents(r.forecast_cents) as string,
      actual: fromCents(r.actual_cents) as string,
      deviation: fromCents(r.deviation_cents) as string,
      proposed: r.proposed as { tag: string; evidence: string[] }[],
      confirmedTags: r.confirmed_tags,
      confirmedBy: r.confirmed_by ? { id: r.confirmed_by, name: r.confirmed_by_name } : null,
      confirmedAt: r.confirmed_at?.toISOString() ?? null,
      canConfirm: r.owner_id !== null && r.owner_id === ctx.actor.userId,
    })),
  };
}
