// Decay of committed deals against the real database: 100% on day 2, 60% on day 3 without an
// update, an update (a touch, an edit) restores it; the daily run records it and alerts owner and
// manager once; the board lists decayed commits live within the viewer's scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { definedTenantSchedules } from '../../platform/jobs/tenant-schedules.ts';
import { loadCredibility } from './credibility.ts';
import { runDecay } from './run-decay.ts';
import { DECAY_SCHEDULE_ID } from './decay-schedule.ts';
import { activityOn, backdateDeal, dealWithContacts, noonOn, salesTeam, shanghaiDay } from './test-fixtures.ts';

let server: TestServer;
let t: TestTenant;
let team: Awaited<ReturnType<typeof salesTeam>>;
beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '衰减租户');
  team = await salesTeam(t);
});
afterAll(() => server?.stop());

const day = shanghaiDay;
const credibility = (tenantId: string, dealId: string, at: Date) => inTenant(server.db.kysely, tenantId, async (trx) => (await loadCredibility(trx, tenantId, [dealId], at)).get(dealId));
/** an open commit whose close date was `closeDaysAgo` days ago, last changed well before it */
async function pastCommit(closeDaysAgo: number, owner = team.rep, tenant = t) {
  const d = await dealWithContacts(owner, { expectedCloseDate: day(-closeDaysAgo), forecastCategory: 'commit', amount: '500000.00' });
  await backdateDeal(server, tenant.tenantId, d.dealId, day(-closeDaysAgo - 30));
  return d;
}
const alertsOf = (dealId: string) => inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('alerts').select(['user_id', 'kind', 'title', 'evidence']).where('entity_id', '=', dealId).execute());

describe('decay at day 3', () => {
  it('a commit two days past its close date keeps 100%; on day 3 without an update it drops to 60%', async () => {
    const d = await pastCommit(20);
    const close = day(-20);
    expect(await credibility(t.tenantId, d.dealId, noonOn(day(2, noonOn(close))))).toMatchObject({ decayFactor: 1, daysPastClose: 2, weight: null });
    const day3 = await credibility(t.tenantId, d.dealId, noonOn(day(3, noonOn(close))));
    expect(day3).toMatchObject({ decayFactor: 0.6, daysPastClose: 3, weight: null });
    expect(day3?.reasons.join(' ')).toContain(`Decayed to 60%: a commit 3 days past its close date ${close}`);
    // just after midnight of day 3 counts as day 3: decay is by calendar day in the tenant's zone
    expect((await credibility(t.tenantId, d.dealId, new Date(`${day(3, noonOn(close))}T00:01:00+08:00`)))?.decayFactor).toBe(0.6);
  });

  it('an update after the close date resets it: a touch on day 4 restores 100% until three more quiet days pass', async () => {
    const d = await pastCommit(20);
    const close = day(-20);
    const on = (n: number) => noonOn(day(n, noonOn(close)));
    await activityOn(team.rep, d.dealId, day(4, noonOn(close)), '电话跟进，客户说下周签');
    expect((await credibility(t.tenantId, d.dealId, on(3)))?.decayFactor).toBe(0.6);
    expect((await credibility(t.tenantId, d.dealId, on(4)))?.decayFactor).toBe(1);
    expect((await credibility(t.tenantId, d.dealId, on(6)))?.decayFactor).toBe(1);
    expect(await credibility(t.tenantId, d.dealId, on(7))).toMatchObject({ decayFactor: 0.6, daysPastClose: 7 });
  });

  it('editing the deal is an update too, and a plain note is not', async () => {
    const d = await pastCommit(10);
    await t.admin.client.post('/api/notes', { entity: 'opportunities', entityId: d.dealId, body: '内部备注：等待客户回复' });
    expect((await credibility(t.tenantId, d.dealId, new Date()))?.decayFactor).toBe(0.6);
    expect((await team.rep.client.patch(`/api/opportunities/${d.dealId}`, { amount: '450000.00' })).statusCode).toBe(200);
    expect((await credibility(t.tenantId, d.dealId, new Date()))?.decayFactor).toBe(1);
  });

  it('only commits decay: a best-case deal past its date keeps 100%', async () => {
    const d = await dealWithContacts(team.rep, { expectedCloseDate: day(-10), forecastCategory: 'best_case' });
    await backdateDeal(server, t.tenantId, d.dealId, day(-40));
    expect(await credibility(t.tenantId, d.dealId, new Date())).toMatchObject({ decayFactor: 1, daysPastClose: 10 });
  });
});

