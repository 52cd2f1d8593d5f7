// The tenant's credibility rules: the weight each evidence stage gives a deal and the decay
// curve for committed deals past their close date; the built-in defaults until an admin sets them.
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { iso } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { defaultStageWeights, evidenceStageKeys, type EvidenceStageKey } from './evidence-stages.ts';
import { decayCurveSchema, defaultDecayCurve, type DecayStep } from './decay-curve.ts';

const weight = z.number().gt(0, 'must be above 0').max(1, 'must be at most 1');

export const stageWeightsSchema = z
  .object({ lead: weight, solution_confirmed: weight, commercial_agreed: weight, legal_closed: weight })
  .strict()
  .superRefine((w, ctx) => {
    for (let i = 1; i < evidenceStageKeys.length; i++) {
      const [prev, cur] = [evidenceStageKeys[i - 1], evidenceStageKeys[i]];
      if (w[cur] < w[prev]) ctx.addIssue({ code: 'custom', path: [cur], message: `a later stage may not weigh less: ${cur} (${w[cur]}) is below ${prev} (${w[prev]})` });
    }
  });

export const evidenceSettingsSchema = z.object({ stageWeights: stageWeightsSchema, decayCurve: decayCurveSchema }).strict();
export type EvidenceSettings = { stageWeights: Record<EvidenceStageKey, number>; decayCurve: DecayStep[] };

export const defaultEvidenceSettings: EvidenceSettings = { stageWeights: defaultStageWeights, decayCurve: defaultDecayCurve };

/** The rules in force (no permission check: credibility, the board and the decay job read them). */
export async function loadEvidenceSettings(trx: Tx, tenantId: string): Promise<EvidenceSettings> {
  const row = await trx.selectFrom('deal_evidence_settings').select(['stage_weights', 'decay_curve']).where('tenant_id', '=', tenantId).executeTakeFirst();
  return {
    stageWeights: (row?.stage_weights as EvidenceSettings['stageWeights'] | null | undefined) ?? defaultStageWeights,
    decayCurve: (row?.decay_curve as DecayStep[] | null | undefined) ?? defaultDecayCurve,
  };
}

export async function readEvidenceSettings(trx: Tx, ctx: RequestContext) {
  authorize(ctx, 'deal_evidence_settings', 'read');
  const row = await trx.selectFrom('deal_evidence_settings').select(['updated_by', 'updated_at']).where('tenant_id', '=', ctx.tenantId).executeTakeFirst();
  return { ...(await loadEvidenceSettings(trx, ctx.tenantId)), isDefault: !row, updatedBy: row?.updated_by ?? null, updatedAt: row ? iso(row.updated_at) : null };
}

export async function writeEvidenceSettings(trx: Tx, ctx: RequestContext, input: z.input<typeof evidenceSettingsSchema>) {
  authorize(ctx, 'deal_evidence_settings', 'update');
  const settings = evidenceSettingsSchema.parse(input);
  const before = await loadEvidenceSettings(trx, ctx.tenantId);
  const cols = { stage_weights: JSON.stringify(settings.stageWeights), decay_curve: JSON.stringify(settings.decayCurve), updated_by: ctx.actor.userId, updated_at: new Date() };
  await trx
    .insertInto('deal_evidence_settings')
    .values({ tenant_id: ctx.tenantId, ...cols })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(cols))
    .execute();
  await recordEvent(trx, ctx, { type: 'deal_evidence.settings_changed', entity: 'deal_evidence_settings', entityId: null, before, after: settings });
  return readEvidenceSettings(trx, ctx);
}
