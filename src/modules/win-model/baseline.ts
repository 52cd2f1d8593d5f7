// The small-tenant baseline: the tenant's own win rate per stage, shrunk towards a pooled prior
// by how few deals it has seen (Beta-binomial), plus fixed activity adjustments in log-odds.
// Chosen over a prior fitted on other tenants' pooled data because a self-hosted install has
// no one else's data, and because every number in it can be read and explained to a rep.
import type { FeatureName, FeatureVector } from './deal-features.ts';
import { OPEN_STAGE_ORDER } from './deal-features.ts';

/** typical B2B win rates by the stage a deal has reached, the prior before the tenant's own evidence */
export const STAGE_PRIOR: Record<string, number> = { lead: 0.08, qualified: 0.15, solution: 0.25, quoted: 0.4, negotiation: 0.6 };
/** how many deals of evidence the prior is worth */
export const PRIOR_STRENGTH = 20;
const UNKNOWN_STAGE_PRIOR = 0.2;

export interface BaselineModel {
  format: 'sightline-baseline/1';
  stages: Record<string, { wins: number; deals: number; rate: number }>;
  unknownStageRate: number;
}

const logit = (p: number) => Math.log(p / (1 - p));
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function fitBaseline(vectors: FeatureVector[], labels: Uint8Array): BaselineModel {
  const stages: BaselineModel['stages'] = {};
  let wins = 0;
  OPEN_STAGE_ORDER.forEach((stage, i) => {
    let n = 0;
    let w = 0;
    vectors.forEach((v, r) => {
      if (v.stage_rank === i + 1) {
        n++;
        w += labels[r];
      }
    });
    stages[stage] = { wins: w, deals: n, rate: (w + PRIOR_STRENGTH * STAGE_PRIOR[stage]) / (n + PRIOR_STRENGTH) };
  });
  for (const y of labels) wins += y;
  return { format: 'sightline-baseline/1', stages, unknownStageRate: (wins + PRIOR_STRENGTH * UNKNOWN_STAGE_PRIOR) / (labels.length + PRIOR_STRENGTH) };
}

/** Each adjustment: its log-odds effect given the feature's value; a missing value adjusts nothing. */
const ADJUSTMENTS: { feature: FeatureName; effect: (x: number) => number }[] = [
  { feature: 'touches_30d', effect: (x) => 0.35 * (Math.log2(1 + Math.min(x, 30)) - 2) },
  { feature: 'days_since_last_touch', effect: (x) => -0.8 * clamp((x - 14) / 30, 0, 1) },
  { feature: 'decision_maker_identified', effect: (x) => (x > 0 ? 0.3 : -0.3) },
  { feature: 'decision_maker_touches_30d', effect: (x) => (x > 0 ? 0.25 : 0) },
  { feature: 'mood_30d', effect: (x) => 0.5 * x },
  { feature: 'close_date_pushes', effect: (x) => -0.25 * Math.min(x, 3) },
  { feature: 'step_backs', effect: (x) => -0.3 * Math.min(x, 2) },
  { feature: 'competitor_mentions', effect: (x) => (x > 0 ? -0.15 : 0) },
];

export interface BaselineScore {
  raw: number;
  bias: number;
  contributions: Partial<Record<FeatureName, number>>;
}

export function scoreBaseline(model: BaselineModel, v: FeatureVector): BaselineScore {
  const stage = typeof v.stage_rank === 'number' ? OPEN_STAGE_ORDER[v.stage_rank - 1] : undefined;
  const stageRate = stage ? model.stages[stage]?.rate : undefined;
  // the bias is the unknown-stage rate; the stage's own rate is the stage's contribution
  const bias = logit(model.unknownStageRate);
  const contributions: Partial<Record<FeatureName, number>> = {};
  if (stageRate !== undefined) contributions.stage_rank = logit(stageRate) - bias;
  for (const a of ADJUSTMENTS) {
    const x = v[a.feature];
    if (typeof x === 'number') contributions[a.feature] = a.effect(x);
  }
  let raw = bias;
  for (const c of Object.values(contributions)) raw += c;
  return { raw, bias, contributions };
}
