// The boosted trees learn known small problems, explain every score exactly and repeat for a seed.
import { describe, expect, it } from 'vitest';
import { trainGbdt, trainWithHoldout, predictProbability, predictRaw } from './gbdt.ts';
import { explain } from './explain.ts';
import { auc, brier, logLoss } from './metrics.ts';
import { stratifiedKFold } from './folds.ts';
import { seededRandom } from './random.ts';
import type { Dataset } from './dataset.ts';
import { modelFromJson, modelToJson } from './model-json.ts';
import { applyPlatt, fitPlatt } from './calibration.ts';

function numericData(rows: number, features: number, seed: number, label: (x: number[], r: () => number) => boolean) {
  const random = seededRandom(seed);
  const columns = Array.from({ length: features }, (_, f) => ({ name: `x${f}`, kind: 'numeric' as const, values: new Float64Array(rows) }));
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = columns.map((c) => (c.values[i] = random() * 2 - 1));
    labels[i] = label(x, random) ? 1 : 0;
  }
  return { data: { rows, columns } as Dataset, labels };
}

const xor = (x: number[]) => x[0] * x[1] > 0;

describe('gradient-boosted trees', () => {
  it('learn an XOR interaction that no single feature reveals', () => {
    const train = numericData(3000, 4, 1, xor);
    const test = numericData(1000, 4, 2, xor);
    const model = trainGbdt(train.data, train.labels, { seed: 3 });
    expect(auc(test.labels, predictProbability(model, test.data))).toBeGreaterThan(0.95);
    // each feature alone ranks no better than chance: a linear model has nothing to work with
    expect(Math.abs(auc(test.labels, test.data.columns[0].values as Float64Array) - 0.5)).toBeLessThan(0.05);
  });

  it('score rises with a monotone signal', () => {
    const { data, labels } = numericData(3000, 2, 4, (x, r) => x[0] + (r() - 0.5) * 0.5 > 0);
    const model = trainGbdt(data, labels);
    const grid = { rows: 5, columns: [{ name: 'x0', kind: 'numeric' as const, values: Float64Array.from([-0.9, -0.4, 0, 0.4, 0.9]) }, { name: 'x1', kind: 'numeric' as const, values: new Float64Array(5) }] };
    const p = predictProbability(model, grid);
    expect(p[0]).toBeLessThan(p[2]);
    expect(p[2]).toBeLessThan(p[4]);
    expect(p[0]).toBeLessThan(0.2);
    expect(p[4]).toBeGreaterThan(0.8);
  });

  it('learn from missing values themselves instead of reading them as 0', () => {
    const random = seededRandom(5);
    const rows = 3000;
    const values = new Float64Array(rows);
    const labels = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const missing = random() < 0.3;
      values[i] = missing ? NaN : random() * 2 - 1;
      // missing means "won"; a present value near 0 means "lost"
      labels[i] = missing || values[i] > 0.5 ? 1 : 0;
    }
    const model = trainGbdt({ rows, columns: [{ name: 'budget', kind: 'numeric', values }] }, labels);
    const p = predictProbability(model, { rows: 2, columns: [{ name: 'budget', kind: 'numeric', values: Float64Array.from([NaN, 0]) }] });
    expect(p[0]).toBeGreaterThan(0.9);
    expect(p[1]).toBeLessThan(0.1);
  });

  it('split on categories, including Chinese and emoji ones, and treat unseen ones as missing', () => {
    const random = seededRandom(6);
    const industries = ['医疗器械', 'SaaS', '制造业', '分销 🚚', '教育', '能源'];
    const winners = new Set(['医疗器械', '分销 🚚', '能源']);
    const rows = 3000;
    const values: (string | null)[] = [];
    const labels = new Uint8Array(rows);
    for (let i = 0; i < rows; i++) {
      const v = industries[Math.floor(random() * industries.length)];
      values.push(v);
      labels[i] = winners.has(v) === random() < 0.9 ? 1 : 0;
    }
    const model = trainGbdt({ rows, columns: [{ name: 'industry', kind: 'categorical', values }] }, labels);
    const p = predictProbability(model, { rows: 3, columns: [{ name: 'industry', kind: 'categorical', values: ['能源', '教育', "'; drop table deals; --"] }] });
    expect(p[0]).toBeGreaterThan(0.8);
    expect(p[1]).toBeLessThan(0.2);
    expect(p[2]).toBeGreaterThan(0);
  });

  it('explain every row with contributions that add up to the raw score', () => {
    const { data, labels } = numericData(2000, 5, 7, (x, r) => x[0] * x[1] + x[2] + (r() - 0.5) > 0);
    data.columns[3].values[0] = NaN;
    const model = trainGbdt(data, labels);
    const raw = predictRaw(model, data);
    const explanations = explain(model, data);
    explanations.forEach((e, i) => {
      let sum = e.bias;
      for (const c of e.contributions) sum += c;
      expect(Math.abs(sum - raw[i])).toBeLessThan(1e-9);
      expect(Math.abs(e.raw - raw[i])).toBeLessThan(1e-9);
      for (const f of e.topPositive) expect(f.contribution).toBeGreaterThan(0);
      for (const f of e.topNegative) expect(f.contribution).toBeLessThan(0);
    });
  });

  it('give the same model for the same seed, with row subsampling', () => {
    const { data, labels } = numericData(2000, 3, 8, xor);
    const a = predictRaw(trainGbdt(data, labels, { seed: 9, subsample: 0.7 }), data);
    const b = predictRaw(trainGbdt(data, labels, { seed: 9, subsample: 0.7 }), data);
    expect(Array.from(a)).toEqual(Array.from(b));
  });

  it('give calibrated probabilities: predicted and observed win rates agree on unseen rows', () => {
    const noisy = (x: number[], r: () => number) => r() < 0.2 + 0.6 * (x[0] > 0 ? 1 : 0) * (x[1] > 0 ? 1 : 0.5);
    const train = numericData(5000, 3, 11, noisy);
    const test = numericData(5000, 3, 12, noisy);
    const model = trainGbdt(train.data, train.labels);
    expect(model.calibration).not.toBeNull();
    const p = predictProbability(model, test.data);
    for (const [lo, hi] of [[0, 0.4], [0.4, 0.7], [0.7, 1]]) {
      const rows = Array.from(p.keys()).filter((i) => p[i] >= lo && p[i] < hi);
      const predicted = rows.reduce((s, i) => s + p[i], 0) / rows.length;
      const observed = rows.reduce((s, i) => s + test.labels[i], 0) / rows.length;
      expect(Math.abs(predicted - observed)).toBeLessThan(0.05);
    }
    expect(brier(test.labels, p)).toBeLessThan(0.2);
  });

  it('train on every row of a small set and calibrate on out-of-fold scores; hold rows out only to stop a large set early', () => {
    const small = numericData(2000, 2, 15, (x, r) => x[0] + (r() - 0.5) > 0);
    const model = trainGbdt(small.data, small.labels);
    expect(model.trees[0].nodes[0].samples).toBe(2000);
    expect(model.calibration?.a).toBeGreaterThan(0);
    expect(model.holdoutLogLoss).toBeGreaterThan(0);
    const large = numericData(10_000, 2, 16, (x, r) => x[0] + (r() - 0.5) > 0);
    expect(trainGbdt(large.data, large.labels, { iterations: 5 }).trees[0].nodes[0].samples).toBe(9000);
    expect(trainGbdt(small.data, small.labels, { calibrationFolds: 0 }).calibration).toBeNull();
  });

  it('give the holdout figures from the same fold models that calibrate the model trained on every row', () => {
    const { data, labels } = numericData(1500, 3, 17, (x, r) => x[0] - x[1] + (r() - 0.5) > 0);
    const { model, outOfFold } = trainWithHoldout(data, labels, { seed: 2 }, 5);
    expect(model).toEqual(trainGbdt(data, labels, { seed: 2, calibrationFolds: 5 }));
    expect(outOfFold).toHaveLength(1500);
    expect(auc(labels, outOfFold)).toBeGreaterThan(0.85);
    expect(Math.abs(outOfFold.reduce((s, p) => s + p, 0) / 1500 - labels.reduce((s, y) => s + y, 0) / 1500)).toBeLessThan(0.03);
  });

  it('keep the ranking when calibrating scores that separate the outcomes almost perfectly', () => {
    // an overconfident model: every score far out, one loser among the winners
    const scores = Float64Array.from({ length: 80 }, (_, i) => (i < 40 ? -8 - i / 10 : 8 + i / 10));
    const labels = Uint8Array.from({ length: 80 }, (_, i) => (i >= 40 || i === 3 ? 1 : 0));
    const { a, b } = fitPlatt(scores, labels);
    expect(a).toBeGreaterThan(0);
    expect(Number.isFinite(b)).toBe(true);
    // and say no more than 41 of 42 and 1 of 42 (Platt's smoothed targets), not "certain"
    expect(applyPlatt({ a, b }, 9)).toBeGreaterThan(0.9);
    expect(applyPlatt({ a, b }, 9)).toBeLessThan(0.99);
    expect(applyPlatt({ a, b }, -9)).toBeLessThan(0.1);
    expect(applyPlatt({ a, b }, -9)).toBeGreaterThan(0.01);
  });

  it('stop adding trees once the holdout stops improving', () => {
    const { data, labels } = numericData(3000, 3, 13, (_x, r) => r() < 0.5);
    const model = trainGbdt(data, labels, { earlyStopping: true, iterations: 100 });
    expect(model.trees.length).toBeLessThan(20);
    expect(trainGbdt(data, labels, { earlyStopping: false, iterations: 30 }).trees.length).toBe(30);
  });

  it('score the same after a round trip through JSON', () => {
    const { data, labels } = numericData(2000, 2, 14, xor);
    const withCategory: Dataset = { rows: data.rows, columns: [...data.columns, { name: '行业', kind: 'categorical', values: Array.from({ length: data.rows }, (_, i) => (i % 7 === 0 ? null : ['医疗', 'SaaS 🚀'][i % 2])) }] };
    data.columns[0].values[3] = NaN;
    const model = trainGbdt(withCategory, labels);
    const stored = JSON.parse(JSON.stringify(modelToJson(model)));
    expect(Array.from(predictProbability(modelFromJson(stored), withCategory))).toEqual(Array.from(predictProbability(model, withCategory)));
  });

  it('refuse a training set with one outcome only', () => {
    const { data } = numericData(100, 2, 10, () => true);
    expect(() => trainGbdt(data, new Uint8Array(100).fill(1))).toThrow(/both outcomes/);
  });
});

describe('metrics and folds', () => {
  it('match hand-computed values', () => {
    const y = Uint8Array.from([0, 0, 1, 1]);
    const p = [0.1, 0.4, 0.35, 0.8];
    expect(auc(y, p)).toBeCloseTo(0.75, 12);
    expect(auc(y, [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(logLoss(y, p)).toBeCloseTo(-(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4, 12);
    expect(brier(y, p)).toBeCloseTo((0.01 + 0.16 + 0.4225 + 0.04) / 4, 12);
  });

  it('keep each fold stratified, disjoint and covering every row', () => {
    const labels = Uint8Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0));
    const folds = stratifiedKFold(labels, 5, 1);
    const seen = new Uint8Array(103);
    for (const { train, test } of folds) {
      expect(train.length + test.length).toBe(103);
      const positives = Array.from(test).filter((r) => labels[r]).length;
      expect(positives).toBeGreaterThanOrEqual(5);
      expect(positives).toBeLessThanOrEqual(6);
      for (const r of test) seen[r]++;
    }
    expect(Array.from(seen).every((c) => c === 1)).toBe(true);
    expect(() => stratifiedKFold(labels, 1, 1)).toThrow(/folds/);
  });
});
