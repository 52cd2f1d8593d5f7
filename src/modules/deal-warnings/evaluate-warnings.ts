// Evaluates the warning rules on open deals and brings the stored warnings in line: a newly
// firing warning is stored, evented (deal.warning_raised, so workflows can start from it) and
// raised to the deal's owner and the owner's manager; one still firing gets fresh evidence; one
// whose condition cleared (or whose deal closed) is resolved together with its alerts.
// "unknown" outcomes (missing data) neither raise nor resolve anything.
import { sql } from 'kysely';
import { newId } from '../../platform/ids.ts';
import { recordEvents } from '../../platform/events/outbox.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { raiseAlerts } from '../alerts/raise-alert.ts';
import { ownersAndManagers } from '../teams/managers-of.ts';
import { loadDealFacts, type DealSelection } from './load-deal-facts.ts';
import { loadStageNorms } from './stage-norms.ts';
import { daysBeforeClose, evaluateDeal, type DealFacts, type Evidence, type RuleOutcome, type WarningKind } from './warning-rules.ts';
import { loadWarningSettings } from './warning-settings.ts';
import { warningBody, warningTitle } from './warning-text.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { resolveAlerts } from '../alerts/resolve-alerts.ts';

export interface EvaluationResult {
  deals: number;
  raised: number;
  updated: number;
  resolved: number;
  unknown: number;
  /** time spent loading facts and applying the rules, and storing the outcome */
  loadMs: number;
  storeMs: number;
}

export const alertKey = (dealId: string, kind: string) => `deal-warning:${dealId}:${kind}`;

/** Loads facts and applies the rules, without writing: what each deal's checks say now. */
export async function assessDeals(trx: Tx, tenantId: string, sel: DealSelection, now = new Date()) {
  const settings = await loadWarningSettings(trx, tenantId);
  const [norms, facts, clock] = await Promise.all([
    loadStageNorms(trx, tenantId, settings.stallPercentile),
    loadDealFacts(trx, tenantId, sel, settings, now),
    tenantClock(trx, tenantId, now),
  ]);
  const ctx = { now, settings, norms };
  return { today: clock.today, assessed: facts.map((deal) => ({ deal, outcomes: evaluateDeal(deal, ctx) })) };
}

interface OpenWarning {
  id: string;
  opportunity_id: string;
  kind: string;
  owner_id: string | null;
}

export async function evaluateWarnings(trx: Tx, ctx: RequestContext, sel: DealSelection = {}, now = new Date()): Promise<EvaluationResult> {
  const started = performance.now();
  const { today, assessed } = await assessDeals(trx, ctx.tenantId, sel, now);
  const loadMs = Math.round(performance.now() - started);

  let openQuery = trx.selectFrom('deal_warnings as w').select(['w.id', 'w.opportunity_id', 'w.kind', 'w.owner_id']).where('w.tenant_id', '=', ctx.tenantId).where('w.resolved_at', 'is', null);
  if (sel.dealIds) openQuery = openQuery.where('w.opportunity_id', 'in', sel.dealIds.length ? [...sel.dealIds] : ['00000000-0000-0000-0000-000000000000']);
  if (sel.accountIds) openQuery = openQuery.where('w.opportunity_id', 'in', (eb) => eb.selectFrom('opportunities').select('id').where('tenant_id', '=', ctx.tenantId).where('account_id', 'in', sel.accountIds?.length ? [...sel.accountIds] : ['00000000-0000-0000-0000-000000000000']));
  const open = await openQuery.execute();
  const openByKey = new Map<string, OpenWarning>(open.map((w) => [`${w.opportunity_id}:${w.kind}`, w]));

  const toRaise: { deal: DealFacts; outcome: RuleOutcome & { status: 'fires' } }[] = [];
  const toUpdate: { id: string; evidence: Evidence }[] = [];
  const toResolve: { warning: OpenWarning; resolution: 'condition_cleared' | 'deal_closed'; evidence?: Evidence }[] = [];
  let unknown = 0;
  const seen = new Set<string>();
  for (const { deal, outcomes } of assessed) {
    for (const outcome of outcomes) {
      const key = `${deal.id}:${outcome.kind}`;
      seen.add(key);
      const existing = openByKey.get(key);
      if (outcome.status === 'fires') {
        if (existing) toUpdate.push({ id: existing.id, evidence: outcome.evidence });
        else toRaise.push({ deal, outcome });
      } else if (outcome.status === 'clear') {
        if (existing) toResolve.push({ warning: existing, resolution: 'condition_cleared', evidence: outcome.evidence });
      } else unknown++;
    }
  }
  // open warnings on deals that are no longer open (won, lost) in what was evaluated
  for (const w of open) if (!seen.has(`${w.opportunity_id}:${w.kind}`)) toResolve.push({ warning: w, resolution: 'deal_closed' });

  const storeStarted = performance.now();
  await raiseWarnings(trx, ctx, toRaise, today, now);
  for (let i = 0; i < toUpdate.length; i += 1000) {
    const batch = toUpdate.slice(i, i + 1000).map((u) => ({ id: u.id, evidence: u.evidence }));
    await sql`update deal_warnings w set evidence = v.evidence, evaluated_at = ${now}
      from jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) as v(id uuid, evidence jsonb)
      where w.tenant_id = ${ctx.tenantId} and w.id = v.id`.execute(trx);
  }
  await resolveWarnings(trx, ctx, toResolve, now);
  return { deals: assessed.length, raised: toRaise.length, updated: toUpdate.length, resolved: toResolve.length, unknown, loadMs, storeMs: Math.round(performance.now() - storeStarted) };
}

