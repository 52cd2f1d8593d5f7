// Grows one regression tree on gradient/hessian histograms, best leaf first, building only the
// smaller child's histogram and taking the larger one as parent minus smaller.
import type { BinnedData } from './binning.ts';

export interface TreeParams {
  maxLeaves: number;
  maxDepth: number;
  minSamplesLeaf: number;
  l2: number;
  learningRate: number;
}

export interface TreeNode {
  /** -1 on a leaf */
  feature: number;
  /** bin → 1 when the row goes to the left child; null on a leaf */
  goesLeft: Uint8Array | null;
  left: number;
  right: number;
  /** the Newton step this node would give as a leaf, times the learning rate */
  value: number;
  samples: number;
}

export interface Tree {
  nodes: TreeNode[];
}

interface Split {
  feature: number;
  gain: number;
  goesLeft: Uint8Array;
}

interface ParentStats {
  g: number;
  h: number;
  n: number;
  score: number;
}

/** the best split found so far while scanning a node's histograms */
interface Candidate {
  feature: number;
  gain: number;
  /** numeric: last value bin sent left; categorical: last index of `order` sent left */
  threshold: number;
  missingLeft: boolean;
  order: number[];
}

interface OpenLeaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  hist: Float64Array;
  g: number;
  h: number;
  split: Split | null;
}

const MIN_HESSIAN = 1e-3;
const MIN_GAIN = 1e-9;
/** a category needs this many rows in a node to be split on; also the smoothing of its gradient ratio */
const MIN_CAT_SUPPORT = 10;
/** at most this many categories are sent left by one split */
const MAX_CAT_LEFT = 32;

export interface HistogramLayout {
  /** bins per feature, the missing bin being the last */
  binCounts: Uint16Array;
  /** first histogram slot of each feature */
  offsets: Uint32Array;
  totalBins: number;
  /** which features are categorical (split by sorted gradient ratio) */
  categorical: Uint8Array;
}

export class TreeGrower {
  constructor(
    private readonly data: BinnedData,
    private readonly layout: HistogramLayout,
    private readonly params: TreeParams,
  ) {}

  grow(grad: Float64Array, hess: Float64Array, rows: Uint32Array): Tree {
    const { params } = this;
    const rootHist = this.histogram(grad, hess, rows, 0, rows.length);
    let g = 0;
    let h = 0;
    for (let i = 0; i < rows.length; i++) {
      g += grad[rows[i]];
      h += hess[rows[i]];
    }
    const nodes: TreeNode[] = [this.leafNode(g, h, rows.length)];
    const open: OpenLeaf[] = [this.openLeaf(0, 0, rows.length, 0, rootHist, g, h)];
    let leaves = 1;
    while (leaves < params.maxLeaves) {
      let best = -1;
      for (let i = 0; i < open.length; i++) {
        const s = open[i].split;
        if (s && (best < 0 || s.gain > (open[best].split as Split).gain)) best = i;
      }
      if (best < 0) break;
      const leaf = open[best];
      open.splice(best, 1);
      const split = leaf.split as Split;
      const mid = this.partition(rows, leaf.start, leaf.end, split);
      const leftCount = mid - leaf.start;
      const rightCount = leaf.end - mid;
      const leftIsSmaller = leftCount <= rightCount;
      const smallHist = leftIsSmaller ? this.histogram(grad, hess, rows, leaf.start, mid) : this.histogram(grad, hess, rows, mid, leaf.end);
      const bigHist = leaf.hist;
      for (let i = 0; i < bigHist.length; i++) bigHist[i] -= smallHist[i];
      const [leftHist, rightHist] = leftIsSmaller ? [smallHist, bigHist] : [bigHist, smallHist];
      const [lg, lh] = this.sums(leftHist, split.feature);
      const leftNode = nodes.length;
      nodes.push(this.leafNode(lg, lh, leftCount), this.leafNode(leaf.g - lg, leaf.h - lh, rightCount));
      Object.assign(nodes[leaf.node], { feature: split.feature, goesLeft: split.goesLeft, left: leftNode, right: leftNode + 1 });
      open.push(
        this.openLeaf(leftNode, leaf.start, mid, leaf.depth + 1, leftHist, lg, lh),
        this.openLeaf(leftNode + 1, mid, leaf.end, leaf.depth + 1, rightHist, leaf.g - lg, leaf.h - lh),
      );
      leaves++;
    }
    return { nodes };
  }

