// Per-prediction reasons by path attribution (Saabas): each split on a row's path credits its
// feature with the change in node value, so bias + contributions equal the raw score exactly.
// Chosen over path-dependent TreeSHAP because it costs O(depth) per tree and row (explaining
// every open deal costs about as much as scoring it) and adds up exactly; its known lean is
// to credit features split near the root a little more, acceptable for naming a deal's top reasons.
import { applyBinners } from './binning.ts';
import { applyPlatt } from './calibration.ts';
import type { Dataset } from './dataset.ts';
import type { GbdtModel } from './gbdt.ts';

export interface Factor {
  feature: string;
  /** change in log-odds this feature caused for this row */
  contribution: number;
}

export interface Explanation {
  raw: number;
  probability: number;
  /** the model's starting score: base log-odds plus every tree's root value */
  bias: number;
  /** one entry per feature, in model feature order */
  contributions: Float64Array;
  topPositive: Factor[];
  topNegative: Factor[];
}

export function explain(model: GbdtModel, data: Dataset, top = 3): Explanation[] {
  const binned = applyBinners(model.binners, data);
  let bias = model.baseScore;
  for (const tree of model.trees) bias += tree.nodes[0].value;
  const out: Explanation[] = [];
  for (let r = 0; r < data.rows; r++) {
    const contributions = new Float64Array(model.featureNames.length);
    for (const { nodes } of model.trees) {
      let node = nodes[0];
      while (node.goesLeft) {
        const child = nodes[node.goesLeft[binned.bins[node.feature][r]] ? node.left : node.right];
        contributions[node.feature] += child.value - node.value;
        node = child;
      }
    }
    let raw = bias;
    for (const c of contributions) raw += c;
    const factors = Array.from(contributions, (contribution, f) => ({ feature: model.featureNames[f], contribution }));
    out.push({
      raw,
      probability: applyPlatt(model.calibration, raw),
      bias,
      contributions,
      topPositive: factors.filter((f) => f.contribution > 0).sort((a, b) => b.contribution - a.contribution).slice(0, top),
      topNegative: factors.filter((f) => f.contribution < 0).sort((a, b) => a.contribution - b.contribution).slice(0, top),
    });
  }
  return out;
}
