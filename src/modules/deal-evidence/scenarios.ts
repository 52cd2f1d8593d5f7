// A deal's three scenarios (optimistic / neutral / pessimistic amount and close date), set by
// its rep, each value compared with the history of similar won deals (scenario-stats.ts; the
// close date from the deal's current stage where the won deals' stage moves are on record) and
// flagged beyond 2σ; the flags are computed on every read, so they follow the history.
import { z } from 'zod';
import { sql } from 'kysely';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { AppError } from '../../platform/http/errors.ts';
import { iso, isoDate, money } from '../../platform/http/schemas.ts';
import { fromCents, toCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { opportunitiesService } from '../pipeline/opportunities-resource.ts';
import { openStages } from '../pipeline/stages.ts';
import { daysBetween, localDateAt, tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { cycleSample, MIN_HISTORY, similarHistory, zScore, Z_LIMIT, type CycleSample, type DealProfile, type HistoryChoice, type WonDeal, type ZResult } from './scenario-stats.ts';

export const scenarioKinds = ['optimistic', 'neutral', 'pessimistic'] as const;
type Kind = (typeof scenarioKinds)[number];
const MAX_YEARS_AHEAD = 5;

const scenario = z.object({ amount: money(), closeDate: isoDate() }).strict();
export const scenariosInput = z
  .object({ optimistic: scenario, neutral: scenario, pessimistic: scenario })
  .strict()
  .superRefine((v, ctx) => {
    const cents = (k: Kind) => {
      try {
        return toCents(v[k].amount, `${k}.amount`);
      } catch {
        return null;
      }
    };
    const [o, n, p] = [cents('optimistic'), cents('neutral'), cents('pessimistic')];
    for (const [k, c] of [['optimistic', o], ['neutral', n], ['pessimistic', p]] as const) if (c !== null && c <= 0n) ctx.addIssue({ code: 'custom', path: [k, 'amount'], message: 'must be above 0' });
    if (o !== null && n !== null && p !== null && !(p <= n && n <= o)) ctx.addIssue({ code: 'custom', path: ['neutral', 'amount'], message: 'amounts must satisfy pessimistic ≤ neutral ≤ optimistic' });
    if (!(v.optimistic.closeDate <= v.neutral.closeDate && v.neutral.closeDate <= v.pessimistic.closeDate)) {
      ctx.addIssue({ code: 'custom', path: ['neutral', 'closeDate'], message: 'close dates must satisfy optimistic ≤ neutral ≤ pessimistic (the optimistic case closes soonest)' });
    }
  });
export type ScenariosInput = z.output<typeof scenariosInput>;

const ln = (cents: number) => Math.log(cents);
const round = (x: number | null, digits = 3) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const centsText = (x: number) => fromCents(BigInt(Math.round(x)));

function amountFlag(cents: number, choice: HistoryChoice) {
  const r = zScore(ln(cents), choice.deals.map((d) => ln(d.amountCents)));
  return {
    ...base(r, choice),
    scale: 'log' as const,
    /** the geometric mean of the similar deals' amounts */
    mean: r.mean === null ? null : centsText(Math.exp(r.mean)),
    /** σ of ln(amount); the 2σ band is mean ÷ e^(2σ) … mean × e^(2σ) */
    sigma: round(r.sigma, 4),
    band: r.mean === null || r.sigma === null ? null : { low: centsText(Math.exp(r.mean - Z_LIMIT * r.sigma)), high: centsText(Math.exp(r.mean + Z_LIMIT * r.sigma)) },
  };
}

/** `days`: from the deal's entry into its stage (from_stage) or from its creation (from_creation) to the scenario's close date */
function cycleFlag(days: number, sample: CycleSample, choice: HistoryChoice) {
  const r = zScore(days, sample.days);
  return {
    ...base(r, choice),
    scale: 'days' as const,
    measure: sample.measure,
    stage: sample.stage,
    cycleDays: days,
    mean: round(r.mean, 1),
    sigma: round(r.sigma, 1),
    band: r.mean === null || r.sigma === null ? null : { low: round(r.mean - Z_LIMIT * r.sigma, 1), high: round(r.mean + Z_LIMIT * r.sigma, 1) },
  };
}

function base(r: ZResult, choice: HistoryChoice) {
  const reason =
    r.state === 'unknown'
      ? r.n < MIN_HISTORY
        ? `Too little history: fewer than ${MIN_HISTORY} similar won deals (even tenant-wide), so this value cannot be judged.`
        : 'The similar won deals all have the same value: no spread to judge against.'
      : r.state === 'flagged'
        ? `${Math.abs(r.z as number).toFixed(2)}σ from the mean of ${r.n} similar won deals (${choice.level}): more than ${Z_LIMIT}σ, check this value.`
        : `Within ${Z_LIMIT}σ of ${r.n} similar won deals (${choice.level}).`;
  return { state: r.state, z: round(r.z), n: r.n, similarity: choice.level, reason };
}

async function dealProfile(trx: Tx, tenantId: string, opportunityId: string, accountId: string): Promise<DealProfile> {
  const account = await trx.selectFrom('accounts').select(['industry', 'size']).where('tenant_id', '=', tenantId).where('id', '=', accountId).executeTakeFirst();
  const products = await trx.selectFrom('order_lines').select('product_id').distinct().where('tenant_id', '=', tenantId).where('opportunity_id', '=', opportunityId).execute();
  return { industry: account?.industry ?? null, size: account?.size ?? null, productIds: products.map((p) => p.product_id) };
}

/** every won deal of the tenant but this one, with its profile, amount, cycle and the days from each recorded stage entry to winning */
async function wonHistory(trx: Tx, tenantId: string, exceptId: string): Promise<WonDeal[]> {
  const rows = await trx
    .selectFrom('opportunities as o')
    .innerJoin('accounts as a', (j) => j.onRef('a.tenant_id', '=', 'o.tenant_id').onRef('a.id', '=', 'o.account_id'))
    .select((eb) => [
      'o.id',
      'o.amount_cents',
      'a.industry',
      'a.size',
      sql<number>`extract(epoch from (o.closed_at - o.created_at)) / 86400`.as('cycle_days'),
      eb.selectFrom('order_lines as l').select(sql<string[]>`coalesce(array_agg(distinct l.product_id), '{}')`.as('p')).whereRef('l.tenant_id', '=', 'o.tenant_id').whereRef('l.opportunity_id', '=', 'o.id').as('product_ids'),
    ])
    .where('o.tenant_id', '=', tenantId)
    .where('o.stage', '=', 'won')
    .where('o.closed_at', 'is not', null)
    .where('o.amount_cents', '>', '0')
    .where('o.id', '<>', exceptId)
    .execute();
  const entries = rows.length
    ? await sql<{ id: string; stage: string; days: number }>`
        select l.entity_id as id, l.after->>'stage' as stage, extract(epoch from (o.closed_at - min(l.at))) / 86400 as days
        from audit_log l join opportunities o on o.tenant_id = l.tenant_id and o.id = l.entity_id
        where l.tenant_id = ${tenantId} and l.entity = 'opportunities' and l.action = 'opportunity.stage_changed'
          and l.entity_id = any(${rows.map((r) => r.id)}::uuid[]) and l.after->>'stage' is not null
        group by l.entity_id, l.after->>'stage', o.closed_at`.execute(trx)
    : { rows: [] };
  const fromStage = new Map<string, Partial<Record<string, number>>>();
  for (const e of entries.rows) {
    const days = Math.round(Number(e.days));
    if (days < 0) continue;
    fromStage.set(e.id, { ...fromStage.get(e.id), [e.stage]: days });
  }
  return rows.map((r) => ({ amountCents: Number(r.amount_cents), industry: r.industry, size: r.size, cycleDays: Math.round(Number(r.cycle_days)), productIds: r.product_ids ?? [], daysFromStage: fromStage.get(r.id) ?? {} }));
}

export async function readScenarios(trx: Tx, ctx: RequestContext, opportunityId: string) {
  authorize(ctx, 'deal_scenarios', 'read');
  const deal = await opportunitiesService.fetch(trx, ctx, opportunityId);
  const row = await trx.selectFrom('deal_scenarios').selectAll().where('tenant_id', '=', ctx.tenantId).where('opportunity_id', '=', opportunityId).executeTakeFirst();
  const profile = await dealProfile(trx, ctx.tenantId, opportunityId, deal.account_id as string);
  const choice = similarHistory(profile, await wonHistory(trx, ctx.tenantId, opportunityId));
  const clock = await tenantClock(trx, ctx.tenantId, new Date());
  const created = localDateAt(deal.created_at as Date, clock.timeZone);
  const sample = cycleSample(choice.deals, deal.stage as string);
  const measuredFrom = sample.measure === 'from_stage' ? localDateAt(deal.stage_changed_at as Date, clock.timeZone) : created;
  const history = { similarity: choice.level, n: choice.deals.length, minimum: MIN_HISTORY, tried: choice.tried, profile };
  if (!row) return { opportunityId, scenarios: null, history, updatedBy: null, updatedAt: null };
  const one = (k: Kind) => {
    const cents = Number(row[`${k}_amount_cents`]);
    const closeDate = row[`${k}_close_date`];
    return { amount: fromCents(row[`${k}_amount_cents`]), closeDate, amountFlag: amountFlag(cents, choice), cycleFlag: cycleFlag(daysBetween(measuredFrom, closeDate), sample, choice) };
  };
  return { opportunityId, scenarios: { optimistic: one('optimistic'), neutral: one('neutral'), pessimistic: one('pessimistic') }, history, updatedBy: row.updated_by, updatedAt: iso(row.updated_at) };
}

export async function writeScenarios(trx: Tx, ctx: RequestContext, opportunityId: string, input: ScenariosInput, now = new Date()) {
  authorize(ctx, 'deal_scenarios', 'update');
  const deal = await opportunitiesService.fetch(trx, ctx, opportunityId, true);
  if (!(openStages as string[]).includes(deal.stage as string)) throw new AppError('unprocessable', 'Scenarios are for open deals: this deal is closed, its outcome is known.', { stage: deal.stage });
  const { today } = await tenantClock(trx, ctx.tenantId, now);
  const latest = `${Number(today.slice(0, 4)) + MAX_YEARS_AHEAD}${today.slice(4)}`;
  const issues = scenarioKinds.flatMap((k) => {
    const d = input[k].closeDate;
    if (d < today) return [{ path: `${k}.closeDate`, message: `${d} is in the past: a scenario's close date is today (${today}) or later` }];
    if (d > latest) return [{ path: `${k}.closeDate`, message: `${d} is more than ${MAX_YEARS_AHEAD} years ahead` }];
    return [];
  });
  if (issues.length) throw new AppError('validation_failed', `Scenarios not saved: ${issues.map((i) => `${i.path} ${i.message}`).join('; ')}.`, { issues });
  const before = await trx.selectFrom('deal_scenarios').selectAll().where('tenant_id', '=', ctx.tenantId).where('opportunity_id', '=', opportunityId).executeTakeFirst();
  const cols = {
    optimistic_amount_cents: toCents(input.optimistic.amount, 'optimistic.amount').toString(),
    neutral_amount_cents: toCents(input.neutral.amount, 'neutral.amount').toString(),
    pessimistic_amount_cents: toCents(input.pessimistic.amount, 'pessimistic.amount').toString(),
    optimistic_close_date: input.optimistic.closeDate,
    neutral_close_date: input.neutral.closeDate,
    pessimistic_close_date: input.pessimistic.closeDate,
    updated_by: ctx.actor.userId,
    updated_at: now,
  };
  await trx
    .insertInto('deal_scenarios')
    .values({ tenant_id: ctx.tenantId, opportunity_id: opportunityId, ...cols })
    .onConflict((oc) => oc.columns(['tenant_id', 'opportunity_id']).doUpdateSet(cols))
    .execute();
  const image = (r: typeof before) => (r ? Object.fromEntries(scenarioKinds.map((k) => [k, { amount: fromCents(r[`${k}_amount_cents`]), closeDate: r[`${k}_close_date`] }])) : null);
  await recordEvent(trx, ctx, { type: 'deal_scenarios.set', entity: 'deal_scenarios', entityId: opportunityId, before: image(before), after: input, payload: { opportunityId } });
  return readScenarios(trx, ctx, opportunityId);
}
