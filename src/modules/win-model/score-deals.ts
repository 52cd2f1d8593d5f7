// Scores deals with the active model version as of now and keeps each score (history with
// reasons and confidence); a fall of at least the tenant's threshold alerts the owner and their
// manager with the factors that changed, and records opportunity.win_probability_dropped. The
// alert is resolved once the deal closes or its probability is back within the threshold of
// where it fell from.
import { sql } from 'kysely';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { ownersAndManagers } from '../teams/managers-of.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { resolveAlerts } from '../alerts/resolve-alerts.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { dealFeatures, type FeatureVector } from './deal-features.ts';
import type { LoadedHistories } from './load-histories.ts';
import { predict } from './predictor.ts';
import { confidenceOf } from './confidence.ts';
import { changedFactors, reasonsOf, type Reasons } from './reasons.ts';
import { modelSettings, type ModelVersion } from './model-store.ts';

export const DROP_ALERT_KIND = 'deal.win_probability_dropped';
/** a re-score that moves less than this with the same model adds no history row */
const UNCHANGED = 0.005;

export interface ScoreRun {
  scored: number;
  unchanged: number;
  drops: number;
}

interface Previous {
  opportunity_id: string;
  model_id: string;
  probability: number;
  reasons: unknown;
  features: unknown;
  drop_from: number | null;
}

/** each deal's latest score, or with `falls` its latest score that fell sharply */
async function latestScores(trx: Tx, tenantId: string, ids: string[], falls = false): Promise<Map<string, Previous>> {
  if (ids.length === 0) return new Map();
  let q = trx
    .selectFrom('win_scores')
    .select(['opportunity_id', 'model_id', 'probability', 'reasons', 'features', 'drop_from'])
    .distinctOn('opportunity_id')
    .where('tenant_id', '=', tenantId)
    .where('opportunity_id', 'in', ids);
  if (falls) q = q.where('drop_from', 'is not', null);
  const rows = await q.orderBy('opportunity_id').orderBy('scored_at', 'desc').orderBy('id', 'desc').execute();
  return new Map(rows.map((r) => [r.opportunity_id, r]));
}

const dropKey = (dealId: string) => `win_drop:${dealId}`;
/** a fall of at least `points` probability points: the same test raises the alert and keeps it open */
const fellSharply = (from: number, to: number, points: number) => (from - to) * 100 >= points;

export async function scoreDeals(trx: Tx, ctx: RequestContext, model: ModelVersion, loaded: LoadedHistories, now = new Date()): Promise<ScoreRun> {
  const isClosed = (stage: string) => stage === 'won' || stage === 'lost';
  const histories = loaded.histories.filter((h) => !isClosed(h.deal.stage));
  const vectors = histories.map((h) => dealFeatures(h, now, loaded.context));
  const predictions = predict(model.model, vectors);
  const ids = histories.map((h) => h.deal.id);
  const previous = await latestScores(trx, ctx.tenantId, ids);
  const falls = await latestScores(trx, ctx.tenantId, ids, true);
  const { dropAlertPoints } = await modelSettings(trx, ctx.tenantId);
  // a closed deal's fall no longer calls for action
  const resolved = loaded.histories.filter((h) => isClosed(h.deal.stage)).map((h) => dropKey(h.deal.id));
  const rows = [];
  const run: ScoreRun = { scored: 0, unchanged: 0, drops: 0 };
  for (let i = 0; i < histories.length; i++) {
    const deal = histories[i].deal;
    const p = predictions[i];
    const prev = previous.get(deal.id);
    const fellFrom = falls.get(deal.id)?.drop_from ?? undefined;
    const dropped = prev !== undefined && deal.ownerId !== null && fellSharply(prev.probability, p.probability, dropAlertPoints);
    if (!dropped && fellFrom !== undefined && !fellSharply(fellFrom, p.probability, dropAlertPoints)) resolved.push(dropKey(deal.id));
    if (prev && prev.model_id === model.id && Math.abs(prev.probability - p.probability) < UNCHANGED) {
      run.unchanged++;
      continue;
    }
    const reasons = reasonsOf(p, vectors[i]);
    const confidence = confidenceOf(vectors[i], model.model.profile, model.trainingRows, model.metrics?.auc ?? null, model.kind);
    const id = newId();
    // a further fall while the first is still open keeps the level the first fell from, as its alert does
    const stillDown = prev !== undefined && fellFrom !== undefined && fellSharply(fellFrom, prev.probability, dropAlertPoints);
    rows.push({ id, tenant_id: ctx.tenantId, opportunity_id: deal.id, model_id: model.id, scored_at: now, probability: p.probability, raw: p.raw, bias: p.bias, confidence: JSON.stringify(confidence), reasons: JSON.stringify(reasons), features: JSON.stringify(vectors[i]), drop_from: dropped ? (stillDown ? fellFrom : prev.probability) : null });
    run.scored++;
    if (dropped && deal.ownerId) {
      run.drops++;
      await alertDrop(trx, ctx, { dealId: deal.id, ownerId: deal.ownerId, scoreId: id, from: prev.probability, to: p.probability, factors: changedFactors(prev.reasons as Reasons, prev.features as FeatureVector, reasons, vectors[i]), threshold: dropAlertPoints, modelVersion: model.version });
    }
  }
  await resolveAlerts(trx, ctx.tenantId, resolved, now);
  for (let i = 0; i < rows.length; i += 500) await trx.insertInto('win_scores').values(rows.slice(i, i + 500)).execute();
  if (rows.length) await recordEvent(trx, ctx, { type: 'win_model.deals_scored', entity: 'win_models', entityId: model.id, payload: { ...run, version: model.version } });
  return run;
}

interface Drop {
  dealId: string;
  ownerId: string;
  scoreId: string;
  from: number;
  to: number;
  factors: ReturnType<typeof changedFactors>;
  threshold: number;
  modelVersion: number;
}

async function alertDrop(trx: Tx, ctx: RequestContext, drop: Drop): Promise<void> {
  const deal = await trx.selectFrom('opportunities').select('name').where('tenant_id', '=', ctx.tenantId).where('id', '=', drop.dealId).executeTakeFirstOrThrow();
  const pct = (x: number) => Math.round(x * 100);
  const evidence = { fromProbability: drop.from, toProbability: drop.to, points: pct(drop.from) - pct(drop.to), threshold: drop.threshold, factors: drop.factors, scoreId: drop.scoreId, modelVersion: drop.modelVersion };
  for (const userId of (await ownersAndManagers(trx, ctx.tenantId, [drop.ownerId])).get(drop.ownerId) ?? []) {
    await raiseAlert(trx, ctx, {
      userId,
      kind: DROP_ALERT_KIND,
      severity: 'warning',
      title: `赢率骤降：${deal.name} ${pct(drop.from)}% → ${pct(drop.to)}%`,
      body: `Win probability fell ${pct(drop.from) - pct(drop.to)} points (threshold ${drop.threshold}).`,
      entity: 'opportunities',
      entityId: drop.dealId,
      evidence,
      message: { key: 'win_model.probability_dropped', params: { name: deal.name, from: drop.from, to: drop.to, points: evidence.points, threshold: drop.threshold } },
      dedupeKey: dropKey(drop.dealId),
    });
  }
  await recordEvent(trx, ctx, { type: 'opportunity.win_probability_dropped', entity: 'opportunities', entityId: drop.dealId, payload: evidence });
}

/** The deal's stored scores are only replaced by new rows, never edited: a lock keeps two scorers of one tenant apart. */
export async function lockScoring(trx: Tx, tenantId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`win-score:${tenantId}`}))`.execute(trx);
}
