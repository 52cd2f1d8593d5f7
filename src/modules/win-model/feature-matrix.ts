// Turns feature vectors into the columns the trees learn from (null → NaN / null, never 0),
// and picks each closed deal's training row as of a moment before its outcome was known.
import type { Dataset, FeatureColumn } from '../../ml/dataset.ts';
import { dealFeatures, FEATURES, stageAt, trainingMoment, type FeatureName, type FeatureVector } from './deal-features.ts';
import type { LoadedHistories } from './load-histories.ts';

/** `names`: the columns in a stored model's order (default: today's feature list) */
export function toDataset(vectors: FeatureVector[], names: readonly string[] = FEATURES.map((f) => f.name)): Dataset {
  const kinds = new Map<string, string>(FEATURES.map((f) => [f.name, f.kind]));
  const columns = names.map((name): FeatureColumn => {
    const f = { name: name as FeatureName, kind: kinds.get(name) ?? 'numeric' };
    if (f.kind === 'numeric') return { name: f.name, kind: 'numeric', values: Float64Array.from(vectors, (v) => (typeof v[f.name] === 'number' ? (v[f.name] as number) : NaN)) };
    return { name: f.name, kind: 'categorical', values: vectors.map((v) => (typeof v[f.name] === 'string' ? (v[f.name] as string) : null)) };
  });
  return { rows: vectors.length, columns };
}

export interface TrainingSet {
  dealIds: string[];
  asOf: Date[];
  vectors: FeatureVector[];
  labels: Uint8Array;
}

/** One row per closed deal whose stage at its training moment was still open. */
export function trainingSet(loaded: LoadedHistories): TrainingSet {
  const out: TrainingSet = { dealIds: [], asOf: [], vectors: [], labels: new Uint8Array(loaded.histories.length) };
  for (const h of loaded.histories) {
    const moment = trainingMoment(h.deal);
    if (!moment) continue;
    const stage = stageAt(h, moment);
    if (stage === 'won' || stage === 'lost') continue;
    out.labels[out.vectors.length] = h.deal.stage === 'won' ? 1 : 0;
    out.dealIds.push(h.deal.id);
    out.asOf.push(moment);
    out.vectors.push(dealFeatures(h, moment, loaded.context));
  }
  out.labels = out.labels.slice(0, out.vectors.length);
  return out;
}
