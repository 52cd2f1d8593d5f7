// The one function the forecast roll-up calls: each deal's credibility from its evidence stage
// and, for a commit past its close date, its decay.
//
// How the weight is combined: weight = stageWeight × decayFactor, where stageWeight is the
// tenant's weight for the deal's evidence stage (evidence-settings.ts) and decayFactor the decay
// curve's factor (decay-curve.ts; 1 unless an open commit went days past its close date without an
// update). Missing is not zero: a deal with no evidence stage has stageWeight null and weight
// null — the roll-up must show it as "no evidence", not count it as 0 or as 100%. Closed deals get
// their evidence stage but never decay. Ids not found in the tenant are absent from the map.
import type { Tx } from '../../platform/tenancy/context.ts';
import { decayOf, type DecayResult } from './decay-curve.ts';
import { loadDealFacts, loadProofs, proofFacts, type DealFacts, type ProofRow } from './deal-facts.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { evaluateEvidence, type EvidenceResult } from './evidence-rules.ts';
import { evidenceStageLabels, type EvidenceStageKey } from './evidence-stages.ts';
import { loadEvidenceSettings, type EvidenceSettings } from './evidence-settings.ts';

export interface Credibility {
  evidenceStage: EvidenceStageKey | null;
  stageWeight: number | null;
  decayFactor: number;
  daysPastClose: number | null;
  weight: number | null;
  reasons: string[];
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;

/** Pure: the credibility of one deal from its evaluated evidence and decay. */
export function combineCredibility(evidence: EvidenceResult, decay: DecayResult, weights: EvidenceSettings['stageWeights'], deal: Pick<DealFacts, 'closeDate' | 'lastUpdateDate'>): Credibility {
  const stageWeight = evidence.evidenceStage ? weights[evidence.evidenceStage] : null;
  const weight = stageWeight === null ? null : Math.round(stageWeight * decay.factor * 10_000) / 10_000;
  const reasons = [...evidence.reasons];
  if (stageWeight !== null && evidence.evidenceStage) reasons.push(`${evidenceStageLabels[evidence.evidenceStage].label} weighs ${pct(stageWeight)}.`);
  if (decay.factor < 1) {
    reasons.push(`Decayed to ${pct(decay.factor)}: a commit ${decay.daysPastClose} days past its close date ${deal.closeDate}, with no update for ${decay.daysWithoutUpdate} days (last ${deal.lastUpdateDate}).`);
  }
  if (weight === null) reasons.push('Credibility weight unknown: the deal has no evidence stage yet.');
  else reasons.push(decay.factor < 1 ? `Weight ${pct(stageWeight as number)} × ${pct(decay.factor)} = ${pct(weight)}.` : `Weight ${pct(weight)}.`);
  return { evidenceStage: evidence.evidenceStage, stageWeight, decayFactor: decay.factor, daysPastClose: decay.daysPastClose, weight, reasons };
}

export interface DealCredibility {
  deal: DealFacts;
  proofs: ProofRow[];
  evidence: EvidenceResult;
  decay: DecayResult;
  credibility: Credibility;
}

/** Everything about the deals' credibility (for the evidence panel and the decay board). */
export async function evaluateDeals(trx: Tx, tenantId: string, opportunityIds: readonly string[], now: Date): Promise<{ today: string; settings: EvidenceSettings; deals: DealCredibility[] }> {
  const clock = await tenantClock(trx, tenantId, now);
  const settings = await loadEvidenceSettings(trx, tenantId);
  if (opportunityIds.length === 0) return { today: clock.today, settings, deals: [] };
  const deals = await loadDealFacts(trx, tenantId, clock, now, opportunityIds);
  const proofs = await loadProofs(trx, tenantId, clock, deals.map((d) => d.id));
  const byDeal = new Map<string, ProofRow[]>();
  for (const p of proofs) {
    const list = byDeal.get(p.opportunityId);
    if (list) list.push(p);
    else byDeal.set(p.opportunityId, [p]);
  }
  return {
    today: clock.today,
    settings,
    deals: deals.map((deal) => {
      const own = byDeal.get(deal.id) ?? [];
      const evidence = evaluateEvidence(own.map(proofFacts), clock.today);
      const decay = decayOf({ forecastCategory: deal.forecastCategory, open: deal.open, closeDate: deal.closeDate, lastUpdateDate: deal.lastUpdateDate, today: clock.today }, settings.decayCurve);
      return { deal, proofs: own, evidence, decay, credibility: combineCredibility(evidence, decay, settings.stageWeights, deal) };
    }),
  };
}

/** Each deal's credibility, keyed by opportunity id (no permission check: the caller scopes the ids). */
export async function loadCredibility(trx: Tx, tenantId: string, opportunityIds: string[], now: Date): Promise<Map<string, Credibility>> {
  const { deals } = await evaluateDeals(trx, tenantId, opportunityIds, now);
  return new Map(deals.map((d) => [d.deal.id, d.credibility]));
}
