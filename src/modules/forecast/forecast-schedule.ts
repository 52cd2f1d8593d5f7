// Forecast snapshots on the tenant's schedule: every Monday and on the middle day of each month
// and quarter at 07:00 tenant time, the current month and quarter are snapshotted; on the first
// day of a month the month (and quarter) just ended is snapshotted once more and closed, which
// records its accuracy, and the month's deviation report is built.
import { defineTenantSchedule } from '../../platform/jobs/tenant-schedules.ts';
import { inTenant, type RequestContext, type Tx } from '../../platform/tenancy/context.ts';
import { buildDeviationReport } from './deviation-report.ts';
import { closePeriod } from './close-period.ts';
import { addDays, periodOf, type Period } from './periods.ts';
import { takeSnapshot } from './take-snapshot.ts';

export const FORECAST_SCHEDULE_ID = 'forecast-snapshots';

/** Which periods to snapshot and which to close on a local date (pure). */
export function scheduledWork(localDate: string): { snapshot: Period[]; close: Period[] } {
  const month = periodOf(localDate, 'month');
  const quarter = periodOf(localDate, 'quarter');
  const monday = new Date(`${localDate}T00:00:00Z`).getUTCDay() === 1;
  const snapshot = [month, quarter].filter((p) => monday || p.mid === localDate);
  const close = localDate === month.start ? [periodOf(addDays(localDate, -1), 'month'), ...(localDate === quarter.start ? [periodOf(addDays(localDate, -1), 'quarter')] : [])] : [];
  return { snapshot, close };
}

async function hasSnapshotDuring(trx: Tx, tenantId: string, periodKey: string, closedAt: Date): Promise<boolean> {
  const row = await trx.selectFrom('forecast_snapshots').select('id').where('tenant_id', '=', tenantId).where('period_key', '=', periodKey).where('reason', '!=', 'close').where('taken_at', '<', closedAt).limit(1).executeTakeFirst();
  return row !== undefined;
}

export const forecastSchedule = defineTenantSchedule({
  id: FORECAST_SCHEDULE_ID,
  cron: '0 7 * * *',
  async handler(deps, run) {
    const { snapshot, close } = scheduledWork(run.localDate);
    const ctx: RequestContext = { tenantId: run.tenantId, actor: { userId: null, role: 'admin', teamId: null, name: 'scheduler' } };
    const at = new Date(run.scheduledFor);
    await inTenant(deps.db.kysely, run.tenantId, async (trx) => {
      for (const p of snapshot) await takeSnapshot(trx, ctx, p.key, 'schedule', at);
      for (const p of close) {
        await takeSnapshot(trx, ctx, p.key, 'close', at);
        // a period with no snapshot taken during it (a tenant created at its very end) has no forecast to score
        if (!(await hasSnapshotDuring(trx, run.tenantId, p.key, at))) continue;
        await closePeriod(trx, ctx, p.key, at);
        if (p.kind === 'month') await buildDeviationReport(trx, ctx, p.key);
      }
    });
  },
});
