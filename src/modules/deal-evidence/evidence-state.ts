// A deal's evidence as the API shows it: the four stages with their proofs and check results,
// the evidence stage, and the credibility weight with its decay and reasons.
import { authorize } from '../../platform/auth/policies.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { opportunitiesService } from '../pipeline/opportunities-resource.ts';
import { evaluateDeals, type DealCredibility } from './credibility.ts';
import type { ProofRow } from './deal-facts.ts';
import type { CheckFailure } from './evidence-rules.ts';
import { evidenceStageKeys, evidenceStageLabels } from './evidence-stages.ts';
import type { EvidenceSettings } from './evidence-settings.ts';

const presentCheck = (f: CheckFailure) => ({ code: f.code, stage: f.stage, proofId: f.proofId, message: f.message, params: f.params });

export const presentProof = (p: ProofRow, failures: CheckFailure[]) => ({
  id: p.id,
  stage: p.stage,
  source: p.attachment ? ('attachment' as const) : ('activity' as const),
  date: p.date,
  attachment: p.attachment,
  activity: p.activity,
  signer: p.signer,
  note: p.note,
  addedBy: p.addedBy,
  createdAt: p.createdAt,
  passed: !failures.some((f) => f.proofId === p.id),
  checks: failures.filter((f) => f.proofId === p.id).map(presentCheck),
});

export function presentEvidence(d: DealCredibility, settings: EvidenceSettings, today: string) {
  return {
    opportunityId: d.deal.id,
    today,
    evidenceStage: d.evidence.evidenceStage,
    stages: evidenceStageKeys.map((key) => {
      const result = d.evidence.stages.find((s) => s.stage === key);
      return {
        key,
        ...evidenceStageLabels[key],
        weight: settings.stageWeights[key],
        status: result?.status ?? 'missing',
        firstDate: result?.firstDate ?? null,
        proofs: d.proofs.filter((p) => p.stage === key).map((p) => presentProof(p, d.evidence.failures)),
      };
    }),
    failures: d.evidence.failures.map(presentCheck),
    credibility: d.credibility,
    decay: {
      forecastCategory: d.deal.forecastCategory,
      closeDate: d.deal.closeDate,
      daysPastClose: d.decay.daysPastClose,
      daysWithoutUpdate: d.decay.daysWithoutUpdate,
      factor: d.decay.factor,
      lastUpdateAt: d.deal.lastUpdateAt.toISOString(),
      lastUpdateKind: d.deal.lastUpdateKind,
      curve: settings.decayCurve,
    },
  };
}
export type EvidenceState = ReturnType<typeof presentEvidence>;

/** The deal's evidence state; 404 when the deal is outside the actor's scope or tenant. */
export async function readDealEvidence(trx: Tx, ctx: RequestContext, opportunityId: string, now = new Date()): Promise<EvidenceState> {
  authorize(ctx, 'deal_evidence', 'read');
  await opportunitiesService.fetch(trx, ctx, opportunityId);
  const { deals, settings, today } = await evaluateDeals(trx, ctx.tenantId, [opportunityId], now);
  return presentEvidence(deals[0], settings, today);
}