async function raiseWarnings(trx: Tx, ctx: RequestContext, items: { deal: DealFacts; outcome: RuleOutcome & { status: 'fires' } }[], today: string, now: Date) {
  if (items.length === 0) return;
  const owners = [...new Set(items.map((i) => i.deal.ownerId).filter((id): id is string => id !== null))];
  const recipients = await ownersAndManagers(trx, ctx.tenantId, owners);
  for (let i = 0; i < items.length; i += 500) {
    const rows = items.slice(i, i + 500).map(({ deal, outcome }) => ({
      id: newId(),
      tenant_id: ctx.tenantId,
      opportunity_id: deal.id,
      kind: outcome.kind,
      owner_id: deal.ownerId,
      evidence: JSON.stringify(outcome.evidence),
      expected_close_date: deal.expectedCloseDate,
      days_before_close: daysBeforeClose(deal.expectedCloseDate, today),
      raised_at: now,
      evaluated_at: now,
    }));
    // a concurrent evaluation of the same deal may have raised it first: the open index keeps one
    const inserted = await trx
      .insertInto('deal_warnings')
      .values(rows)
      .onConflict((oc) => oc.expression(sql`tenant_id, opportunity_id, kind`).where('resolved_at', 'is', null).doNothing())
      .returning(['id', 'opportunity_id', 'kind'])
      .execute();
    const byKey = new Map(items.slice(i, i + 500).map((it) => [`${it.deal.id}:${it.outcome.kind}`, it]));
    const raised = inserted.map((row) => {
      const { deal, outcome } = byKey.get(`${row.opportunity_id}:${row.kind}`) as (typeof items)[number];
      return { row, deal, outcome, close: { expectedCloseDate: deal.expectedCloseDate, daysBeforeClose: daysBeforeClose(deal.expectedCloseDate, today) } };
    });
    await recordEvents(
      trx,
      ctx,
      raised.map(({ row, deal, outcome, close }) => ({
        type: 'deal.warning_raised',
        entity: 'deal_warnings',
        entityId: row.id,
        after: { opportunityId: deal.id, kind: outcome.kind, ownerId: deal.ownerId, ...close },
        payload: { warningId: row.id, opportunityId: deal.id, kind: outcome.kind, ownerId: deal.ownerId, ...close, evidence: outcome.evidence },
      })),
    );
    await raiseAlerts(
      trx,
      ctx,
      raised.flatMap(({ row, deal, outcome, close }) => {
        const title = warningTitle(outcome.kind, deal.name, outcome.evidence);
        const body = warningBody(outcome.kind, outcome.evidence, close);
        return (deal.ownerId ? (recipients.get(deal.ownerId) ?? []) : []).map((userId) => ({
          userId,
          kind: `deal_warning.${outcome.kind}`,
          severity: close.daysBeforeClose !== null && close.daysBeforeClose <= 30 ? ('critical' as const) : ('warning' as const),
          title,
          body,
          entity: 'opportunities',
          entityId: deal.id,
          evidence: { warningId: row.id, kind: outcome.kind, dealName: deal.name, ...close, ...outcome.evidence },
          dedupeKey: alertKey(deal.id, outcome.kind),
        }));
      }),
    );
  }
}

async function resolveWarnings(trx: Tx, ctx: RequestContext, items: { warning: OpenWarning; resolution: 'condition_cleared' | 'deal_closed'; evidence?: Evidence }[], now: Date) {
  for (let i = 0; i < items.length; i += 500) {
    const batch = items.slice(i, i + 500);
    for (const resolution of ['condition_cleared', 'deal_closed'] as const) {
      const ids = batch.filter((b) => b.resolution === resolution).map((b) => b.warning.id);
      if (ids.length) await trx.updateTable('deal_warnings').set({ resolved_at: now, resolution, evaluated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', 'in', ids).execute();
    }
    await resolveAlerts(trx, ctx.tenantId, batch.map((b) => alertKey(b.warning.opportunity_id, b.warning.kind)), now);
    await recordEvents(
      trx,
      ctx,
      batch.map((b) => ({
        type: 'deal.warning_resolved',
        entity: 'deal_warnings',
        entityId: b.warning.id,
        after: { opportunityId: b.warning.opportunity_id, kind: b.warning.kind as WarningKind, resolution: b.resolution },
        payload: { warningId: b.warning.id, opportunityId: b.warning.opportunity_id, kind: b.warning.kind, resolution: b.resolution, ...(b.evidence ? { evidence: b.evidence } : {}) },
      })),
    );
  }
}
