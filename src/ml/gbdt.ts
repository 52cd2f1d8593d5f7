// Histogram gradient-boosted trees for yes/no outcomes (log-loss, Newton leaves), with early
// stopping and Platt calibration on a stratified holdout; deterministic for a given seed.
import { applyBinners, fitBinners, type BinnedData, type FeatureBinner } from './binning.ts';
import { takeLabels, takeRows, type Dataset } from './dataset.ts';
import { applyPlatt, fitPlatt, sigmoid, type PlattScaling } from './calibration.ts';
import { stratifiedHoldout } from './folds.ts';
import { logLoss } from './metrics.ts';
import { seededRandom } from './random.ts';
import { leafOf, TreeGrower, type HistogramLayout, type Tree, type TreeParams } from './tree.ts';

export interface GbdtOptions extends TreeParams {
  iterations: number;
  /** fraction of the training rows each tree sees (1 = all) */
  subsample: number;
  /** stratified share held out for calibration (and early stopping); 0 turns both off */
  validationFraction: number;
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
  maxDepth: 8,
  minSamplesLeaf: 20,
  l2: 1,
  subsample: 1,
  validationFraction: 0.1,
  earlyStoppingRounds: 10,
  earlyStopping: 'auto',
  seed: 1,
};

/** fewer holdout rows than this and the holdout is too noisy to stop early or calibrate on */
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

export function trainGbdt(data: Dataset, labels: Uint8Array, options: Partial<GbdtOptions> = {}): GbdtModel {
  const o = { ...defaultGbdtOptions, ...options };
  if (labels.length !== data.rows) throw new RangeError(`${data.rows} rows but ${labels.length} labels`);
  const random = seededRandom(o.seed);
  const useHoldout = o.validationFraction > 0 && data.rows * o.validationFraction >= MIN_HOLDOUT_ROWS;
  const split = useHoldout ? stratifiedHoldout(labels, o.validationFraction, random) : null;
  const train = split ? takeRows(data, split.train) : data;
  const y = split ? takeLabels(labels, split.train) : labels;
  let positives = 0;
  for (const v of y) positives += v;
  if (positives === 0 || positives === y.length) throw new RangeError('both outcomes must occur in the training rows');

  const binners = fitBinners(train);
  const binned = applyBinners(binners, train);
  const holdout = split ? applyBinners(binners, takeRows(data, split.test)) : null;
  const holdoutY = split ? takeLabels(labels, split.test) : null;
  const stopEarly = split !== null && (o.earlyStopping === 'auto' ? data.rows >= EARLY_STOPPING_ROWS : o.earlyStopping);
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
    if (stopEarly && holdout && holdoutY) {
      addTree(holdoutRaw, tree, holdout);
      const loss = logLoss(holdoutY, holdoutRaw.map(sigmoid));
      if (loss < bestLoss - 1e-7) {
        bestLoss = loss;
        bestCount = trees.length;
      } else if (trees.length - bestCount >= o.earlyStoppingRounds) break;
    }
  }
  if (stopEarly) trees.length = bestCount;
  const model: GbdtModel = { featureNames: binners.map((b) => b.name), binners, baseScore, trees, calibration: null, holdoutLogLoss: null };
  if (holdout && holdoutY) {
    const holdoutScores = rawScoresOfBinned(model, holdout);
    model.holdoutLogLoss = logLoss(holdoutY, holdoutScores.map(sigmoid));
    model.calibration = fitPlatt(holdoutScores, holdoutY);
  }
  return model;
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
