// Histogram gradient-boosted trees for yes/no outcomes (log-loss, Newton leaves), with early
// stopping on a stratified holdout for large sets, and Platt calibration on rows the trees did not
// train on (that holdout, or out-of-fold scores when every row trains); deterministic for a seed.
import { applyBinners, fitBinners, type BinnedData, type FeatureBinner } from './binning.ts';
import { takeLabels, takeRows, type Dataset } from './dataset.ts';
import { applyPlatt, fitPlatt, sigmoid, type PlattScaling } from './calibration.ts';
import { stratifiedHoldout, stratifiedKFold } from './folds.ts';
import { logLoss } from './metrics.ts';
import { seededRandom } from './random.ts';
import { leafOf, TreeGrower, type HistogramLayout, type Tree, type TreeParams } from './tree.ts';

export interface GbdtOptions extends TreeParams {
  iterations: number;
  /** fraction of the training rows each tree sees (1 = all) */
  subsample: number;
  /** stratified share held out for early stopping (and then calibration); 0 turns early stopping off */
  validationFraction: number;
  /** without a holdout, Platt calibration is fitted on out-of-fold scores of this many folds; 0 leaves the raw sigmoid */
  calibrationFolds: number;
  /** stop when the holdout log-loss has not improved for this many trees */
  earlyStoppingRounds: number;
  /** 'auto' stops early only from EARLY_STOPPING_ROWS rows, where the holdout loss is steady enough to trust */
  earlyStopping: boolean | 'auto';
  seed: number;
}

export const defaultGbdtOptions: GbdtOptions = {
  iterations: 100,
  learningRate: 0.1,
  maxLeaves: 31,
  maxDepth: Infinity,
  minSamplesLeaf: 20,
  l2: 0,
  subsample: 1,
  validationFraction: 0.1,
  calibrationFolds: 5,
  earlyStoppingRounds: 10,
  earlyStopping: 'auto',
  seed: 1,
};

/** fewer rows than this held out (or in all, for out-of-fold calibration) are too noisy to stop early or calibrate on */
const MIN_HOLDOUT_ROWS = 50;
/** the same threshold scikit-learn's HistGradientBoosting uses for its automatic early stopping */
const EARLY_STOPPING_ROWS = 10_000;

export interface GbdtModel {
  featureNames: string[];
  binners: FeatureBinner[];
  baseScore: number;
  trees: Tree[];
  /** null when there were too few rows to hold some out; probabilities are then the raw sigmoid */
  calibration: PlattScaling | null;
  holdoutLogLoss: number | null;
}

function layoutOf(binners: FeatureBinner[]): HistogramLayout {
  const binCounts = Uint16Array.from(binners, (b) => b.missingBin + 1);
  const offsets = new Uint32Array(binners.length);
  let total = 0;
  binners.forEach((_, f) => {
    offsets[f] = total;
    total += binCounts[f];
  });
  return { binCounts, offsets, totalBins: total, categorical: Uint8Array.from(binners, (b) => (b.kind === 'categorical' ? 1 : 0)) };
}

function addTree(raw: Float64Array, tree: Tree, binned: BinnedData) {
  for (let r = 0; r < binned.rows; r++) raw[r] += tree.nodes[leafOf(tree, binned.bins, r)].value;
}

function sampleRows(all: number, fraction: number, random: () => number): Uint32Array {
  const rows = new Uint32Array(all);
  let n = 0;
  for (let i = 0; i < all; i++) if (fraction >= 1 || random() < fraction) rows[n++] = i;
  return rows.subarray(0, n);
}

function countPositives(labels: Uint8Array): number {
  let positives = 0;
  for (const v of labels) positives += v;
  return positives;
}

/** Boosts trees on `train`; with a holdout, stops once its log-loss has not improved for `earlyStoppingRounds` trees. */
function boost(train: Dataset, y: Uint8Array, o: GbdtOptions, random: () => number, stopOn: { data: Dataset; labels: Uint8Array } | null): GbdtModel {
  const positives = countPositives(y);
  if (positives === 0 || positives === y.length) throw new RangeError('both outcomes must occur in the training rows');
  const binners = fitBinners(train);
  const binned = applyBinners(binners, train);
  const holdout = stopOn ? applyBinners(binners, stopOn.data) : null;
  const grower = new TreeGrower(binned, layoutOf(binners), o);

  const baseScore = Math.log(positives / (y.length - positives));
  const raw = new Float64Array(y.length).fill(baseScore);
  const holdoutRaw = new Float64Array(holdout?.rows ?? 0).fill(baseScore);
  const grad = new Float64Array(y.length);
  const hess = new Float64Array(y.length);
  const trees: Tree[] = [];
  let bestLoss = Infinity;
  let bestCount = 0;
  for (let iter = 0; iter < o.iterations; iter++) {
    for (let r = 0; r < y.length; r++) {
      const p = sigmoid(raw[r]);
      grad[r] = p - y[r];
      hess[r] = Math.max(p * (1 - p), 1e-16);
    }
    const tree = grower.grow(grad, hess, sampleRows(y.length, o.subsample, random));
    if (tree.nodes.length === 1) break;
    trees.push(tree);
    addTree(raw, tree, binned);
    if (holdout && stopOn) {
      addTree(holdoutRaw, tree, holdout);
      const loss = logLoss(stopOn.labels, holdoutRaw.map(sigmoid));
      if (loss < bestLoss - 1e-7) {
        bestLoss = loss;
        bestCount = trees.length;
      } else if (trees.length - bestCount >= o.earlyStoppingRounds) break;
    }
  }
  if (holdout) trees.length = bestCount;
  return { featureNames: binners.map((b) => b.name), binners, baseScore, trees, calibration: null, holdoutLogLoss: null };
}

