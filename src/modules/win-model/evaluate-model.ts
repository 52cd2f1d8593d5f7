// Holdout quality of a model kind on a tenant's closed deals: stratified 5-fold, every deal
// scored by a model that never saw it; AUC, log-loss, Brier and a calibration table.
import { takeLabels, takeRows } from '../../ml/dataset.ts';
import { stratifiedKFold } from '../../ml/folds.ts';
import { trainGbdt, predictProbability, type GbdtOptions } from '../../ml/gbdt.ts';
import { auc, brier, logLoss } from '../../ml/metrics.ts';
import { sigmoid } from '../../ml/calibration.ts';
import { fitBaseline, scoreBaseline } from './baseline.ts';
import { toDataset, type TrainingSet } from './feature-matrix.ts';

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

/** Out-of-fold probabilities for every row, or null when the rarer outcome has fewer rows than folds. */
export function outOfFold(kind: 'gbdt' | 'baseline', set: TrainingSet, options: Partial<GbdtOptions> = {}, folds = HOLDOUT_FOLDS): Float64Array | null {
  let positives = 0;
  for (const y of set.labels) positives += y;
  if (Math.min(positives, set.labels.length - positives) < folds) return null;
  const p = new Float64Array(set.labels.length);
  const data = toDataset(set.vectors);
  for (const { train, test } of stratifiedKFold(set.labels, folds, 1)) {
    if (kind === 'gbdt') {
      const model = trainGbdt(takeRows(data, train), takeLabels(set.labels, train), { seed: 1, ...options });
      const out = predictProbability(model, takeRows(data, test));
      test.forEach((r, i) => (p[r] = out[i]));
    } else {
      const model = fitBaseline(Array.from(train, (r) => set.vectors[r]), takeLabels(set.labels, train));
      test.forEach((r) => (p[r] = sigmoid(scoreBaseline(model, set.vectors[r]).raw)));
    }
  }
  return p;
}

export function holdoutMetrics(kind: 'gbdt' | 'baseline', set: TrainingSet, options: Partial<GbdtOptions> = {}): HoldoutMetrics | null {
  const p = outOfFold(kind, set, options);
  if (!p) return null;
  const r = (x: number) => Math.round(x * 10_000) / 10_000;
  return { folds: HOLDOUT_FOLDS, rows: set.labels.length, auc: r(auc(set.labels, p)), logloss: r(logLoss(set.labels, p)), brier: r(brier(set.labels, p)), calibration: calibrationTable(set.labels, p) };
}
