// Stratified shuffled k-fold evaluation of the boosted trees: trains on k−1 parts, scores the
// held-out part with calibrated probabilities, and averages the metrics over the folds.
import { takeLabels, takeRows, type Dataset } from './dataset.ts';
import { stratifiedKFold } from './folds.ts';
import { predictProbability, trainGbdt, type GbdtOptions } from './gbdt.ts';
import { auc, brier, logLoss } from './metrics.ts';

export interface FoldResult {
  fold: number;
  auc: number;
  logloss: number;
  brier: number;
  trainMs: number;
  trees: number;
}

export interface CrossValidation {
  folds: number;
  auc: number;
  logloss: number;
  brier: number;
  /** mean training time of one fold's model */
  train_ms: number;
  predict_us_per_row: number;
  perFold: FoldResult[];
}

export function crossValidate(data: Dataset, labels: Uint8Array, folds: number, options: Partial<GbdtOptions> = {}, onFold?: (r: FoldResult) => void): CrossValidation {
  let positives = 0;
  for (const y of labels) positives += y;
  const rarest = Math.min(positives, labels.length - positives);
  if (rarest < folds) throw new RangeError(`${folds} folds need at least ${folds} rows of each outcome; the rarer outcome has ${rarest}. Use fewer --folds or more history.`);
  const seed = options.seed ?? 1;
  const perFold: FoldResult[] = [];
  let predictMs = 0;
  let predicted = 0;
  stratifiedKFold(labels, folds, seed).forEach(({ train, test }, fold) => {
    const started = performance.now();
    const model = trainGbdt(takeRows(data, train), takeLabels(labels, train), { ...options, seed: seed + fold });
    const trainMs = performance.now() - started;
    const testData = takeRows(data, test);
    const predictStart = performance.now();
    const p = predictProbability(model, testData);
    predictMs += performance.now() - predictStart;
    predicted += test.length;
    const y = takeLabels(labels, test);
    const result = { fold, auc: auc(y, p), logloss: logLoss(y, p), brier: brier(y, p), trainMs, trees: model.trees.length };
    perFold.push(result);
    onFold?.(result);
  });
  const mean = (pick: (r: FoldResult) => number) => perFold.reduce((s, r) => s + pick(r), 0) / perFold.length;
  return {
    folds,
    auc: mean((r) => r.auc),
    logloss: mean((r) => r.logloss),
    brier: mean((r) => r.brier),
    train_ms: mean((r) => r.trainMs),
    predict_us_per_row: (predictMs * 1000) / predicted,
    perFold,
  };
}
