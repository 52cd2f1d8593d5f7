// A pipeline-changes period: the forecast's month or quarter (the current month by default) with
// the instants it starts and ends in the tenant's time zone; a period still running ends now.
import { AppError } from '../../platform/http/errors.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { parsePeriod, periodInstants, periodOf } from '../forecast/periods.ts';
import type { Period } from './change-buckets.ts';

export interface ResolvedPeriod extends Period {
  key: string;
  kind: 'month' | 'quarter';
  timeZone: string;
  /** true while the period is still running (its end is now) */
  running: boolean;
}

/** the period `key` names, or the tenant's current month when there is none */
export async function resolvePeriod(trx: Tx, tenantId: string, key: string | undefined, now = new Date()): Promise<ResolvedPeriod> {
  const clock = await tenantClock(trx, tenantId, now);
  const period = key ? parsePeriod(key) : periodOf(clock.today, 'month');
  const { from: start, to: periodEnd } = await periodInstants(trx, clock.timeZone, period);
  if (start > now) throw new AppError('validation_failed', `The period ${period.key} has not started yet; pick the current or an earlier month or quarter.`, { period: period.key });
  const running = periodEnd > now;
  return { key: period.key, kind: period.kind, fromDate: period.start, toDate: period.end, timeZone: clock.timeZone, start, end: running ? now : periodEnd, running };
}
