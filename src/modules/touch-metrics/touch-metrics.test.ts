// The 15-minute touch-logging metric's arithmetic per rep and team, its scope, and the reminder
// after a check-out: to the rep at +15 min, to the manager at +60 min, only while the touch is missing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeTenant, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from '../../platform/jobs/jobs-test-server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { systemActor } from '../../platform/events/dispatcher.ts';
import { newId } from '../../platform/ids.ts';
import { remindIfTouchMissing } from './touch-reminders.ts';

let server: JobsTestServer;
let t: TestTenant;
let manager: TestUser;
let repA: TestUser;
let repB: TestUser;
let outsider: TestUser;
let teamId: string;
let accountId: string;

const at = (iso: string) => new Date(iso);
/** a touch that happened at `occurred` and was logged `delayMinutes` later */
const touch = (ownerId: string, occurred: string, delayMinutes: number, type = 'call') =>
  inTenant(server.db.kysely, t.tenantId, (trx) =>
    trx
      .insertInto('activities')
      .values({ id: newId(), tenant_id: t.tenantId, type, occurred_at: at(occurred), logged_at: new Date(Date.parse(occurred) + delayMinutes * 60_000), subject: '电话跟进', owner_id: ownerId, account_id: accountId, contact_ids: [], updated_at: new Date() })
      .execute(),
  );

beforeAll(async () => {
  server = await startJobsTestServer();
  t = await makeTenant(server, '记录及时率');
  server.tenants.push(t.tenantId);
  manager = await t.user('manager');
  teamId = await t.team('华东一组', { managerId: manager.id });
  repA = await t.user('rep', { teamId, name: '张三' });
  repB = await t.user('rep', { teamId, name: '李四' });
  outsider = await t.user('rep', { name: '王五' });
  accountId = (await t.admin.client.post('/api/accounts', { name: '协和医院', lat: 39.9127, lng: 116.4175 })).json().id;
});
afterAll(() => server?.stop());

describe('touch-logging metric', () => {
  it('counts touches logged within 15 minutes, the share and the median delay, per rep and per team', async () => {
    // rep A: delays 5, 15, 16, 120 minutes → 2 of 4 within 15, median 15.5
    for (const [occurred, delay] of [['2026-10-05T02:00:00Z', 5], ['2026-10-06T02:00:00Z', 15], ['2026-10-07T02:00:00Z', 16], ['2026-10-08T02:00:00Z', 120]] as const) await touch(repA.id, occurred, delay);
    // rep B: delays 0 and -3 (logged ahead, counts as 0) → 2 of 2, median 0; a note and an out-of-period touch do not count
    await touch(repB.id, '2026-10-05T03:00:00Z', 0);
    await touch(repB.id, '2026-10-06T03:00:00Z', -3);
    await touch(repB.id, '2026-10-06T04:00:00Z', 500, 'note');
    await touch(repB.id, '2026-11-05T03:00:00Z', 500);
    await touch(outsider.id, '2026-10-05T03:00:00Z', 60);

    const byRep = await manager.client.get('/api/metrics/touch-logging?from=2026-10-01&to=2026-10-31&groupBy=rep');
    expect(byRep.statusCode).toBe(200);
    expect(byRep.json().groups).toEqual([
      { id: repA.id, name: '张三', count: 4, within15: 2, share: 0.5, medianDelayMinutes: 15.5 },
      { id: repB.id, name: '李四', count: 2, within15: 2, share: 1, medianDelayMinutes: 0 },
    ]);
    expect(byRep.json().total).toMatchObject({ count: 6, within15: 4, share: 0.6667 });

    const byTeam = await t.admin.client.get('/api/metrics/touch-logging?from=2026-10-01&to=2026-10-31&groupBy=team');
    expect(byTeam.json().groups).toEqual([
      { id: teamId, name: '华东一组', count: 6, within15: 4, share: 0.6667, medianDelayMinutes: 10 },
      { id: null, name: null, count: 1, within15: 0, share: 0, medianDelayMinutes: 60 },
    ]);

    const own = await repB.client.get('/api/metrics/touch-logging?from=2026-10-01&to=2026-10-31');
    expect(own.json().groups.map((g: { id: string }) => g.id)).toEqual([repB.id]);
  });

  it('refuses a backwards period and unknown grouping; another tenant sees nothing', async () => {
    expect((await manager.client.get('/api/metrics/touch-logging?from=2026-10-31&to=2026-10-01')).statusCode).toBe(400);
    expect((await manager.client.get('/api/metrics/touch-logging?groupBy=region')).statusCode).toBe(400);
    expect((await manager.client.get("/api/metrics/touch-logging?from=2026-10-01'--")).statusCode).toBe(400);
    const other = await makeTenant(server, '别的公司');
    const res = await other.admin.client.get('/api/metrics/touch-logging?from=2026-10-01&to=2026-10-31');
    expect(res.json()).toMatchObject({ total: null, groups: [] });
  });
});

