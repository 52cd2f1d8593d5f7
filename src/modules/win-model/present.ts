// Presenters: how scores, model versions, runs and annotations leave the server.
import { iso } from '../../platform/http/schemas.ts';
import type { Confidence } from './confidence.ts';
import type { Reasons } from './reasons.ts';
import type { ModelVersion } from './model-store.ts';

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

export function presentScore(r: ScoreRow, model: Pick<ModelVersion, 'id' | 'version' | 'kind'> | null) {
  const reasons = r.reasons as Reasons;
  return {
    id: r.id,
    opportunityId: r.opportunity_id,
    scoredAt: iso(r.scored_at),
    probability: r4(r.probability),
    /** log-odds before calibration: bias + Σ contributions */
    raw: r.raw,
    bias: r.bias,
    model: model ? { id: model.id, version: model.version, kind: model.kind } : { id: r.model_id, version: null, kind: null },
    confidence: r.confidence as Confidence,
    topPositive: reasons.topPositive,
    topNegative: reasons.topNegative,
    contributions: Object.entries(reasons.contributions).map(([feature, contribution]) => ({ feature, contribution })),
    features: r.features as Record<string, number | string | null>,
  };
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
