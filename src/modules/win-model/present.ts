// Presenters: how scores, model versions, runs and annotations leave the server.
import { iso } from '../../platform/http/schemas.ts';
import type { Confidence } from './confidence.ts';
import type { Reasons } from './reasons.ts';
import type { ModelVersion } from './model-store.ts';
import type { Prediction } from './predictor.ts';
import type { FeatureVector } from './deal-features.ts';

const r4 = (x: number) => Math.round(x * 10_000) / 10_000;

export interface ScoreRow {
  id: string;
  opportunity_id: string;
  model_id: string;
  scored_at: Date;
  probability: number;
  raw: number;
  bias: number;
  confidence: unknown;
  reasons: unknown;
  features: unknown;
}

interface ScoreParts {
  id: string | null;
  dealId: string;
  scoredAt: Date;
  probability: number;
  raw: number;
  bias: number;
  model: { id: string | null; version: number | null; kind: 'gbdt' | 'baseline' | 'prior' | null };
  confidence: Confidence;
  reasons: Reasons;
  features: Record<string, number | string | null>;
}

const scoreBody = (s: ScoreParts) => ({
  id: s.id,
  opportunityId: s.dealId,
  scoredAt: iso(s.scoredAt),
  probability: r4(s.probability),
  /** log-odds before calibration: bias + Σ contributions */
  raw: s.raw,
  bias: s.bias,
  model: s.model,
  confidence: s.confidence,
  topPositive: s.reasons.topPositive,
  topNegative: s.reasons.topNegative,
  contributions: Object.entries(s.reasons.contributions).map(([feature, contribution]) => ({ feature, contribution })),
  features: s.features,
});

export function presentScore(r: ScoreRow, model: Pick<ModelVersion, 'id' | 'version' | 'kind'> | null) {
  return scoreBody({
    id: r.id,
    dealId: r.opportunity_id,
    scoredAt: r.scored_at,
    probability: r.probability,
    raw: r.raw,
    bias: r.bias,
    model: model ? { id: model.id, version: model.version, kind: model.kind } : { id: r.model_id, version: null, kind: null },
    confidence: { basis: 'model', ...(r.confidence as Omit<Confidence, 'basis'>) },
    reasons: r.reasons as Reasons,
    features: r.features as Record<string, number | string | null>,
  });
}

/** A score from the prior while the first model trains: not stored, so it has no id and no model version. */
export function presentPriorScore(dealId: string, at: Date, p: Prediction, reasons: Reasons, confidence: Confidence, features: FeatureVector) {
  return scoreBody({ id: null, dealId, scoredAt: at, probability: p.probability, raw: p.raw, bias: p.bias, model: { id: null, version: null, kind: 'prior' }, confidence, reasons, features });
}

export const presentVersion = (m: ModelVersion) => ({
  id: m.id,
  version: m.version,
  kind: m.kind,
  active: m.active,
  trigger: m.trigger,
  trainingRows: m.trainingRows,
  positives: m.positives,
  features: m.features,
  metrics: m.metrics,
  createdBy: m.createdBy,
  createdAt: iso(m.createdAt),
});

export const presentRun = (r: { id: string; trigger: string; status: string; step: string | null; progress: number; model_id: string | null; scored: number | null; error: string | null; created_at: Date; finished_at: Date | null }) => ({
  id: r.id,
  trigger: r.trigger,
  status: r.status,
  step: r.step,
  progress: r.progress,
  modelId: r.model_id,
  scored: r.scored,
  error: r.error,
  createdAt: iso(r.created_at),
  finishedAt: iso(r.finished_at),
});

export const presentAnnotation = (r: { id: string; opportunity_id: string; score_id: string | null; author_id: string | null; author_name?: string | null; category: string; direction: string; note: string | null; created_at: Date }) => ({
  id: r.id,
  opportunityId: r.opportunity_id,
  scoreId: r.score_id,
  authorId: r.author_id,
  authorName: r.author_name ?? null,
  category: r.category,
  direction: r.direction,
  note: r.note,
  createdAt: iso(r.created_at),
});
