// Background work of the win model: a retrain queued by an admin, the weekly retrain (Monday
// 03:00 tenant time) and the daily re-score (06:00) that notices sharp falls in probability.
import { z } from 'zod';
import { defineJob } from '../../platform/jobs/define-job.ts';
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
