// Holdout quality of a model kind on a tenant's closed deals: stratified 5-fold, every deal
// scored by a model that never saw it; AUC, log-loss, Brier and a calibration table.
import { takeLabels } from '../../ml/dataset.ts';
import { stratifiedKFold } from '../../ml/folds.ts';
import { auc, brier, logLoss } from '../../ml/metrics.ts';
import { sigmoid } from '../../ml/calibration.ts';
import { fitBaseline, scoreBaseline } from './baseline.ts';
import type { TrainingSet } from './feature-matrix.ts';

export interface CalibrationBin {
  /** predicted probability band [from, to) */
  from: number;
  to: number;
  deals: number;
  meanPredicted: number | null;
  observedWinRate: number | null;
}

export interface HoldoutMetrics {
  folds: number;
  rows: number;
  auc: number;
  logloss: number;
  brier: number;
  calibration: CalibrationBin[];
}

export const HOLDOUT_FOLDS = 5;

export function calibrationTable(labels: Uint8Array, p: Float64Array, bins = 5): CalibrationBin[] {
  return Array.from({ length: bins }, (_, b) => {
    const from = b / bins;
    const to = (b + 1) / bins;
    let n = 0;
    let sp = 0;
    let sy = 0;
    p.forEach((x, i) => {
      if (x >= from && (x < to || (b === bins - 1 && x <= 1))) {
        n++;
        sp += x;
        sy += labels[i];
      }
    });
    const r = (x: number) => Math.round(x * 1000) / 1000;
    return { from, to, deals: n, meanPredicted: n ? r(sp / n) : null, observedWinRate: n ? r(sy / n) : null };
  });
}

/** Out-of-fold probabilities of the baseline for every row, or null when the rarer outcome has fewer rows than folds. */
function baselineOutOfFold(set: TrainingSet, folds = HOLDOUT_FOLDS): Float64Array | null {
  if (!enoughOfEach(set.labels, folds)) return null;
  const p = new Float64Array(set.labels.length);
  for (const { train, test } of stratifiedKFold(set.labels, folds, 1)) {
    const model = fitBaseline(Array.from(train, (r) => set.vectors[r]), takeLabels(set.labels, train));
    test.forEach((r) => (p[r] = sigmoid(scoreBaseline(model, set.vectors[r]).raw)));
  }
  return p;
}

export function enoughOfEach(labels: Uint8Array, folds = HOLDOUT_FOLDS): boolean {
  let positives = 0;
  for (const y of labels) positives += y;
  return Math.min(positives, labels.length - positives) >= folds;
}

/** `gbdtOutOfFold`: the boosted trees' out-of-fold probabilities (from trainWithHoldout); the baseline's are computed here. */
export function holdoutMetrics(kind: 'gbdt' | 'baseline', set: TrainingSet, gbdtOutOfFold: Float64Array | null): HoldoutMetrics | null {
  const p = kind === 'gbdt' ? gbdtOutOfFold : baselineOutOfFold(set);
  if (!p) return null;
  const r = (x: number) => Math.round(x * 10_000) / 10_000;
  return { folds: HOLDOUT_FOLDS, rows: set.labels.length, auc: r(auc(set.labels, p)), logloss: r(logLoss(set.labels, p)), brier: r(brier(set.labels, p)), calibration: calibrationTable(set.labels, p) };
}
