// Retraining on a schedule and on demand through the jobs runtime: the weekly retrain fires at
// Monday 03:00 tenant time (not at 02:59), an admin's retrain is queued and its run reports
// progress, and a deal moved to another stage is scored again soon after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from '../../platform/jobs/jobs-test-server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { WEEKLY_RETRAIN_SCHEDULE_ID } from './win-model-jobs.ts';
import { winFixtures } from './win-model-fixtures.ts';

let server: JobsTestServer;
let t: TestTenant;
let rep: TestUser;
beforeAll(async () => {
  server = await startJobsTestServer({ dispatchOptions: { pollMs: 100 } });
  t = await makeTenant(server, '定时训练租户');
  server.tenants.push(t.tenantId);
  rep = await t.user('rep');
  const f = winFixtures(server, t.tenantId);
  await f.deals(f.closedHistory(40, rep.id, 11));
});
afterAll(() => server?.stop());

const versions = () => inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('win_models').select(['version', 'trigger', 'active']).where('tenant_id', '=', t.tenantId).orderBy('version').execute());

describe('win model retraining jobs', () => {
  it('the weekly retrain fires at Monday 03:00 Shanghai time, once', async () => {
    const weekly = async (at: string) => (await server.jobs.tick(new Date(at), { lookbackMinutes: 1 })).queued.filter((r) => r.scheduleId === WEEKLY_RETRAIN_SCHEDULE_ID && r.tenantId === t.tenantId);
    expect(await weekly('2027-01-04T02:59:00+08:00')).toHaveLength(0);
    expect(await weekly('2027-01-05T03:00:00+08:00')).toHaveLength(0); // a Tuesday
    expect(await weekly('2027-01-04T03:00:00+08:00')).toHaveLength(1);
    expect(await weekly('2027-01-04T03:00:00+08:00')).toHaveLength(0);
    const runs = () => inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('win_model_runs').select(['trigger', 'status']).where('tenant_id', '=', t.tenantId).execute());
    await waitFor(async () => (await runs()).some((r) => r.status === 'succeeded'), 20_000);
    expect(await runs()).toEqual([{ trigger: 'schedule', status: 'succeeded' }]);
    expect(await versions()).toEqual([{ version: 1, trigger: 'schedule', active: true }]);
  });

  it("an admin's retrain is queued as a job and its run goes from queued to succeeded", async () => {
    const res = await t.admin.client.post('/api/win-models/retrain');
    expect(res.statusCode).toBe(202);
    const run = res.json();
    expect(['queued', 'running', 'succeeded']).toContain(run.status);
    await waitFor(async () => (await t.admin.client.get(`/api/win-models/runs/${run.id}`)).json().status === 'succeeded', 20_000);
    expect((await t.admin.client.get(`/api/win-models/runs/${run.id}`)).json()).toMatchObject({ progress: 1, step: 'done' });
    expect((await versions()).map((v) => [v.version, v.active])).toEqual([[1, false], [2, true]]);
  });

  it('a deal moved to another stage is scored again by the next dispatch', async () => {
    const [deal] = await winFixtures(server, t.tenantId).deals([{ ownerId: rep.id, createdAt: new Date(Date.now() - 20 * 86_400_000), moves: [{ at: new Date(Date.now() - 10 * 86_400_000), to: 'qualified' }], touches: [new Date(Date.now() - 86_400_000)] }]);
    expect((await rep.client.get(`/api/opportunities/${deal}/win-probability`)).json().score).not.toBeNull();
    const scores = async () => (await rep.client.get(`/api/opportunities/${deal}/win-probability/history`)).json().items.length;
    expect(await scores()).toBe(1);
    expect((await rep.client.post(`/api/opportunities/${deal}/stage`, { stage: 'solution' })).statusCode).toBe(200);
    await waitFor(async () => (await scores()) === 2, 20_000);
  });
});
