// Deal warnings end to end: raised as soon as the condition holds (well before the close date),
// to the owner and the owner's manager, once; resolved when the condition clears or the deal
// closes; thresholds validated; nobody sees another scope's or tenant's warnings.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { startJobsTestServer, type JobsTestServer } from '../../platform/jobs/jobs-test-server.ts';
import { dispatchBatch } from '../../platform/events/dispatcher.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { verifyAuditChain } from '../../platform/events/audit-chain.ts';
import { dateIn, daysAgo, historyFactory } from './test-history.ts';

let server: JobsTestServer;
let t: TestTenant;
let manager: TestUser;
let rep: TestUser;
let otherRep: TestUser;
let f: ReturnType<typeof historyFactory>;

beforeAll(async () => {
  server = await startJobsTestServer({ dispatch: false });
  t = await makeTenant(server, '预警租户');
  server.tenants.push(t.tenantId);
  manager = await t.user('manager', { name: '王经理' });
  const team = await t.team('华东一部', { managerId: manager.id });
  rep = await t.user('rep', { teamId: team, name: '李销售' });
  otherRep = await t.user('rep', { name: '赵销售' });
  f = historyFactory(server, t.tenantId);
});
afterAll(() => server?.stop());

const put = (u: TestUser, url: string, body: unknown) => u.client.raw({ method: 'PUT', url, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const dispatch = async () => {
  while ((await dispatchBatch(server.jobs.deps, { onlyTenants: [t.tenantId] })).claimed > 0);
};
type Warning = { id: string; kind: string; evidence: Record<string, unknown>; daysBeforeClose: number | null; expectedCloseDate: string | null; resolvedAt: string | null; resolution: string | null; opportunityName: string };
const dealWarnings = async (u: TestUser, dealId: string) => (await u.client.get(`/api/opportunities/${dealId}/warnings`)).json<{ items: Warning[]; checks: Array<{ kind: string; status: string; missing?: string; evidence?: Record<string, unknown> }> }>();
const alertsOf = async (u: TestUser, kind: string, status = 'open') => (await u.client.get(`/api/alerts?kind=${kind}&status=${status}`)).json<{ items: Array<{ title: string; body: string; entity: string; entityId: string; severity: string; evidence: Record<string, unknown> }> }>().items;
const eventsOf = (type: string, entityId?: string) =>
  inTenant(server.db.kysely, t.tenantId, (trx) => {
    let q = trx.selectFrom('events').select(['entity_id', 'payload']).where('tenant_id', '=', t.tenantId).where('type', '=', type);
    if (entityId) q = q.where('entity_id', '=', entityId);
    return q.execute();
  });

describe('the decision maker went silent, 45 days before the close', () => {
  let account: { id: string; contacts: string[] };
  let deal: string;

  beforeAll(async () => {
    account = await f.account('瑞金医院', rep.id, [{ name: '张院长', role: 'decision_maker' }, { name: '李科长', role: 'influencer' }]);
    deal = await f.deal({ accountId: account.id, ownerId: rep.id, name: '瑞金医院彩超采购项目', closeDate: dateIn(45), createdAt: daysAgo(60), stageChangedAt: daysAgo(5) });
    await f.touch({ accountId: account.id, dealId: deal, ownerId: rep.id, at: daysAgo(30), contactIds: [account.contacts[0]] });
    await f.touch({ accountId: account.id, dealId: deal, ownerId: rep.id, at: daysAgo(3), contactIds: [account.contacts[1]] });
  });

  it('is raised now, as soon as a touch is logged, with its evidence and the 45 days left', async () => {
    const logged = await rep.client.post('/api/activities', { type: 'call', occurredAt: new Date().toISOString(), subject: '与李科长电话沟通', accountId: account.id, opportunityId: deal, contactIds: [account.contacts[1]] });
    expect(logged.statusCode).toBe(201);
    await dispatch();
    const { items, checks } = await dealWarnings(rep, deal);
    expect(items.map((w) => w.kind)).toEqual(['decision_maker_silent']);
    expect(items[0]).toMatchObject({ daysBeforeClose: 45, expectedCloseDate: dateIn(45), evidence: { daysSilent: 30, otherTouchesContinue: true, decisionMakers: [{ id: account.contacts[0], name: '张院长' }], thresholdDays: 21 } });
    expect(checks.find((c) => c.kind === 'no_activity')).toMatchObject({ status: 'clear' });
    expect(checks.find((c) => c.kind === 'competitor_appeared')).toMatchObject({ status: 'unknown' });
    expect(await eventsOf('deal.warning_raised', items[0].id)).toHaveLength(1);
  });

  it('reaches the owner and the owner\'s manager in the workbench, titled and linked to the deal', async () => {
    for (const u of [rep, manager]) {
      const [alert, ...more] = await alertsOf(u, 'deal_warning.decision_maker_silent');
      expect(more).toEqual([]);
      expect(alert).toMatchObject({ entity: 'opportunities', entityId: deal, severity: 'warning' });
      expect(alert.title).toBe('商机预警：「瑞金医院彩超采购项目」决策人已 30 天未接触');
      expect(alert.body).toContain('张院长');
      expect(alert.body).toContain('还有 45 天');
    }
    expect(await alertsOf(otherRep, 'deal_warning.decision_maker_silent')).toEqual([]);
  });

  it('is raised once however often deals are evaluated', async () => {
    for (let i = 0; i < 2; i++) expect((await t.admin.client.post('/api/deal-warnings/evaluate')).statusCode).toBe(200);
    expect((await dealWarnings(rep, deal)).items).toHaveLength(1);
    expect(await alertsOf(rep, 'deal_warning.decision_maker_silent')).toHaveLength(1);
    expect(await eventsOf('deal.warning_raised')).toHaveLength(1);
    expect(await verifyAuditChain(server.db.kysely, t.tenantId)).toMatchObject({ problems: [] });
  });

  it('resolves itself, alerts too, once the decision maker is met', async () => {
    const warningId = (await dealWarnings(rep, deal)).items[0].id;
    await rep.client.post('/api/activities', { type: 'visit', occurredAt: new Date().toISOString(), subject: '拜访张院长', accountId: account.id, opportunityId: deal, contactIds: [account.contacts[0]] });
    await dispatch();
    expect((await dealWarnings(rep, deal)).items).toEqual([]);
    const resolved = (await rep.client.get(`/api/deal-warnings?status=resolved&opportunityId=${deal}`)).json();
    expect(resolved.items).toMatchObject([{ id: warningId, kind: 'decision_maker_silent', resolution: 'condition_cleared' }]);
    expect(await alertsOf(rep, 'deal_warning.decision_maker_silent')).toEqual([]);
    expect(await alertsOf(manager, 'deal_warning.decision_maker_silent')).toEqual([]);
    expect(await eventsOf('deal.warning_resolved', warningId)).toHaveLength(1);
  });
});

describe('changes to the deal itself', () => {
  let account: { id: string; contacts: string[] };
  let deal: string;
  beforeAll(async () => {
    account = await f.account('华山医院', rep.id, [{ name: '陈主任', role: 'decision_maker' }]);
    deal = await f.deal({ accountId: account.id, ownerId: rep.id, name: '华山医院监护仪项目', amountCents: 80_000_000, closeDate: dateIn(40), createdAt: daysAgo(20) });
    await f.touch({ accountId: account.id, dealId: deal, ownerId: rep.id, at: daysAgo(1), contactIds: account.contacts });
  });

  it('a close date pushed a second time and an amount cut are raised with what changed', async () => {
    expect((await rep.client.patch(`/api/opportunities/${deal}`, { expectedCloseDate: dateIn(55) })).statusCode).toBe(200);
    await dispatch();
    expect((await dealWarnings(rep, deal)).items).toEqual([]);
    await rep.client.patch(`/api/opportunities/${deal}`, { expectedCloseDate: dateIn(70), amount: '600000.00' });
    await dispatch();
    const kinds = Object.fromEntries((await dealWarnings(rep, deal)).items.map((w) => [w.kind, w]));
    expect(Object.keys(kinds).sort()).toEqual(['amount_cut', 'close_date_pushed']);
    expect(kinds.close_date_pushed.evidence).toMatchObject({ pushCount: 2, firstDate: dateIn(40), currentDate: dateIn(70), totalDaysPushed: 30 });
    expect(kinds.amount_cut.evidence).toMatchObject({ highestAmount: '800000.00', currentAmount: '600000.00', cutAmount: '200000.00', cutPct: 25 });
    expect((await alertsOf(manager, 'deal_warning.amount_cut'))[0].title).toBe('商机预警：「华山医院监护仪项目」金额下调 25%');
  });

  it('an amount restored clears the cut; a lost deal closes every warning it had', async () => {
    await rep.client.patch(`/api/opportunities/${deal}`, { amount: '800000.00' });
    await dispatch();
    expect((await dealWarnings(rep, deal)).items.map((w) => w.kind)).toEqual(['close_date_pushed']);
    expect((await rep.client.post(`/api/opportunities/${deal}/stage`, { stage: 'lost', reason: '预算取消' })).statusCode).toBe(200);
    await dispatch();
    const all = (await rep.client.get(`/api/deal-warnings?status=all&opportunityId=${deal}`)).json();
    expect(all.items.map((w: Warning) => [w.kind, w.resolution]).sort()).toEqual([['amount_cut', 'condition_cleared'], ['close_date_pushed', 'deal_closed']]);
    expect((await dealWarnings(rep, deal)).checks).toEqual([]);
  });
});

describe('competitors and stage norms', () => {
  it('a competitor from the tenant list named in a deal note is raised; the admin sets the list', async () => {
    const account = await f.account('中山医院', rep.id, [{ name: '周院长', role: 'decision_maker' }]);
    const deal = await f.deal({ accountId: account.id, ownerId: rep.id, name: '中山医院CT项目', closeDate: dateIn(90) });
    await f.touch({ accountId: account.id, dealId: deal, ownerId: rep.id, at: daysAgo(1), contactIds: account.contacts });
    const saved = await put(t.admin, '/api/deal-warnings/settings', { competitors: [{ name: '联影', aliases: ['United Imaging'] }, { name: '西门子', aliases: ['Siemens'] }] });
    expect(saved.statusCode).toBe(200);
    const note = await rep.client.post('/api/notes', { entity: 'opportunities', entityId: deal, body: '周院长提到联影上周也来做了方案演示' });
    expect(note.statusCode).toBe(201);
    await dispatch();
    const [w] = (await dealWarnings(rep, deal)).items;
    expect(w).toMatchObject({ kind: 'competitor_appeared', evidence: { competitors: ['联影'], mentions: [{ term: '联影', source: 'note' }] } });
  });

  it("stalled in stage uses the tenant's won deals as the norm, or says the history is too thin and falls back", async () => {
    const account = await f.account('长海医院', rep.id, [{ name: '吴院长', role: 'decision_maker' }]);
    // eight won deals that each spent 10 days in 已报价 (and 20 in 方案)
    for (let i = 0; i < 8; i++) {
      const won = await f.deal({ accountId: account.id, ownerId: rep.id, name: `已赢单 ${i}`, stage: 'won', createdAt: daysAgo(200), closedAt: daysAgo(160) });
      await f.change(won, daysAgo(190), 'opportunity.stage_changed', { stage: 'solution' }, { stage: 'quoted' });
      await f.change(won, daysAgo(180), 'opportunity.stage_changed', { stage: 'quoted' }, { stage: 'won' });
    }
    const slow = await f.deal({ accountId: account.id, ownerId: rep.id, name: '长海医院报价停滞', stage: 'quoted', closeDate: dateIn(50), createdAt: daysAgo(40), stageChangedAt: daysAgo(15) });
    const thin = await f.deal({ accountId: account.id, ownerId: rep.id, name: '长海医院谈判中', stage: 'negotiation', closeDate: dateIn(50), createdAt: daysAgo(40), stageChangedAt: daysAgo(15) });
    for (const d of [slow, thin]) await f.touch({ accountId: account.id, dealId: d, ownerId: rep.id, at: daysAgo(1), contactIds: account.contacts });
    await t.admin.client.post('/api/deal-warnings/evaluate');
    expect((await dealWarnings(rep, slow)).items).toMatchObject([{ kind: 'stalled_in_stage', evidence: { basis: 'tenant_history', normDays: 10, daysInStage: 15, wonDealsInHistory: 8 } }]);
    const check = (await dealWarnings(rep, thin)).checks.find((c) => c.kind === 'stalled_in_stage');
    expect(check).toMatchObject({ status: 'clear', evidence: { basis: 'fallback_setting', normDays: 30, wonDealsInHistory: 0 } });
    expect(check?.evidence?.note).toMatch(/Only 0 won deals/);
  });
});

describe('who sees what, and bad input', () => {
  it('lists warnings in my scope only: the rep their own, the manager the team, other tenants nothing', async () => {
    const mine = (await rep.client.get('/api/deal-warnings?status=all&limit=200')).json();
    expect(mine.items.length).toBeGreaterThan(0);
    expect((await manager.client.get('/api/deal-warnings?status=all&limit=200')).json().items).toHaveLength(mine.items.length);
    expect((await otherRep.client.get('/api/deal-warnings?status=all')).json().items).toEqual([]);
    const stranger = await makeTenant(server, '陌生租户');
    expect((await stranger.admin.client.get('/api/deal-warnings?status=all')).json().items).toEqual([]);
    expect((await stranger.admin.client.get(`/api/opportunities/${mine.items[0].opportunityId}/warnings`)).statusCode).toBe(404);
    expect((await otherRep.client.get(`/api/opportunities/${mine.items[0].opportunityId}/warnings`)).statusCode).toBe(404);
  });

  it('pages through the list with a cursor', async () => {
    const all = (await rep.client.get('/api/deal-warnings?status=all&limit=200')).json();
    const p1 = (await rep.client.get('/api/deal-warnings?status=all&limit=2')).json();
    const p2 = (await rep.client.get(`/api/deal-warnings?status=all&limit=200&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((w: Warning) => w.id)).toEqual(all.items.map((w: Warning) => w.id));
  });

  it('refuses bad thresholds and the wrong role, writing nothing', async () => {
    const before = (await t.admin.client.get('/api/deal-warnings/settings')).json();
    for (const body of [{ noActivityDays: 0 }, { stallPercentile: 100 }, { competitors: [{ name: '' }] }, { unknownField: 1 }, { competitors: [{ name: '联影' }, { name: '西门子', aliases: ['联影'] }] }]) {
      const res = await put(t.admin, '/api/deal-warnings/settings', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toMatch(/validation_failed|bad_request/);
    }
    expect((await t.admin.client.get('/api/deal-warnings/settings')).json()).toEqual(before);
    expect((await put(rep, '/api/deal-warnings/settings', { noActivityDays: 7 })).statusCode).toBe(403);
    expect((await put(manager, '/api/deal-warnings/settings', { noActivityDays: 7 })).statusCode).toBe(403);
    expect((await rep.client.get('/api/deal-warnings/settings')).statusCode).toBe(403);
    expect((await manager.client.get('/api/deal-warnings/settings')).statusCode).toBe(200);
    expect((await rep.client.post('/api/deal-warnings/evaluate')).statusCode).toBe(403);
    expect((await rep.client.get('/api/deal-warnings?kind=everything')).statusCode).toBe(400);
    expect((await rep.client.get('/api/deal-warnings?cursor=abc')).statusCode).toBe(400);
  });
});
