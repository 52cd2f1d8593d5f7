// Two app instances on one PostgreSQL database, as behind a load balancer: a tenant schedule
// they both tick at the same moment runs once, each outbox event reaches its subscriber once,
// and each queued job runs once, whichever instance picks it up.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { z } from 'zod';
import { defineTenantSchedule } from './tenant-schedules.ts';
import { defineJob, enqueue } from './define-job.ts';
import { subscribe } from '../events/dispatcher.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from './jobs-test-server.ts';
import { makeTenant, signIn, type TestTenant } from '../../testing/harness.ts';
import type { Db } from '../db/connection.ts';

const onPostgres = inject('engine') === 'postgres';

const scheduleRuns: Array<{ tenantId: string; localDate: string; db: Db }> = [];
defineTenantSchedule({
  id: 'test.two-instances.digest',
  cron: '0 18 * * *',
  async handler(deps, run) {
    scheduleRuns.push({ ...run, db: deps.db });
  },
});
const eventCalls = new Map<string, Db[]>();
subscribe('account.created', async function countAcrossInstances(deps, event) {
  eventCalls.set(event.id, [...(eventCalls.get(event.id) ?? []), deps.db]);
});
const jobRuns = new Map<number, Db[]>();
const numbered = defineJob({
  id: 'test.two-instances.numbered',
  payload: z.object({ n: z.number().int() }),
  async handler(deps, { n }) {
    jobRuns.set(n, [...(jobRuns.get(n) ?? []), deps.db]);
  },
});

describe.skipIf(!onPostgres)('two instances on one PostgreSQL (skipped on PGlite: an embedded database belongs to one process, so there is no second instance to race)', () => {
  let a: JobsTestServer;
  let b: JobsTestServer;
  let tenant: TestTenant;
  beforeAll(async () => {
    [a, b] = await Promise.all([startJobsTestServer(), startJobsTestServer()]);
    tenant = await makeTenant(a, '双实例租户');
    a.tenants.push(tenant.tenantId);
    b.tenants.push(tenant.tenantId);
  });
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
  });

  it('a tenant schedule both instances tick at 18:00 runs exactly once', async () => {
    const d = new Date();
    const shanghai18 = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1, 10, 0)); // 18:00 in Asia/Shanghai
    const ticks = [];
    for (let s = 0; s < 5; s++) ticks.push(a.jobs.tick(new Date(shanghai18.getTime() + s * 1000)), b.jobs.tick(new Date(shanghai18.getTime() + s * 1000)));
    const results = await Promise.all(ticks);
    expect(results.flatMap((r) => r.queued).filter((r) => r.tenantId === tenant.tenantId && r.scheduleId === 'test.two-instances.digest')).toHaveLength(1);
    await waitFor(() => scheduleRuns.some((r) => r.tenantId === tenant.tenantId));
    await new Promise((r) => setTimeout(r, 1500));
    expect(scheduleRuns.filter((r) => r.tenantId === tenant.tenantId)).toHaveLength(1);
  });

  it('each event written on either instance reaches the subscriber once, with both dispatchers running', async () => {
    const onB = await signIn(b.app, tenant.admin.email); // the session lives in the database, so B accepts it too
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) {
      const res = await (i % 2 ? tenant.admin.client : onB).post('/api/accounts', { name: `客户 ${i}` });
      expect(res.statusCode).toBe(201);
      ids.push(res.json().id);
    }
    const events = await a.db.kysely.selectFrom('events').select('id').where('type', '=', 'account.created').where('entity_id', 'in', ids).execute();
    expect(events).toHaveLength(40);
    // every module's subscribers run for each event too: on a loaded CI machine 40 of them took over 10 s
    await waitFor(() => events.every((e) => eventCalls.has(e.id)), 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(events.every((e) => eventCalls.get(e.id)?.length === 1)).toBe(true);
    const byA = events.filter((e) => eventCalls.get(e.id)?.[0] === a.db).length;
    console.log(`events dispatched by instance A: ${byA}, by B: ${events.length - byA}`);
  }, 60_000);

  it('each of 60 jobs queued from both instances runs once', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, n) => enqueue((n % 2 ? a : b).jobs, numbered, { n })));
    await waitFor(() => jobRuns.size === 60, 20_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect([...jobRuns.values()].every((runs) => runs.length === 1)).toBe(true);
    const byA = [...jobRuns.values()].filter((runs) => runs[0] === a.db).length;
    console.log(`jobs run by instance A: ${byA}, by B: ${60 - byA}`);
  });
});
