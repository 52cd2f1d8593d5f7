// Per-deal win probabilities as the win model would have given them at a past moment, for the
// forecast's backtest: a model trained only on deals closed before the moment (each row as of
// its training moment, as train-win-model builds them), scoring the deals open at the moment with
// their features as of then. Nothing after the moment is read.
import { fitBaseline, scoreBaseline } from '../win-model/baseline.ts';
import { dealFeatures, stageAt } from '../win-model/deal-features.ts';
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
