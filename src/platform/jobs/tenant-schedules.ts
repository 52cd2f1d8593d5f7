// Schedules that fire once per tenant at a local time in the tenant's own time zone (the
// 18:00 digest): a tick, run by any instance, records each due (tenant, schedule, local minute)
// under a primary key and queues its job in the same transaction, so however many instances
// tick at once, each run is queued exactly once; tenants created later are picked up by the
// next tick.
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { newId } from '../ids.ts';
import { cronMatches, localTime, parseCron, type CronSpec } from './cron.ts';
import { bossDbFor, defineJob, type JobDef, type JobDeps, type JobQueue } from './define-job.ts';

const runPayload = z.object({
  tenantId: z.uuid(),
  /** the tenant's calendar date at the scheduled moment, 'YYYY-MM-DD' */
  localDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  /** the scheduled moment as an ISO instant */
  scheduledFor: z.iso.datetime(),
});
export type TenantScheduleRun = z.output<typeof runPayload>;

export interface TenantScheduleDef {
  id: string;
  cron: CronSpec;
  job: JobDef<TenantScheduleRun>;
}

const schedules = new Map<string, TenantScheduleDef>();

export function defineTenantSchedule(def: { id: string; cron: string; handler: (deps: JobDeps, run: TenantScheduleRun) => Promise<void> }): TenantScheduleDef {
  const cron = parseCron(def.cron);
  const job = defineJob({ id: `schedule.${def.id}`, payload: runPayload, handler: def.handler });
  const schedule = { id: def.id, cron, job };
  schedules.set(def.id, schedule);
  return schedule;
}

export function definedTenantSchedules(): TenantScheduleDef[] {
  return [...schedules.values()];
}

export interface ScheduledRun {
  scheduleId: string;
  tenantId: string;
  /** 'YYYY-MM-DDTHH:MM' in the tenant's zone */
  localTime: string;
  scheduledFor: Date;
  jobId: string;
}

export interface TickOptions {
  /** how far back a tick looks for due minutes, so a late or missed tick still fires; default 15 */
  lookbackMinutes?: number;
  /** restrict to these tenants (tests sharing one database) */
  onlyTenants?: readonly string[];
}

export interface TickResult {
  /** runs this tick queued (runs another tick already queued are not repeated) */
  queued: ScheduledRun[];
  /** tenants' time zones that could not be read; their schedules did not fire */
  invalidZones: string[];
}

/** Queues every tenant-schedule run due in the minutes up to `now` that no tick has queued yet. */
export async function runScheduleTick(deps: { db: Db; jobs: JobQueue }, now: Date, opts: TickOptions = {}): Promise<TickResult> {
  const defs = definedTenantSchedules();
  if (defs.length === 0 || opts.onlyTenants?.length === 0) return { queued: [], invalidZones: [] };
  let tenantsQuery = deps.db.kysely.selectFrom('tenants').select(['id', 'time_zone', 'created_at']);
  if (opts.onlyTenants) tenantsQuery = tenantsQuery.where('id', 'in', opts.onlyTenants);
  const tenants = await tenantsQuery.execute();
  const byZone = new Map<string, typeof tenants>();
  for (const t of tenants) {
    const list = byZone.get(t.time_zone);
    if (list) list.push(t);
    else byZone.set(t.time_zone, [t]);
  }

  const lastMinute = Math.floor(now.getTime() / 60_000) * 60_000;
  const lookback = opts.lookbackMinutes ?? 15;
  const due: ScheduledRun[] = [];
  const invalidZones: string[] = [];
  for (const [zone, zoneTenants] of byZone) {
    for (let i = 0; i < lookback; i++) {
      const instant = new Date(lastMinute - i * 60_000);
      let local;
      try {
        local = localTime(instant, zone);
      } catch {
        invalidZones.push(zone);
        break;
      }
      for (const def of defs) {
        if (!cronMatches(def.cron, local)) continue;
        for (const t of zoneTenants) {
          if (t.created_at <= instant) due.push({ scheduleId: def.id, tenantId: t.id, localTime: local.minuteKey, scheduledFor: instant, jobId: newId() });
        }
      }
    }
  }
  if (due.length === 0) return { queued: [], invalidZones };

  const queued = await deps.db.kysely.transaction().execute(async (trx) => {
    const inserted: ScheduledRun[] = [];
    for (let i = 0; i < due.length; i += 1000) {
      const rows = await trx
        .insertInto('tenant_schedule_runs')
        .values(due.slice(i, i + 1000).map((r) => ({ tenant_id: r.tenantId, schedule_id: r.scheduleId, local_time: r.localTime, scheduled_for: r.scheduledFor, job_id: r.jobId })))
        .onConflict((oc) => oc.doNothing())
        .returning(['schedule_id', 'tenant_id', 'local_time', 'scheduled_for', 'job_id'])
        .execute();
      inserted.push(...rows.map((r) => ({ scheduleId: r.schedule_id, tenantId: r.tenant_id, localTime: r.local_time, scheduledFor: r.scheduled_for, jobId: r.job_id })));
    }
    if (inserted.length === 0) return inserted;
    const jobs = inserted.map((r) => {
      const def = schedules.get(r.scheduleId) as TenantScheduleDef;
      const data: TenantScheduleRun = { tenantId: r.tenantId, localDate: r.localTime.slice(0, 10), scheduledFor: r.scheduledFor.toISOString() };
      return { id: r.jobId, name: def.job.id, data, retryLimit: def.job.retryLimit, retryBackoff: true };
    });
    await deps.jobs.boss.insert(jobs, { db: bossDbFor(trx) });
    return inserted;
  });
  for (const scheduleId of new Set(queued.map((r) => r.scheduleId))) deps.jobs.wake((schedules.get(scheduleId) as TenantScheduleDef).job.id);
  return { queued, invalidZones: [...new Set(invalidZones)] };
}
