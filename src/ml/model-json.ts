// Turns a trained model into plain JSON and back, so a model version can be stored as a
// jsonb document and scored later exactly as it was trained.
import type { FeatureBinner } from './binning.ts';
import type { GbdtModel } from './gbdt.ts';
import type { TreeNode } from './tree.ts';

type BinnerJson = { name: string; kind: 'numeric'; upperBounds: number[] } | { name: string; kind: 'categorical'; categories: string[] };

/** a split node lists the bins it sends left; a leaf has neither feature nor leftBins */
interface NodeJson {
  feature?: number;
  leftBins?: number[];
  left?: number;
  right?: number;
  value: number;
  samples: number;
}

export interface GbdtModelJson {
  format: 'sightline-gbdt/1';
  featureNames: string[];
  binners: BinnerJson[];
  baseScore: number;
  trees: NodeJson[][];
  calibration: { a: number; b: number } | null;
  holdoutLogLoss: number | null;
}

export function modelToJson(model: GbdtModel): GbdtModelJson {
  return {
    format: 'sightline-gbdt/1',
    featureNames: model.featureNames,
    binners: model.binners.map((b) => (b.kind === 'numeric' ? { name: b.name, kind: b.kind, upperBounds: Array.from(b.upperBounds) } : { name: b.name, kind: b.kind, categories: b.categories })),
    baseScore: model.baseScore,
    trees: model.trees.map((t) =>
      t.nodes.map((n): NodeJson => {
        if (!n.goesLeft) return { value: n.value, samples: n.samples };
        const leftBins: number[] = [];
        n.goesLeft.forEach((goes, bin) => goes && leftBins.push(bin));
        return { feature: n.feature, leftBins, left: n.left, right: n.right, value: n.value, samples: n.samples };
      }),
    ),
    calibration: model.calibration,
    holdoutLogLoss: model.holdoutLogLoss,
  };
}

export function modelFromJson(json: GbdtModelJson): GbdtModel {
  if (json.format !== 'sightline-gbdt/1') throw new TypeError(`unknown model format ${String(json.format)}`);
  const binners = json.binners.map((b): FeatureBinner => {
    if (b.kind === 'numeric') return { name: b.name, kind: 'numeric', upperBounds: Float64Array.from(b.upperBounds), missingBin: b.upperBounds.length + 1 };
    return { name: b.name, kind: 'categorical', categories: b.categories, binOf: new Map(b.categories.map((c, i) => [c, i])), missingBin: b.categories.length };
  });
  const trees = json.trees.map((nodes) => ({
    nodes: nodes.map((n): TreeNode => {
      if (n.leftBins === undefined || n.feature === undefined) return { feature: -1, goesLeft: null, left: -1, right: -1, value: n.value, samples: n.samples };
      const goesLeft = new Uint8Array(256);
      for (const bin of n.leftBins) goesLeft[bin] = 1;
      return { feature: n.feature, goesLeft, left: n.left ?? -1, right: n.right ?? -1, value: n.value, samples: n.samples };
    }),
  }));
  return { featureNames: json.featureNames, binners, baseScore: json.baseScore, trees, calibration: json.calibration, holdoutLogLoss: json.holdoutLogLoss };
}
