// Decay runs once a day per tenant, five minutes after midnight in the tenant's time zone, so a
// commit three days past its close date is on the board and alerted on the morning of day 3.
import { defineTenantSchedule } from '../../platform/jobs/tenant-schedules.ts';
import { runDecay } from './run-decay.ts';

export const DECAY_SCHEDULE_ID = 'deal-evidence.decay';

export const decaySchedule = defineTenantSchedule({
  id: DECAY_SCHEDULE_ID,
  cron: '5 0 * * *',
  async handler(deps, run) {
    await runDecay(deps.db, run.tenantId, new Date(run.scheduledFor));
  },
});
