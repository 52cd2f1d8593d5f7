// Per-deal probabilities of being won before the period ends, from the win model's features and
// trees trained on the neutral forecast's own learning windows: every deal open at a window's
// anchor, with its features as of then, labelled by whether it was won before that window closed.
// Every window ends by the as-of moment, so every label is known then and nothing later is read.
import { dealFeatures, type DealHistory, type FeatureVector } from '../win-model/deal-features.ts';
import { toDataset } from '../win-model/feature-matrix.ts';
import type { LoadedHistories } from '../win-model/load-histories.ts';
import { chooseKind, GBDT_OPTIONS } from '../win-model/train-win-model.ts';
import { predictProbability, trainGbdt } from '../../ml/gbdt.ts';
import { openStateAt, type DealRecord } from './deal-history.ts';
import { windowEnds, wonBetween, type PeriodWindow } from './neutral-forecast.ts';

const openAt = (d: DealRecord, t: Date) => {
  const s = openStateAt(d, t);
  return s !== null && s.stage !== 'unknown';
};

/**
 * deal id → P(won before the period ends) for the deals open at `asOf`; empty when the windows
 * hold too few deals of either outcome for the trees (the win model's own threshold), and the
 * forecast then rates deals by its cells.
 */
export function inTimeProbabilities(loaded: LoadedHistories, deals: readonly DealRecord[], period: PeriodWindow, asOf: Date): Map<string, number> {
  const out = new Map<string, number>();
  if (deals.length === 0) return out;
  const remaining = Math.max(0, period.to.getTime() - asOf.getTime());
  const earliest = Math.min(...deals.map((d) => d.createdAt.getTime()));
  const byId = new Map(loaded.histories.map((h) => [h.deal.id, h]));
  const known = deals.filter((d) => byId.has(d.id));
  const vectors: FeatureVector[] = [];
  const labels: number[] = [];
  for (const vTo of windowEnds(period, asOf, remaining, earliest)) {
    const anchor = new Date(vTo - remaining);
    for (const d of known) {
      if (!openAt(d, anchor)) continue;
      vectors.push(dealFeatures(byId.get(d.id) as DealHistory, anchor, loaded.context));
      labels.push(wonBetween(d, anchor.getTime(), vTo) ? 1 : 0);
    }
  }
  const set = { dealIds: [], asOf: [], vectors, labels: Uint8Array.from(labels) };
  if (chooseKind(set) !== 'gbdt') return out;
  const scored = known.filter((d) => openAt(d, asOf));
  const model = trainGbdt(toDataset(vectors), set.labels, GBDT_OPTIONS);
  const p = predictProbability(model, toDataset(scored.map((d) => dealFeatures(byId.get(d.id) as DealHistory, asOf, loaded.context))));
  scored.forEach((d, i) => out.set(d.id, p[i]));
  return out;
}
