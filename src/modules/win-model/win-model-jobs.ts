// Background work of the win model: the first model queued by the first probability read, a retrain queued by an admin, the weekly retrain (Monday
// 03:00 tenant time), the daily re-score (06:00) that notices sharp falls in probability, and a
// re-score of one deal soon after its stage, amount or close date changes.
import { z } from 'zod';
import { defineJob, enqueue } from '../../platform/jobs/define-job.ts';
import { subscribe, type DispatchedEvent, type SubscriberScope } from '../../platform/events/dispatcher.ts';
import type { JobDeps } from '../../platform/jobs/define-job.ts';
import { activeModel } from './model-store.ts';
import { defineTenantSchedule } from '../../platform/jobs/tenant-schedules.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { rescoreDeals, trainWinModel } from './train-win-model.ts';

export const retrainJob = defineJob({
  id: 'win-model.retrain',
  payload: z.object({ tenantId: z.uuid(), runId: z.uuid(), requestedBy: z.uuid().nullable() }),
  retryLimit: 1,
  async handler(deps, p) {
    await trainWinModel(deps.db.kysely, p.tenantId, { trigger: 'admin', requestedBy: p.requestedBy, runId: p.runId });
  },
});

/** the tenant's first model, queued by the first probability read */
export const firstModelJob = defineJob({
  id: 'win-model.first-model',
  payload: z.object({ tenantId: z.uuid(), runId: z.uuid() }),
  retryLimit: 1,
  async handler(deps, p) {
    await trainWinModel(deps.db.kysely, p.tenantId, { trigger: 'first_use', runId: p.runId });
  },
});

export const WEEKLY_RETRAIN_SCHEDULE_ID = 'win-model-weekly';
export const weeklyRetrain = defineTenantSchedule({
  id: WEEKLY_RETRAIN_SCHEDULE_ID,
  cron: '0 3 * * 1',
  async handler(deps, run) {
    const runId = newId();
    await inTenant(deps.db.kysely, run.tenantId, (trx) => trx.insertInto('win_model_runs').values({ id: runId, tenant_id: run.tenantId, trigger: 'schedule', status: 'running' }).execute());
    await trainWinModel(deps.db.kysely, run.tenantId, { trigger: 'schedule', runId });
  },
});

export const DAILY_RESCORE_SCHEDULE_ID = 'win-model-daily';
export const dailyRescore = defineTenantSchedule({
  id: DAILY_RESCORE_SCHEDULE_ID,
  cron: '0 6 * * *',
  async handler(deps, run) {
    await rescoreDeals(deps.db.kysely, run.tenantId);
  },
});

export const rescoreDealJob = defineJob({
  id: 'win-model.rescore-deal',
  payload: z.object({ tenantId: z.uuid(), opportunityId: z.uuid() }),
  async handler(deps, p) {
    // until a first model exists, the deal page's first read queues its training; a stage move does not
    if (await inTenant(deps.db.kysely, p.tenantId, (trx) => activeModel(trx, p.tenantId))) await rescoreDeals(deps.db.kysely, p.tenantId, [p.opportunityId]);
  },
});

async function rescoreChangedDeal(deps: JobDeps, event: DispatchedEvent, scope: SubscriberScope): Promise<void> {
  if (event.entityId) await enqueue(deps.jobs, rescoreDealJob, { tenantId: event.tenantId, opportunityId: event.entityId }, { trx: scope.trx });
}
subscribe('opportunity.stage_changed', rescoreChangedDeal, { id: 'win-model.rescore-after-stage-change' });
subscribe('opportunity.updated', rescoreChangedDeal, { id: 'win-model.rescore-after-update' });
