// Recycling runs once a day per tenant, at 02:00 in the tenant's time zone (before the working day).
import { defineTenantSchedule } from '../../platform/jobs/tenant-schedules.ts';
import { recycleIdleAccounts } from './recycle-accounts.ts';

export const RECYCLE_SCHEDULE_ID = 'customer-pool.recycle';

export const recycleSchedule = defineTenantSchedule({
  id: RECYCLE_SCHEDULE_ID,
  cron: '0 2 * * *',
  async handler(deps, run) {
    await recycleIdleAccounts(deps.db, run.tenantId, new Date(run.scheduledFor));
  },
});
