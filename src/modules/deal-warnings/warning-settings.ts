// Per-tenant thresholds of the deal warnings and the tenant's competitor list: read (the
// documented defaults when never set) and changed by admins, validated, evented.
import { z } from 'zod';
import { recordEvent } from '../../platform/events/outbox.ts';
import { AppError } from '../../platform/http/errors.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { competitorSchema, competitorTerms } from '../competitors/competitor-list.ts';

const days = () => z.number().int().min(1).max(730);

export const warningSettingsSchema = z
  .object({
    /** no touch linked to the deal for this many days */
    noActivityDays: days(),
    /** no touch with any decision-maker contact of the account for this many days */
    decisionMakerSilentDays: days(),
    /** the stage norm: this percentile of the time deals that went on to win spent in the stage */
    stallPercentile: z.number().int().min(50).max(99),
    /** fewer won deals than this through a stage is too little history: the fallback applies */
    stallMinWonDeals: z.number().int().min(3).max(1000),
    /** the norm, in days, when the tenant's own history is too thin */
    stallFallbackDays: days(),
    /** the expected close date moved later at least this many times... */
    closePushMinCount: z.number().int().min(2).max(20),
    /** ...within this many days */
    closePushLookbackDays: days(),
    /** the amount fell at least this share (percent) below its highest value... */
    amountCutMinPct: z.number().int().min(1).max(100),
    /** ...within this many days */
    amountCutLookbackDays: days(),
    /** touches and notes of this many days are read for competitor names */
    competitorLookbackDays: days(),
    competitors: z.array(competitorSchema).max(200),
  })
  .strict();
export const warningSettingsPatch = warningSettingsSchema.partial().strict();
export type WarningSettings = z.output<typeof warningSettingsSchema>;

export const defaultWarningSettings: WarningSettings = {
  noActivityDays: 14,
  decisionMakerSilentDays: 21,
  stallPercentile: 75,
  stallMinWonDeals: 8,
  stallFallbackDays: 30,
  closePushMinCount: 2,
  closePushLookbackDays: 180,
  amountCutMinPct: 10,
  amountCutLookbackDays: 30,
  competitorLookbackDays: 30,
  competitors: [],
};

export async function loadWarningSettings(trx: Tx, tenantId: string): Promise<WarningSettings & { customised: boolean }> {
  const row = await trx.selectFrom('deal_warning_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  if (!row) return { ...defaultWarningSettings, customised: false };
  return {
    noActivityDays: row.no_activity_days,
    decisionMakerSilentDays: row.decision_maker_silent_days,
    stallPercentile: row.stall_percentile,
    stallMinWonDeals: row.stall_min_won_deals,
    stallFallbackDays: row.stall_fallback_days,
    closePushMinCount: row.close_push_min_count,
    closePushLookbackDays: row.close_push_lookback_days,
    amountCutMinPct: row.amount_cut_min_pct,
    amountCutLookbackDays: row.amount_cut_lookback_days,
    competitorLookbackDays: row.competitor_lookback_days,
    competitors: z.array(competitorSchema).parse(row.competitors),
    customised: true,
  };
}

export async function updateWarningSettings(trx: Tx, ctx: RequestContext, patch: z.output<typeof warningSettingsPatch>): Promise<WarningSettings & { customised: boolean }> {
  const { customised: _, ...before } = await loadWarningSettings(trx, ctx.tenantId);
  const after: WarningSettings = { ...before, ...patch };
  const names = competitorTerms(after.competitors).map((n) => n.toLowerCase());
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new AppError('validation_failed', `The competitor name "${twice}" appears twice; keep each name or alias once.`, { field: 'competitors', name: twice });
  const columns = {
    no_activity_days: after.noActivityDays,
    decision_maker_silent_days: after.decisionMakerSilentDays,
    stall_percentile: after.stallPercentile,
    stall_min_won_deals: after.stallMinWonDeals,
    stall_fallback_days: after.stallFallbackDays,
    close_push_min_count: after.closePushMinCount,
    close_push_lookback_days: after.closePushLookbackDays,
    amount_cut_min_pct: after.amountCutMinPct,
    amount_cut_lookback_days: after.amountCutLookbackDays,
    competitor_lookback_days: after.competitorLookbackDays,
    competitors: JSON.stringify(after.competitors),
    updated_by: ctx.actor.userId,
    updated_at: new Date(),
  };
  await trx
    .insertInto('deal_warning_settings')
    .values({ tenant_id: ctx.tenantId, ...columns })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(columns))
    .execute();
  await recordEvent(trx, ctx, { type: 'deal_warning_settings.updated', entity: 'deal_warning_settings', entityId: null, before, after });
  return { ...after, customised: true };
}