/** Raw scores of every row from a model that did not train on it (stratified folds, calibration and early stopping off). */
function outOfFoldRaw(data: Dataset, labels: Uint8Array, o: GbdtOptions): Float64Array {
  const raw = new Float64Array(data.rows);
  stratifiedKFold(labels, o.calibrationFolds, o.seed).forEach(({ train, test }, fold) => {
    const model = boost(takeRows(data, train), takeLabels(labels, train), o, seededRandom(o.seed + fold + 1), null);
    predictRaw(model, takeRows(data, test)).forEach((v, i) => (raw[test[i]] = v));
  });
  return raw;
}

const stopsEarly = (o: GbdtOptions, rows: number) => (o.earlyStopping === 'auto' ? rows >= EARLY_STOPPING_ROWS : o.earlyStopping) && o.validationFraction > 0 && rows * o.validationFraction >= MIN_HOLDOUT_ROWS;

/** `outOfFold`: raw scores of these rows from fold models of the same recipe, when the caller has them (calibration then costs no training) */
export function trainGbdt(data: Dataset, labels: Uint8Array, options: Partial<GbdtOptions> = {}, outOfFold?: Float64Array): GbdtModel {
  const o = { ...defaultGbdtOptions, ...options };
  if (labels.length !== data.rows) throw new RangeError(`${data.rows} rows but ${labels.length} labels`);
  const random = seededRandom(o.seed);
  if (stopsEarly(o, data.rows)) {
    // large sets (as scikit-learn does): the holdout stops the boosting, then calibrates it
    const split = stratifiedHoldout(labels, o.validationFraction, random);
    const holdout = { data: takeRows(data, split.test), labels: takeLabels(labels, split.test) };
    const model = boost(takeRows(data, split.train), takeLabels(labels, split.train), o, random, holdout);
    const scores = predictRaw(model, holdout.data);
    model.holdoutLogLoss = logLoss(holdout.labels, scores.map(sigmoid));
    model.calibration = fitPlatt(scores, holdout.labels);
    return model;
  }
  // every row trains the trees; calibration comes from out-of-fold scores of the same recipe
  const model = boost(data, labels, o, random, null);
  const positives = countPositives(labels);
  if (o.calibrationFolds >= 2 && data.rows >= MIN_HOLDOUT_ROWS && Math.min(positives, data.rows - positives) >= o.calibrationFolds) {
    const scores = outOfFold ?? outOfFoldRaw(data, labels, o);
    model.holdoutLogLoss = logLoss(labels, scores.map(sigmoid));
    model.calibration = fitPlatt(scores, labels);
  }
  return model;
}

/**
 * The model trained on every row, and for every row a calibrated probability from models that did
 * not train on it. On a small set one round of fold models serves both the model's calibration and
 * the holdout figures (each fold calibrated on the other folds' scores): folds + 1 fits, not
 * (folds + 1) × (calibration folds + 1). A large set stops early on its own holdout in each fit.
 */
export function trainWithHoldout(data: Dataset, labels: Uint8Array, options: Partial<GbdtOptions>, folds: number): { model: GbdtModel; outOfFold: Float64Array } {
  const o = { ...defaultGbdtOptions, ...options, calibrationFolds: folds };
  const outOfFold = new Float64Array(data.rows);
  const parts = stratifiedKFold(labels, folds, o.seed);
  if (stopsEarly(o, data.rows)) {
    for (const { train, test } of parts) predictProbability(trainGbdt(takeRows(data, train), takeLabels(labels, train), o), takeRows(data, test)).forEach((p, i) => (outOfFold[test[i]] = p));
    return { model: trainGbdt(data, labels, o), outOfFold };
  }
  const raw = outOfFoldRaw(data, labels, o);
  for (const { train, test } of parts) {
    const platt = fitPlatt(Float64Array.from(train, (r) => raw[r]), takeLabels(labels, train));
    for (const r of test) outOfFold[r] = applyPlatt(platt, raw[r]);
  }
  return { model: trainGbdt(data, labels, o, raw), outOfFold };
}

export function rawScoresOfBinned(model: GbdtModel, binned: BinnedData): Float64Array {
  const raw = new Float64Array(binned.rows).fill(model.baseScore);
  for (const tree of model.trees) addTree(raw, tree, binned);
  return raw;
}

/** Log-odds before calibration, the quantity explanations add up to. */
export function predictRaw(model: GbdtModel, data: Dataset): Float64Array {
  return rawScoresOfBinned(model, applyBinners(model.binners, data));
}

export function predictProbability(model: GbdtModel, data: Dataset): Float64Array {
  return predictRaw(model, data).map((raw) => applyPlatt(model.calibration, raw));
}
