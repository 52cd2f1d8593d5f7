// How one tree chooses its splits: an empty field is a split of its own, and categories whose rows
// the trees are already sure of carry no weight.
import { describe, expect, it } from 'vitest';
import { applyBinners, fitBinners } from './binning.ts';
import { TreeGrower, type HistogramLayout } from './tree.ts';
import type { Dataset } from './dataset.ts';

function growOne(data: Dataset, grad: number[], hess: number[], minSamplesLeaf = 20) {
  const binners = fitBinners(data);
  const binCounts = Uint16Array.from(binners, (b) => b.missingBin + 1);
  const offsets = new Uint32Array(binners.length);
  for (let f = 1; f < binners.length; f++) offsets[f] = offsets[f - 1] + binCounts[f - 1];
  const layout: HistogramLayout = { binCounts, offsets, totalBins: binCounts.reduce((s, n) => s + n, 0), categorical: Uint8Array.from(binners, (b) => (b.kind === 'categorical' ? 1 : 0)) };
  const grower = new TreeGrower(applyBinners(binners, data), layout, { maxLeaves: 2, maxDepth: Infinity, minSamplesLeaf, l2: 0, learningRate: 1 });
  return grower.grow(Float64Array.from(grad), Float64Array.from(hess), Uint32Array.from(grad.keys()));
}

describe('tree splits', () => {
  it('separate rows with an empty field from every row that has one, whatever its value', () => {
    // 1,000 distinct values (many more than the bins) carry no signal; only being empty does
    const rows = 1300;
    const values = Float64Array.from({ length: rows }, (_, i) => (i < 300 ? NaN : i));
    const grad = Array.from({ length: rows }, (_, i) => (i < 300 ? -0.5 : 0.1 * (i % 2 ? 1 : -1)));
    const tree = growOne({ rows, columns: [{ name: 'days_since_last_touch', kind: 'numeric', values }] }, grad, new Array<number>(rows).fill(0.25));
    expect(tree.nodes).toHaveLength(3);
    // the empty rows alone on one side: their Newton step is −Σg/Σh = 150 / 75
    const children = tree.nodes.slice(1).map((n) => ({ samples: n.samples, value: Math.round(n.value * 1e6) / 1e6 || 0 }));
    expect(children).toContainEqual({ samples: 300, value: 2 });
    expect(children).toContainEqual({ samples: 1000, value: 0 });
  });

  it('do not split off a category whose rows the trees are already sure of', () => {
    // 医疗 and SaaS look alike; 能源's 30 rows pull hard but with almost no hessian left to move
    const cats = [...new Array<string>(100).fill('医疗'), ...new Array<string>(100).fill('SaaS'), ...new Array<string>(30).fill('能源')];
    const grad = cats.map((c) => (c === '能源' ? -0.001 : 0));
    const hess = cats.map((c) => (c === '能源' ? 0.0001 : 0.25));
    const tree = growOne({ rows: cats.length, columns: [{ name: '行业', kind: 'categorical', values: cats }] }, grad, hess, 10);
    expect(tree.nodes.map((n) => n.samples)).not.toContain(30);
    // with hessian to spare, the same 30 rows are split off
    const unsure = growOne({ rows: cats.length, columns: [{ name: '行业', kind: 'categorical', values: cats }] }, grad.map((g) => g * 250), hess.map((h) => (h < 0.01 ? 0.25 : h)), 10);
    expect(unsure.nodes.slice(1).map((n) => n.samples).sort((a, b) => a - b)).toEqual([30, 200]);
  });
});
