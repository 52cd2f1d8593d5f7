// The admin side of the win model: versions with their holdout metrics, a retrain on demand
// (queued as a job, or run here when this instance runs no jobs) with progress, and settings.
import { authorize } from '../../platform/auth/policies.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { enqueue } from '../../platform/jobs/define-job.ts';
import { newId } from '../../platform/ids.ts';
import type { AppDeps } from '../../platform/http/deps.ts';
import { inTenant, type RequestContext, type Tx } from '../../platform/tenancy/context.ts';
import { modelSettings, toVersion } from './model-store.ts';
import { presentRun, presentVersion } from './present.ts';
import { retrainJob } from './win-model-jobs.ts';
import { trainWinModel, MIN_GBDT_ROWS } from './train-win-model.ts';

export async function listVersions(trx: Tx, ctx: RequestContext, query: { limit: number; cursor?: string }) {
  authorize(ctx, 'win_models', 'read');
  const before = query.cursor ? Number.parseInt(query.cursor, 10) : null;
  if (query.cursor && (!Number.isInteger(before) || (before ?? 0) < 1)) throw new AppError('bad_request', 'The cursor is not valid for this list. Start again without ?cursor=.');
  let q = trx.selectFrom('win_models').select(['id', 'version', 'kind', 'model', 'features', 'training_rows', 'positives', 'metrics', 'trigger', 'active', 'created_by', 'created_at']).where('tenant_id', '=', ctx.tenantId);
  if (before) q = q.where('version', '<', before);
  const rows = await q.orderBy('version', 'desc').limit(query.limit + 1).execute();
  const page = rows.slice(0, query.limit).map((r) => presentVersion(toVersion(r)));
  const latestRun = await trx.selectFrom('win_model_runs').selectAll().where('tenant_id', '=', ctx.tenantId).orderBy('created_at', 'desc').limit(1).executeTakeFirst();
  return {
    items: page,
    nextCursor: rows.length > query.limit ? String(page[page.length - 1].version) : null,
    active: page.find((v) => v.active) ?? (await activeSummary(trx, ctx)),
    latestRun: latestRun ? presentRun(latestRun) : null,
    settings: await modelSettings(trx, ctx.tenantId),
    minGbdtRows: MIN_GBDT_ROWS,
  };
}

async function activeSummary(trx: Tx, ctx: RequestContext) {
  const r = await trx.selectFrom('win_models').select(['id', 'version', 'kind', 'model', 'features', 'training_rows', 'positives', 'metrics', 'trigger', 'active', 'created_by', 'created_at']).where('tenant_id', '=', ctx.tenantId).where('active', '=', true).executeTakeFirst();
  return r ? presentVersion(toVersion(r)) : null;
}

export async function getRun(trx: Tx, ctx: RequestContext, id: string) {
  authorize(ctx, 'win_models', 'read');
  const row = await trx.selectFrom('win_model_runs').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound('The training run');
  return presentRun(row);
}

/** Queues a retrain; refused while another is queued or running. Without a jobs runtime it runs before answering. */
export async function requestRetrain(deps: AppDeps, ctx: RequestContext) {
  authorize(ctx, 'win_models', 'create');
  const db = deps.db.kysely;
  const runId = newId();
  await inTenant(db, ctx.tenantId, async (trx) => {
    const busy = await trx.selectFrom('win_model_runs').select('id').where('tenant_id', '=', ctx.tenantId).where('status', 'in', ['queued', 'running']).where('created_at', '>', new Date(Date.now() - 3_600_000)).executeTakeFirst();
    if (busy) throw new AppError('conflict', 'A training run is already in progress; wait for it to finish.', { runId: busy.id });
    await trx.insertInto('win_model_runs').values({ id: runId, tenant_id: ctx.tenantId, trigger: 'admin', status: 'queued', requested_by: ctx.actor.userId }).execute();
    await recordEvent(trx, ctx, { type: 'win_model.retrain_requested', entity: 'win_model_runs', entityId: runId, after: { runId } });
    if (deps.jobs) await enqueue(deps.jobs, retrainJob, { tenantId: ctx.tenantId, runId, requestedBy: ctx.actor.userId }, { trx });
  });
  if (deps.jobs) deps.jobs.wake(retrainJob.id);
  else await trainWinModel(db, ctx.tenantId, { trigger: 'admin', requestedBy: ctx.actor.userId, runId });
  return inTenant(db, ctx.tenantId, (trx) => getRun(trx, ctx, runId));
}

export async function updateSettings(trx: Tx, ctx: RequestContext, input: { dropAlertPoints?: number; competitorWords?: string[] }) {
  authorize(ctx, 'win_models', 'update');
  const before = await modelSettings(trx, ctx.tenantId);
  const after = { dropAlertPoints: input.dropAlertPoints ?? before.dropAlertPoints, competitorWords: input.competitorWords ?? before.competitorWords };
  await trx
    .insertInto('win_model_settings')
    .values({ tenant_id: ctx.tenantId, drop_alert_points: after.dropAlertPoints, competitor_words: JSON.stringify(after.competitorWords), updated_by: ctx.actor.userId, updated_at: new Date() })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ drop_alert_points: after.dropAlertPoints, competitor_words: JSON.stringify(after.competitorWords), updated_by: ctx.actor.userId, updated_at: new Date() }))
    .execute();
  await recordEvent(trx, ctx, { type: 'win_model.settings_updated', entity: 'win_model_settings', entityId: null, before, after });
  return after;
}
