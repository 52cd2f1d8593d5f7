// The 18:00 digest: fires once per tenant at 18:00 in the tenant's own time zone.
import { defineTenantSchedule } from '../../platform/jobs/tenant-schedules.ts';
import { generateDailyDigests } from './generate-digests.ts';

export const DIGEST_SCHEDULE_ID = 'daily-digest';

export const digestSchedule = defineTenantSchedule({
  id: DIGEST_SCHEDULE_ID,
  cron: '0 18 * * *',
  async handler(deps, run) {
    await generateDailyDigests(deps, run.tenantId, run.localDate);
  },
});
