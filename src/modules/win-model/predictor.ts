// One way to score with a stored model version, whichever kind it is: the calibrated
// probability, the raw log-odds, and each feature's additive contribution (bias + Σ = raw).
import { explain } from '../../ml/explain.ts';
import { modelFromJson, type GbdtModelJson } from '../../ml/model-json.ts';
import { sigmoid } from '../../ml/calibration.ts';
import type { GbdtModel } from '../../ml/gbdt.ts';
import { FEATURES, type FeatureName, type FeatureVector } from './deal-features.ts';
import { scoreBaseline, type BaselineModel } from './baseline.ts';
import { toDataset } from './feature-matrix.ts';

/** what "like the training data" means: numeric 1st–99th percentile, categories seen */
export type FeatureProfile = Record<string, { lo: number; hi: number } | { seen: string[] }>;

export type StoredModel = { kind: 'gbdt'; gbdt: GbdtModelJson; profile: FeatureProfile } | { kind: 'baseline'; baseline: BaselineModel; profile: FeatureProfile };

export interface Prediction {
  probability: number;
  raw: number;
  bias: number;
  contributions: Partial<Record<FeatureName, number>>;
}

export function featureProfile(vectors: FeatureVector[]): FeatureProfile {
  const profile: FeatureProfile = {};
  for (const f of FEATURES) {
    if (f.kind === 'categorical') {
      profile[f.name] = { seen: [...new Set(vectors.map((v) => v[f.name]).filter((x): x is string => typeof x === 'string'))].sort() };
      continue;
    }
    const values = vectors.map((v) => v[f.name]).filter((x): x is number => typeof x === 'number').sort((a, b) => a - b);
    if (values.length) profile[f.name] = { lo: values[Math.floor(values.length * 0.01)], hi: values[Math.min(values.length - 1, Math.floor(values.length * 0.99))] };
  }
  return profile;
}

const gbdtCache = new WeakMap<GbdtModelJson, GbdtModel>();

export function predict(model: StoredModel, vectors: FeatureVector[]): Prediction[] {
  if (model.kind === 'baseline') {
    return vectors.map((v) => {
      const s = scoreBaseline(model.baseline, v);
      return { ...s, probability: sigmoid(s.raw) };
    });
  }
  let gbdt = gbdtCache.get(model.gbdt);
  if (!gbdt) {
    gbdt = modelFromJson(model.gbdt);
    gbdtCache.set(model.gbdt, gbdt);
  }
  const names = gbdt.featureNames as FeatureName[];
  return explain(gbdt, toDataset(vectors, names), 0).map((e) => {
    const contributions: Partial<Record<FeatureName, number>> = {};
    e.contributions.forEach((c, f) => {
      if (c !== 0) contributions[names[f]] = c;
    });
    return { probability: e.probability, raw: e.raw, bias: e.bias, contributions };
  });
}