describe('the daily decay run', () => {
  it('is a tenant schedule just after local midnight', () => {
    expect(definedTenantSchedules().find((s) => s.id === DECAY_SCHEDULE_ID)?.cron).toBeDefined();
  });

  it('on day 3 records the decay and alerts the owner and the manager once; an update takes it off again', async () => {
    const d = await pastCommit(30);
    const close = day(-30);
    const on = (n: number) => noonOn(day(n, noonOn(close)));
    await runDecay(server.db, t.tenantId, on(2));
    expect(await alertsOf(d.dealId)).toEqual([]);
    const run = await runDecay(server.db, t.tenantId, on(3));
    expect(run.decayed).toBeGreaterThanOrEqual(1);
    const alerts = await alertsOf(d.dealId);
    expect(alerts.map((a) => a.user_id).sort()).toEqual([team.rep.id, team.manager.id].sort());
    expect(alerts[0]).toMatchObject({ kind: 'forecast.commit_decayed', evidence: { closeDate: close, daysPastClose: 3, daysWithoutUpdate: 3, factor: 0.6, amount: '500000.00' } });
    expect(alerts[0].title).toContain('可信度降至 60%');
    // worded by key for each reader's language: the manager's list carries the key and its facts
    const listed = (await team.manager.client.get('/api/alerts?kind=forecast.commit_decayed')).json<{ items: { entityId: string; message: unknown }[] }>().items.find((a) => a.entityId === d.dealId);
    expect(listed?.message).toEqual({ key: 'forecast.commit_decayed', params: { name: expect.any(String), daysPastClose: 3, closeDate: close, daysWithoutUpdate: 3, factor: 0.6 } });
    const recorded = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('deal_decays').selectAll().where('opportunity_id', '=', d.dealId).executeTakeFirst());
    expect(recorded).toMatchObject({ close_date: close, decayed_since: day(3, noonOn(close)), days_without_update: 3 });
    await runDecay(server.db, t.tenantId, on(4));
    expect(await alertsOf(d.dealId)).toHaveLength(2);
    await activityOn(team.rep, d.dealId, day(5, noonOn(close)), '拜访客户确认签约时间');
    await runDecay(server.db, t.tenantId, on(5));
    expect(await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('deal_decays').select('opportunity_id').where('opportunity_id', '=', d.dealId).executeTakeFirst())).toBeUndefined();
  });
});

describe('the decay board', () => {
  it('lists decayed commits live to the manager and executives with days past, factor and weighted amount; reps may not see it; scopes and tenants hold', async () => {
    const tenant = await makeTenant(server, '看板租户');
    const crew = await salesTeam(tenant);
    const exec = await tenant.user('executive');
    const otherManager = await tenant.user('manager');
    await tenant.team('华北大区', { managerId: otherManager.id });
    const d = await pastCommit(8, crew.rep, tenant);
    const fresh = await dealWithContacts(crew.rep, { expectedCloseDate: day(-8), forecastCategory: 'commit' }); // created today: updated after its close date
    // a 线索 proof added before the close date: weight 10% × 60%
    const act = await activityOn(crew.rep, d.dealId, day(-20), '初次拜访');
    await crew.rep.client.post(`/api/opportunities/${d.dealId}/evidence`, { stage: 'lead', activityId: act });
    await inTenant(server.db.kysely, tenant.tenantId, (trx) => trx.updateTable('deal_evidence').set({ created_at: noonOn(day(-20)) }).where('opportunity_id', '=', d.dealId).execute());
    await backdateDeal(server, tenant.tenantId, d.dealId, day(-38));

    const board = await crew.manager.client.get('/api/forecast/decay');
    expect(board.statusCode, board.body).toBe(200);
    const body = board.json();
    expect(body.items.map((i: { id: string }) => i.id)).toEqual([d.dealId]);
    expect(body.items[0]).toMatchObject({ ownerId: crew.rep.id, ownerName: '陈晓', amount: '500000.00', expectedCloseDate: day(-8), daysPastClose: 8, daysWithoutUpdate: 8, factor: 0.6, evidenceStage: 'lead', stageWeight: 0.1, weight: 0.06, decayedAmount: '300000.00', weightedAmount: '30000.00', lastUpdateKind: 'touch' });
    expect(body.total).toEqual({ deals: 1, amount: '500000.00' });
    expect(body.items.map((i: { id: string }) => i.id)).not.toContain(fresh.dealId);
    expect((await exec.client.get('/api/forecast/decay')).json().items).toHaveLength(1);
    expect((await otherManager.client.get('/api/forecast/decay')).json().items).toEqual([]);
    expect((await crew.rep.client.get('/api/forecast/decay')).statusCode).toBe(403);
    expect((await t.admin.client.get('/api/forecast/decay')).json().items.map((i: { id: string }) => i.id)).not.toContain(d.dealId);
    expect((await crew.manager.client.get('/api/forecast/decay?limit=0')).statusCode).toBe(400);
    expect((await crew.manager.client.get(`/api/forecast/decay?ownerId=${crew.outsider.id}`)).json().items).toEqual([]);
  });

  it('pages through many decayed deals, oldest close date first', async () => {
    const tenant = await makeTenant(server, '分页租户');
    const rep = await tenant.user('rep');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await pastCommit(10 + i, rep, tenant)).dealId);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (await tenant.admin.client.get(`/api/forecast/decay?limit=2${cursor ? `&cursor=${cursor}` : ''}`)).json();
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
  });
});
