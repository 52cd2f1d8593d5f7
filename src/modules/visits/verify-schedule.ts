// The nightly fake-visit analysis: at 02:30 tenant time, every rule (including the multi-day
// ones, which need the day's touches to be in) over the recent weeks; flags already raised are not repeated.
import { defineTenantSchedule } from '../../platform/jobs/tenant-schedules.ts';
import { systemActor } from '../../platform/events/dispatcher.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { analyzeVisits } from './analyze-visits.ts';

/** Covers the longest multi-day run the settings allow (31 days) plus the day before it. */
const LOOKBACK_DAYS = 32;

export const visitVerifySchedule = defineTenantSchedule({
  id: 'visits.verify',
  cron: '30 2 * * *',
  async handler(deps, run) {
    const to = new Date(run.scheduledFor);
    await inTenant(deps.db.kysely, run.tenantId, (trx) => analyzeVisits(trx, systemActor(run.tenantId), { from: new Date(to.getTime() - LOOKBACK_DAYS * 86_400_000), to, ruleSet: 'all' }));
  },
});
