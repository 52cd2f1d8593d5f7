// Per-deal win probabilities as the win model would have given them at a past moment, for the
// forecast's backtest: a model trained only on deals closed before the moment (each row as of
// its training moment, as train-win-model builds them), scoring the deals open at the moment with
// their features as of then. Nothing after the moment is read.
import { fitBaseline, scoreBaseline } from '../win-model/baseline.ts';
import { dealFeatures, stageAt, type DealHistory, type FeatureVector } from '../win-model/deal-features.ts';
import { closedQuietlyBy, dealStateAt, type DealRecord as ForecastDeal } from './deal-history.ts';
import { windowEnds, wonBetween, type PeriodWindow } from './neutral-forecast.ts';
import { toDataset, trainingSet } from '../win-model/feature-matrix.ts';
import type { LoadedHistories } from '../win-model/load-histories.ts';
import { chooseKind, GBDT_OPTIONS } from '../win-model/train-win-model.ts';
import { predictProbability, trainGbdt } from '../../ml/gbdt.ts';
import { sigmoid } from '../../ml/calibration.ts';

/** deal id → P(won) as of `asOf`; empty when no deal had closed before it */
export function winProbabilitiesAt(loaded: LoadedHistories, asOf: Date): Map<string, number> {
  const closedBefore = loaded.histories.filter((h) => h.deal.closedAt !== null && h.deal.closedAt < asOf && (h.deal.stage === 'won' || h.deal.stage === 'lost'));
  const set = trainingSet({ histories: closedBefore, context: loaded.context });
  const out = new Map<string, number>();
  if (set.labels.length === 0) return out;
  const open = loaded.histories.filter((h) => h.deal.createdAt <= asOf && (h.deal.closedAt === null || h.deal.closedAt > asOf));
  const scored = open.filter((h) => {
    const stage = stageAt(h, asOf);
    return stage !== 'won' && stage !== 'lost';
  });
  const vectors = scored.map((h) => dealFeatures(h, asOf, loaded.context));
  let p: ArrayLike<number>;
  if (chooseKind(set) === 'gbdt') p = predictProbability(trainGbdt(toDataset(set.vectors), set.labels, GBDT_OPTIONS), toDataset(vectors));
  else {
    const model = fitBaseline(set.vectors, set.labels);
    p = vectors.map((v) => sigmoid(scoreBaseline(model, v).raw));
  }
  scored.forEach((h, i) => out.set(h.deal.id, p[i]));
  return out;
}

/**
 * deal id → P(won before the period ends) as of `asOf`, from a model trained on the forecast's own
 * learning windows: every deal open at a window's anchor, with its features then, labelled by
 * whether it was won before that window closed (all by `asOf`, so every label is known).
 */
export function inTimeProbabilitiesAt(loaded: LoadedHistories, deals: readonly ForecastDeal[], period: PeriodWindow, asOf: Date): Map<string, number> {
  const remaining = Math.max(0, period.to.getTime() - asOf.getTime());
  const earliest = Math.min(...deals.map((d) => d.createdAt.getTime()));
  const byId = new Map(loaded.histories.map((h) => [h.deal.id, h]));
  const vectors: FeatureVector[] = [];
  const labels: number[] = [];
  for (const vTo of windowEnds(period, asOf, remaining, earliest)) {
    const anchor = new Date(vTo - remaining);
    for (const d of deals) {
      const h = byId.get(d.id);
      if (!h || d.createdAt > anchor || closedQuietlyBy(d, anchor.getTime())) continue;
      const s = dealStateAt(d, anchor);
      if (!s || !s.open || s.stage === 'unknown') continue;
      vectors.push(dealFeatures(h, anchor, loaded.context));
      labels.push(wonBetween(d, anchor.getTime(), vTo) ? 1 : 0);
    }
  }
  const out = new Map<string, number>();
  const set = { dealIds: [], asOf: [], vectors, labels: Uint8Array.from(labels) };
  if (labels.length === 0) return out;
  const scored = deals.filter((d) => {
    const s = closedQuietlyBy(d, asOf.getTime()) ? null : dealStateAt(d, asOf);
    return s !== null && s.open && s.stage !== 'unknown' && byId.has(d.id);
  });
  const now = scored.map((d) => dealFeatures(byId.get(d.id) as DealHistory, asOf, loaded.context));
  let p: ArrayLike<number>;
  if (chooseKind(set) === 'gbdt') p = predictProbability(trainGbdt(toDataset(set.vectors), set.labels, GBDT_OPTIONS), toDataset(now));
  else {
    const model = fitBaseline(set.vectors, set.labels);
    p = now.map((v) => sigmoid(scoreBaseline(model, v).raw));
  }
  scored.forEach((d, i) => out.set(d.id, p[i]));
  return out;
}