  private leafNode(g: number, h: number, samples: number): TreeNode {
    return { feature: -1, goesLeft: null, left: -1, right: -1, value: (-g / (h + this.params.l2)) * this.params.learningRate, samples };
  }

  private openLeaf(node: number, start: number, end: number, depth: number, hist: Float64Array, g: number, h: number): OpenLeaf {
    const splittable = depth < this.params.maxDepth && end - start >= 2 * this.params.minSamplesLeaf;
    return { node, start, end, depth, hist, g, h, split: splittable ? this.bestSplit(hist, g, h, end - start) : null };
  }

  private histogram(grad: Float64Array, hess: Float64Array, rows: Uint32Array, start: number, end: number): Float64Array {
    const { binCounts, offsets, totalBins } = this.layout;
    const hist = new Float64Array(totalBins * 3);
    // gradients gathered once in node order, so the per-feature loops read them sequentially
    const n = end - start;
    const g = new Float64Array(n);
    const h = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      g[i] = grad[rows[start + i]];
      h[i] = hess[rows[start + i]];
    }
    for (let f = 0; f < binCounts.length; f++) {
      const col = this.data.bins[f];
      const base = offsets[f] * 3;
      for (let i = 0; i < n; i++) {
        const slot = base + col[rows[start + i]] * 3;
        hist[slot] += g[i];
        hist[slot + 1] += h[i];
        hist[slot + 2]++;
      }
    }
    return hist;
  }

  private sums(hist: Float64Array, feature: number): [number, number] {
    const base = this.layout.offsets[feature] * 3;
    let g = 0;
    let h = 0;
    for (let b = 0; b < this.layout.binCounts[feature]; b++) {
      g += hist[base + b * 3];
      h += hist[base + b * 3 + 1];
    }
    return [g, h];
  }

  private partition(rows: Uint32Array, start: number, end: number, split: Split): number {
    const col = this.data.bins[split.feature];
    let i = start;
    let j = end - 1;
    while (i <= j) {
      if (split.goesLeft[col[rows[i]]]) i++;
      else {
        const tmp = rows[i];
        rows[i] = rows[j];
        rows[j] = tmp;
        j--;
      }
    }
    return i;
  }

  private bestSplit(hist: Float64Array, g: number, h: number, n: number): Split | null {
    const best: Candidate = { feature: -1, gain: MIN_GAIN, threshold: 0, missingLeft: false, order: [] };
    const parent = { g, h, n, score: (g * g) / (h + this.params.l2) };
    for (let f = 0; f < this.layout.binCounts.length; f++) {
      if (this.layout.categorical[f]) this.categoricalSplits(f, hist, parent, best);
      else this.numericSplits(f, hist, parent, best);
    }
    if (best.feature < 0) return null;
    const nb = this.layout.binCounts[best.feature];
    const goesLeft = new Uint8Array(256);
    if (this.layout.categorical[best.feature]) {
      // categories the split did not weigh (rare here, absent, missing or unseen) follow the larger side
      if (best.missingLeft) goesLeft.fill(1, 0, nb);
      for (const b of best.order) goesLeft[b] = 0;
      for (let k = 0; k <= best.threshold; k++) goesLeft[best.order[k]] = 1;
    } else {
      goesLeft.fill(1, 0, best.threshold + 1);
      goesLeft[nb - 1] = best.missingLeft ? 1 : 0;
    }
    return { feature: best.feature, gain: best.gain, goesLeft };
  }

  /** the gain of sending (gl, hl, cl) left, or -Infinity when a side breaks the size limits */
  private gain(parent: ParentStats, gl: number, hl: number, cl: number): number {
    const { l2, minSamplesLeaf } = this.params;
    const gr = parent.g - gl;
    const hr = parent.h - hl;
    if (cl < minSamplesLeaf || parent.n - cl < minSamplesLeaf || hl < MIN_HESSIAN || hr < MIN_HESSIAN) return -Infinity;
    return (gl * gl) / (hl + l2) + (gr * gr) / (hr + l2) - parent.score;
  }

  /**
   * left = value bins ≤ t; missing rows try both sides (the better one is their learned default).
   * With missing rows in the node, t may be the last value bin: every present value left, every
   * missing one right, so "the field is empty" is a split of its own.
   */
  private numericSplits(f: number, hist: Float64Array, parent: ParentStats, best: Candidate) {
    const nb = this.layout.binCounts[f];
    const base = this.layout.offsets[f] * 3;
    const missing = base + (nb - 1) * 3;
    const gm = hist[missing];
    const hm = hist[missing + 1];
    const cm = hist[missing + 2];
    const lastValueBin = nb - 2;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    for (let t = 0; t < (cm > 0 ? lastValueBin + 1 : lastValueBin); t++) {
      gl += hist[base + t * 3];
      hl += hist[base + t * 3 + 1];
      cl += hist[base + t * 3 + 2];
      if (cl === 0) continue;
      // with no missing values in this node, unseen missing values follow the larger side
      const right = this.gain(parent, gl, hl, cl);
      const left = cm > 0 && t < lastValueBin ? this.gain(parent, gl + gm, hl + hm, cl + cm) : -Infinity;
      const gain = Math.max(left, right);
      if (gain > best.gain) Object.assign(best, { feature: f, gain, threshold: t, missingLeft: cm > 0 ? left > right : cl >= parent.n - cl });
    }
  }

  /**
   * Categories (missing counted as one) with enough rows, sorted by smoothed gradient ratio; left
   * = up to MAX_CAT_LEFT of them from either end of that order. Rare categories are not split on
   * (they follow the larger side), which keeps high-cardinality columns (an account, a rep) from
   * fitting noise, as scikit-learn and LightGBM do.
   */
  private categoricalSplits(f: number, hist: Float64Array, parent: ParentStats, best: Candidate) {
    const nb = this.layout.binCounts[f];
    const base = this.layout.offsets[f] * 3;
    const present: number[] = [];
    // support is the category's share of the node's hessian in rows: rows the trees are already sure of count for little
    const rowsPerHessian = parent.n / parent.h;
    for (let b = 0; b < nb; b++) if (hist[base + b * 3 + 1] * rowsPerHessian >= MIN_CAT_SUPPORT) present.push(b);
    if (present.length < 2) return;
    const ratio = (b: number) => hist[base + b * 3] / (hist[base + b * 3 + 1] + MIN_CAT_SUPPORT);
    present.sort((a, b) => ratio(a) - ratio(b));
    const maxLeft = Math.min(MAX_CAT_LEFT, Math.floor((present.length + 1) / 2));
    for (const order of [present, [...present].reverse()]) {
      let gl = 0;
      let hl = 0;
      let cl = 0;
      for (let j = 0; j < maxLeft; j++) {
        const b = order[j];
        gl += hist[base + b * 3];
        hl += hist[base + b * 3 + 1];
        cl += hist[base + b * 3 + 2];
        const gain = this.gain(parent, gl, hl, cl);
        // a missing, rare or unseen category not among the left ones follows the larger side
        if (gain > best.gain) Object.assign(best, { feature: f, gain, threshold: j, order, missingLeft: cl >= parent.n - cl });
      }
    }
  }
}

export function leafOf(tree: Tree, bins: Uint8Array[], row: number): number {
  const nodes = tree.nodes;
  let i = 0;
  for (let node = nodes[0]; node.goesLeft; node = nodes[i]) i = node.goesLeft[bins[node.feature][row]] ? node.left : node.right;
  return i;
}
