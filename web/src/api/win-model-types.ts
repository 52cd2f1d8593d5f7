// The win model's API shapes as the app reads them (deal probability, history, annotations, model versions).
export const winFeatures = ['stage_rank', 'days_in_stage', 'deal_age_days', 'stage_changes', 'step_backs', 'touches_30d', 'touches_prev_30d', 'touch_trend', 'days_since_last_touch', 'mood_30d', 'decision_maker_identified', 'decision_maker_touches_30d', 'decision_chain_changes', 'amount_changes', 'amount_change_pct', 'close_date_pushes', 'days_to_expected_close', 'competitor_mentions', 'amount_yuan', 'owner_tenure_days', 'owner_win_rate', 'owner_closed_deals', 'industry', 'size', 'billing_model', 'region', 'product_category', 'annotation_category', 'annotation_direction'] as const;
export type WinFeature = (typeof winFeatures)[number];
export const annotationCategories = ['budget_confirmed', 'key_person_changed', 'competitor_involved', 'customer_process_delay', 'other'] as const;
export const annotationDirections = ['too_high', 'too_low', 'about_right'] as const;
export type AnnotationCategory = (typeof annotationCategories)[number];
export type AnnotationDirection = (typeof annotationDirections)[number];

export interface WinFactor {
  feature: WinFeature;
  value: number | string | null;
  contribution: number;
}

export interface WinScore {
  /** null for a score from the prior, which is not stored */
  id: string | null;
  scoredAt: string;
  probability: number;
  raw: number;
  bias: number;
  model: { id: string | null; version: number | null; kind: 'gbdt' | 'baseline' | 'prior' | null };
  confidence: { basis: 'model' | 'prior'; level: 'high' | 'medium' | 'low'; score: number; trainingRows: number; holdoutAuc: number | null; unusual: string[]; missing: string[] };
  topPositive: WinFactor[];
  topNegative: WinFactor[];
  contributions: { feature: WinFeature; contribution: number }[];
}

export interface WinAnnotation {
  id: string;
  category: AnnotationCategory;
  direction: AnnotationDirection;
  note: string | null;
  authorName: string | null;
  createdAt: string;
}

export interface WinProbability {
  opportunityId: string;
  stage: string;
  score: WinScore | null;
  modelActive: boolean | null;
  annotations: WinAnnotation[];
  /** the tenant's first model being trained (the score is then the stage prior) */
  training: { runId: string; status: string } | null;
}

export interface WinHistoryPoint {
  id: string;
  scoredAt: string;
  probability: number;
  modelVersion: number;
}

export interface CalibrationBin {
  from: number;
  to: number;
  deals: number;
  meanPredicted: number | null;
  observedWinRate: number | null;
}

export interface WinModelVersion {
  id: string;
  version: number;
  kind: 'gbdt' | 'baseline';
  active: boolean;
  trigger: 'schedule' | 'admin' | 'first_use';
  trainingRows: number;
  positives: number;
  metrics: { folds: number; rows: number; auc: number; logloss: number; brier: number; calibration: CalibrationBin[] } | null;
  createdAt: string;
}

export interface WinModelRun {
  id: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  step: string | null;
  progress: number;
  scored: number | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export interface WinModels {
  items: WinModelVersion[];
  nextCursor: string | null;
  active: WinModelVersion | null;
  latestRun: WinModelRun | null;
  settings: { dropAlertPoints: number; competitorWords: string[] };
  minGbdtRows: number;
}