describe('reminder after a check-out with no touch', () => {
  const checkInOut = async (rep: TestUser, minutesAgo: number) => {
    const visit = (await rep.client.post('/api/checkins', { kind: 'in', accountId, lat: 39.912711, lng: 116.417523, accuracy: 9, at: new Date(Date.now() - (minutesAgo + 40) * 60_000).toISOString() })).json().visit;
    await rep.client.post('/api/checkins', { kind: 'out', accountId, lat: 39.912734, lng: 116.417511, accuracy: 11, at: new Date(Date.now() - minutesAgo * 60_000).toISOString() });
    return visit.id as string;
  };
  const remind = (visitId: string, notify: 'rep' | 'manager') => inTenant(server.db.kysely, t.tenantId, (trx) => remindIfTouchMissing(trx, systemActor(t.tenantId), { tenantId: t.tenantId, visitId, notify }));
  const alertsFor = async (user: TestUser, visitId: string) => (await user.client.get('/api/alerts?kind=touch.not_logged')).json().items.filter((a: { entityId: string }) => a.entityId === visitId);

  it('the check-out queues two delayed checks, at +15 and +60 minutes', async () => {
    const visitId = await checkInOut(repA, 0);
    const jobs = async () => (await sql<{ data: { notify: string }; start_after: Date }>`select data, start_after from pgboss.job where name = 'touch-metrics.visit-touch-reminder' and data->>'visitId' = ${visitId}`.execute(server.db.kysely)).rows;
    await waitFor(async () => (await jobs()).length === 2);
    const byNotify = Object.fromEntries((await jobs()).map((j) => [j.data.notify, (j.start_after.getTime() - Date.now()) / 60_000]));
    expect(byNotify.rep).toBeGreaterThan(13);
    expect(byNotify.rep).toBeLessThan(16);
    expect(byNotify.manager).toBeGreaterThan(58);
  });

  it('reminds the rep, then the manager, while the touch is missing', async () => {
    const visitId = await checkInOut(repA, 61);
    expect((await remind(visitId, 'rep')).reminded).toEqual([repA.id]);
    const [toRep] = await alertsFor(repA, visitId);
    expect(toRep.evidence).toMatchObject({ visitId, touchesLogged: 0 });
    // worded in each reader's language from its key and facts; the stored title stays Chinese
    expect(toRep.title).toBe('拜访结束 15 分钟内未记录跟进，请补录');
    expect(toRep.message).toEqual({ key: 'touch.not_logged', params: { recipient: 'rep', repName: '张三', accountName: '协和医院', checkoutAt: toRep.evidence.checkoutAt, minutes: 15 } });
    expect((await remind(visitId, 'manager')).reminded).toEqual([manager.id]);
    const toManager = await alertsFor(manager, visitId);
    expect(toManager).toHaveLength(1);
    expect(toManager[0].message).toEqual({ key: 'touch.not_logged', params: { recipient: 'manager', repName: '张三', accountName: '协和医院', checkoutAt: toRep.evidence.checkoutAt, minutes: 60 } });
    expect(await alertsFor(repB, visitId)).toHaveLength(0);
  });

  it('stays quiet once the rep has logged the touch', async () => {
    const visitId = await checkInOut(repB, 20);
    expect((await repB.client.post('/api/activities', { type: 'visit', occurredAt: new Date(Date.now() - 30 * 60_000).toISOString(), subject: '拜访设备科', accountId, mood: 'hesitant' })).statusCode).toBe(201);
    expect((await remind(visitId, 'rep')).reminded).toEqual([]);
    expect((await remind(visitId, 'manager')).reminded).toEqual([]);
    expect(await alertsFor(repB, visitId)).toHaveLength(0);
  });
});
