// Trains a new model version for a tenant on its closed deals (boosted trees with enough
// history, the stage-and-activity baseline otherwise), stores it with its holdout metrics as
// the active version, and re-scores every open deal with it. Progress goes to the run row.
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { inTenant, type RequestContext } from '../../platform/tenancy/context.ts';
import { trainGbdt, trainWithHoldout, type GbdtOptions } from '../../ml/gbdt.ts';
import { modelToJson } from '../../ml/model-json.ts';
import { FEATURES } from './deal-features.ts';
import { loadHistories } from './load-histories.ts';
import { toDataset, trainingSet, type TrainingSet } from './feature-matrix.ts';
import { fitBaseline } from './baseline.ts';
import { enoughOfEach, holdoutMetrics, HOLDOUT_FOLDS, type HoldoutMetrics } from './evaluate-model.ts';
import { featureProfile, type StoredModel } from './predictor.ts';
import { lockScoring, scoreDeals, type ScoreRun } from './score-deals.ts';
import { activeModel, type ModelVersion } from './model-store.ts';

/** fewer closed deals (or fewer of either outcome) than this and the trees would learn noise: the baseline serves */
export const MIN_GBDT_ROWS = 200;
export const MIN_GBDT_CLASS = 30;
/** the library's defaults (scikit-learn's): on the demo and on 250- and 400-deal samples of it they rank and calibrate better than slower, more regularised settings */
export const GBDT_OPTIONS: Partial<GbdtOptions> = { seed: 1 };

export type Trigger = 'schedule' | 'admin' | 'first_use';

export interface TrainOptions {
  trigger: Trigger;
  requestedBy?: string | null;
  runId?: string;
  now?: Date;
}

export interface TrainResult {
  model: ModelVersion;
  scoring: ScoreRun;
}

export function chooseKind(set: TrainingSet): 'gbdt' | 'baseline' {
  let positives = 0;
  for (const y of set.labels) positives += y;
  return set.labels.length >= MIN_GBDT_ROWS && Math.min(positives, set.labels.length - positives) >= MIN_GBDT_CLASS ? 'gbdt' : 'baseline';
}

/** The model to store and its holdout figures (deals scored by models that never saw them). */
export function fitModel(kind: 'gbdt' | 'baseline', set: TrainingSet): { stored: StoredModel; metrics: HoldoutMetrics | null } {
  const profile = featureProfile(set.vectors);
  if (kind === 'baseline') return { stored: { kind, baseline: fitBaseline(set.vectors, set.labels), profile }, metrics: holdoutMetrics(kind, set, null) };
  const data = toDataset(set.vectors);
  if (!enoughOfEach(set.labels)) return { stored: { kind, gbdt: modelToJson(trainGbdt(data, set.labels, GBDT_OPTIONS)), profile }, metrics: null };
  const { model, outOfFold } = trainWithHoldout(data, set.labels, GBDT_OPTIONS, HOLDOUT_FOLDS);
  return { stored: { kind, gbdt: modelToJson(model), profile }, metrics: holdoutMetrics(kind, set, outOfFold) };
}

const systemCtx = (tenantId: string, userId: string | null): RequestContext => ({ tenantId, actor: { userId, role: 'admin', teamId: null } });

export async function trainWinModel(db: Kysely<Database>, tenantId: string, opts: TrainOptions): Promise<TrainResult> {
  const ctx = systemCtx(tenantId, opts.requestedBy ?? null);
  const progress = async (step: string, value: number, extra: { status?: 'running' | 'succeeded' | 'failed'; model_id?: string; scored?: number } = {}) => {
    if (!opts.runId) return;
    const runId = opts.runId;
    await inTenant(db, tenantId, (trx) =>
      trx
        .updateTable('win_model_runs')
        .set({ step, progress: value, status: extra.status ?? 'running', ...(extra.model_id ? { model_id: extra.model_id } : {}), ...(extra.scored !== undefined ? { scored: extra.scored, finished_at: new Date() } : {}) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', runId)
        .execute(),
    );
  };
  try {
    await progress('loading', 0.1);
    const set = trainingSet(await inTenant(db, tenantId, (trx) => loadHistories(trx, tenantId, 'closed')));
    const kind = chooseKind(set);
    await progress('training', 0.3);
    const { stored, metrics } = fitModel(kind, set);
    let positives = 0;
    for (const y of set.labels) positives += y;
    await progress('saving', 0.8);
    const model = await inTenant(db, tenantId, async (trx) => {
      await lockScoring(trx, tenantId);
      const last = await trx.selectFrom('win_models').select((eb) => eb.fn.max('version').as('v')).where('tenant_id', '=', tenantId).executeTakeFirst();
      const version = Number(last?.v ?? 0) + 1;
      const previous = await activeModel(trx, tenantId);
      // two first reads at once: the one that got here second keeps the first one's version
      if (previous && opts.trigger === 'first_use') return previous;
      await trx.updateTable('win_models').set({ active: false }).where('tenant_id', '=', tenantId).where('active', '=', true).execute();
      const id = newId();
      await trx
        .insertInto('win_models')
        .values({ id, tenant_id: tenantId, version, kind, model: JSON.stringify(stored), features: JSON.stringify(FEATURES.map((f) => f.name)), training_rows: set.labels.length, positives, metrics: metrics ? JSON.stringify(metrics) : null, trigger: opts.trigger, active: true, created_by: opts.requestedBy ?? null })
        .execute();
      await recordEvent(trx, ctx, { type: 'win_model.trained', entity: 'win_models', entityId: id, before: previous ? { activeVersion: previous.version } : null, after: { version, kind, trainingRows: set.labels.length, positives, auc: metrics?.auc ?? null, trigger: opts.trigger } });
      return (await activeModel(trx, tenantId)) as ModelVersion;
    });
    await progress('scoring', 0.9, { model_id: model.id });
    const scoring = await inTenant(db, tenantId, async (trx) => {
      await lockScoring(trx, tenantId);
      return scoreDeals(trx, ctx, model, await loadHistories(trx, tenantId, 'open'), opts.now);
    });
    await progress('done', 1, { status: 'succeeded', scored: scoring.scored });
    return { model, scoring };
  } catch (err) {
    if (opts.runId) {
      const runId = opts.runId;
      await inTenant(db, tenantId, (trx) =>
        trx.updateTable('win_model_runs').set({ status: 'failed', error: err instanceof Error ? err.message : String(err), finished_at: new Date() }).where('tenant_id', '=', tenantId).where('id', '=', runId).execute(),
      );
    }
    throw err;
  }
}

/** Re-scores open deals (all, or the given ones) with the active model; trains the first version when there is none. */
export async function rescoreDeals(db: Kysely<Database>, tenantId: string, ids?: string[], now = new Date()): Promise<ScoreRun> {
  const model = await inTenant(db, tenantId, (trx) => activeModel(trx, tenantId));
  if (!model) return (await trainWinModel(db, tenantId, { trigger: 'first_use', now })).scoring;
  return inTenant(db, tenantId, async (trx) => {
    await lockScoring(trx, tenantId);
    return scoreDeals(trx, systemCtx(tenantId, null), model, await loadHistories(trx, tenantId, ids ?? 'open'), now);
  });
}
