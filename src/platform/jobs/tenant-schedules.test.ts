// A tenant schedule fires at its local time in each tenant's own time zone, once per tenant
// and day however often the tick runs, and picks up tenants created after the server started.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { defineTenantSchedule, type TenantScheduleRun } from './tenant-schedules.ts';
import { localTime } from './cron.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from './jobs-test-server.ts';
import { createTenant } from '../tenancy/create-tenant.ts';

const fired: TenantScheduleRun[] = [];
defineTenantSchedule({
  id: 'test.evening-digest',
  cron: '0 18 * * *',
  async handler(_deps, run) {
    fired.push(run);
  },
});

let server: JobsTestServer;
beforeAll(async () => {
  server = await startJobsTestServer({ dispatch: false });
});
afterAll(async () => server.stop());

async function tenantIn(timeZone: string, name: string): Promise<string> {
  const { tenantId } = await createTenant(server.db.kysely, { name, timeZone, adminEmail: `sched.${Date.now()}.${Math.random().toString(36).slice(2)}@test.local` });
  server.tenants.push(tenantId);
  return tenantId;
}

/** Ticks every 15 minutes through one UTC day, as a late-running minute cron would. */
async function tickThroughDay(dayStartUtc: Date): Promise<number> {
  let queued = 0;
  for (let m = 0; m <= 24 * 60; m += 15) queued += (await server.jobs.tick(new Date(dayStartUtc.getTime() + m * 60_000))).queued.filter((r) => r.scheduleId === 'test.evening-digest').length;
  return queued;
}

const runsOf = (tenantId: string) => fired.filter((r) => r.tenantId === tenantId);
const utcMidnight = (daysFromToday: number) => {
  const d = new Date();
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + daysFromToday));
};

describe('tenant schedules', () => {
  it('fires at 18:00 in Shanghai and at 18:00 in Berlin, once each, and again for a tenant created later', async () => {
    const shanghai = await tenantIn('Asia/Shanghai', '上海医疗器械');
    const berlin = await tenantIn('Europe/Berlin', 'Berlin GmbH');
    const day1 = utcMidnight(1);

    expect(await tickThroughDay(day1)).toBe(2);
    await waitFor(() => runsOf(shanghai).length === 1 && runsOf(berlin).length === 1);

    const [sh] = runsOf(shanghai);
    const [be] = runsOf(berlin);
    expect(localTime(new Date(sh.scheduledFor), 'Asia/Shanghai')).toMatchObject({ hour: 18, minute: 0 });
    expect(localTime(new Date(be.scheduledFor), 'Europe/Berlin')).toMatchObject({ hour: 18, minute: 0 });
    expect(sh.scheduledFor).not.toBe(be.scheduledFor);
    expect(sh.localDate).toBe(localTime(new Date(sh.scheduledFor), 'Asia/Shanghai').date);

    // ticking the same day again queues nothing new
    expect(await tickThroughDay(day1)).toBe(0);

    // a tenant created now is picked up by the next day's ticks, without a restart
    const later = await tenantIn('Asia/Shanghai', '后来的租户');
    expect(await tickThroughDay(utcMidnight(2))).toBe(3);
    await waitFor(() => runsOf(later).length === 1 && runsOf(shanghai).length === 2 && runsOf(berlin).length === 2);
    await new Promise((r) => setTimeout(r, 600));
    expect(runsOf(shanghai).map((r) => r.localDate)).toEqual([...new Set(runsOf(shanghai).map((r) => r.localDate))]);
    expect(runsOf(later)).toHaveLength(1);
  });

  it('does not fire for a moment before the tenant existed', async () => {
    const fresh = await tenantIn('Asia/Shanghai', '新租户');
    const { queued } = await server.jobs.tick(new Date(Date.UTC(2020, 0, 1, 10, 0)));
    expect(queued.filter((r) => r.tenantId === fresh)).toEqual([]);
  });

  it('a tenant whose time zone cannot be read is reported, not fired', async () => {
    const broken = await tenantIn('Asia/Shanghai', '时区损坏');
    await sql`update tenants set time_zone = 'Mars/Olympus' where id = ${broken}`.execute(server.db.kysely);
    const result = await server.jobs.tick(new Date(utcMidnight(3).getTime() + 10 * 3600_000));
    expect(result.invalidZones).toEqual(['Mars/Olympus']);
    expect(result.queued.filter((r) => r.tenantId === broken)).toEqual([]);
  });
});
