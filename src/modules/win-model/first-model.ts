// A tenant's first probability read does not wait for training: version 1 is queued as a
// background job (one run at a time) and the read is answered at once from the typical win rate
// of the deal's stage and its activity, with a confidence that says it is that prior.
import type { AppDeps } from '../../platform/http/deps.ts';
import { enqueue } from '../../platform/jobs/define-job.ts';
import { newId } from '../../platform/ids.ts';
import { inTenant, type RequestContext, type Tx } from '../../platform/tenancy/context.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { dealFeatures } from './deal-features.ts';
import { fitBaseline } from './baseline.ts';
import { confidenceOf } from './confidence.ts';
import { loadHistories } from './load-histories.ts';
import { activeModel } from './model-store.ts';
import { predict } from './predictor.ts';
import { reasonsOf } from './reasons.ts';
import { presentPriorScore } from './present.ts';
import { lockScoring } from './score-deals.ts';
import { firstModelJob } from './win-model-jobs.ts';

export interface TrainingRun {
  runId: string;
  status: string;
}

/** A queued or running training of the tenant's first model (queued now unless there is one); null once a model exists. */
export async function queueFirstModel(deps: AppDeps & { jobs: NonNullable<AppDeps['jobs']> }, ctx: RequestContext): Promise<TrainingRun | null> {
  const queued = await inTenant(deps.db.kysely, ctx.tenantId, async (trx) => {
    // first reads of several deals at once queue one training between them
    await lockScoring(trx, ctx.tenantId);
    if (await activeModel(trx, ctx.tenantId)) return null;
    const busy = await trx.selectFrom('win_model_runs').select(['id', 'status']).where('tenant_id', '=', ctx.tenantId).where('status', 'in', ['queued', 'running']).where('created_at', '>', new Date(Date.now() - 3_600_000)).orderBy('created_at', 'desc').executeTakeFirst();
    if (busy) return { runId: busy.id, status: busy.status, fresh: false };
    const runId = newId();
    await trx.insertInto('win_model_runs').values({ id: runId, tenant_id: ctx.tenantId, trigger: 'first_use', status: 'queued', requested_by: ctx.actor.userId }).execute();
    await recordEvent(trx, ctx, { type: 'win_model.retrain_requested', entity: 'win_model_runs', entityId: runId, after: { runId, trigger: 'first_use' } });
    await enqueue(deps.jobs, firstModelJob, { tenantId: ctx.tenantId, runId }, { trx });
    return { runId, status: 'queued', fresh: true };
  });
  if (queued?.fresh) deps.jobs.wake(firstModelJob.id);
  return queued && { runId: queued.runId, status: queued.status };
}

/** The deal scored by the prior alone (no tenant evidence yet): nothing is stored. */
export async function priorScore(trx: Tx, ctx: RequestContext, dealId: string, now = new Date()) {
  const loaded = await loadHistories(trx, ctx.tenantId, [dealId]);
  const history = loaded.histories[0];
  const vector = dealFeatures(history, now, loaded.context);
  const [prediction] = predict({ kind: 'baseline', baseline: fitBaseline([], new Uint8Array(0)), profile: {} }, [vector]);
  const confidence = { ...confidenceOf(vector, {}, 0, null, 'baseline'), basis: 'prior' as const };
  return presentPriorScore(dealId, now, prediction, reasonsOf(prediction, vector), confidence, vector);
}
