// The forecast through its API: the roll-up across rep → manager → director → company with
// overrides, quotas and attainment, scopes, validation and tenant walls, snapshots and accuracy.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { insertClosedHistory, insertDeals } from './forecast-fixtures.ts';
import { periodOf } from './periods.ts';
import { localDateAt } from '../../platform/tenancy/tenant-clock.ts';
import { activityOn, shanghaiDay } from '../deal-evidence/test-fixtures.ts';

let server: TestServer;
let t: TestTenant;
let director: TestUser, manager: TestUser, rep1: TestUser, rep2: TestUser, rep3: TestUser, exec: TestUser;
let companyTeam: string, eastTeam: string, southTeam: string;
const month = periodOf(localDateAt(new Date(), 'Asia/Shanghai'), 'month');
const inMonth = month.mid;

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server);
  director = await t.user('manager', { name: '总监' });
  manager = await t.user('manager', { name: '华东经理' });
  companyTeam = await t.team('销售中心', { managerId: director.id });
  eastTeam = await t.team('华东', { parentId: companyTeam, managerId: manager.id });
  southTeam = await t.team('华南', { parentId: companyTeam });
  rep1 = await t.user('rep', { teamId: eastTeam, name: '张伟' });
  rep2 = await t.user('rep', { teamId: eastTeam, name: '刘洋' });
  rep3 = await t.user('rep', { teamId: southTeam, name: '黄俊杰' });
  exec = await t.user('executive');
  await server.db.kysely.updateTable('users').set({ team_id: eastTeam }).where('id', '=', manager.id).execute();
  await server.db.kysely.updateTable('users').set({ team_id: companyTeam }).where('id', '=', director.id).execute();
  const wonAt = new Date(`${month.start}T04:00:00Z`);
  await insertDeals(server, t.tenantId, [
    { ownerId: rep1.id, amount: 100_000, category: 'commit', expectedClose: inMonth },
    { ownerId: rep1.id, amount: 50_000, category: 'best_case', expectedClose: inMonth },
    { ownerId: rep1.id, amount: 30_000, stage: 'won', category: 'closed', expectedClose: month.start, closedAt: wonAt },
    { ownerId: rep2.id, amount: 200_000, category: 'commit', expectedClose: inMonth },
    { ownerId: rep2.id, amount: 70_000, stage: 'solution', category: 'pipeline', expectedClose: inMonth },
    { ownerId: rep2.id, amount: 999_000, category: 'commit', expectedClose: '2020-01-31' },
    { ownerId: rep3.id, amount: 40_000, category: 'commit', expectedClose: inMonth },
    { ownerId: rep3.id, amount: 8_000, category: 'omitted', expectedClose: inMonth },
  ]);
}, 60_000);
afterAll(() => server?.stop());

type Node = { key: string; categories: Record<string, string>; computed: Record<string, string>; overrides: Record<string, { amount: string; original: string; by: { name: string } } | null>; commitForecast: string; bestCaseForecast: string; quota: string | null; attainment: number | null; canManage: boolean };
const forecast = async (u: TestUser) => {
  const res = await u.client.get(`/api/forecast?period=${month.key}`);
  expect(res.statusCode, res.body).toBe(200);
  const body = res.json<{ company: Node | null; teams: Node[]; users: Node[]; roots: string[] }>();
  const node = (key: string) => [...(body.company ? [body.company] : []), ...body.teams, ...body.users].find((n) => n.key === key) as Node;
  return { body, node };
};

describe('forecast roll-up', () => {
  it('sums categories per rep, then rep → manager’s team → director’s team → company', async () => {
    const { node } = await forecast(t.admin);
    expect(node(`user:${rep1.id}`).categories).toMatchObject({ commit: '100000.00', best_case: '50000.00', closed: '30000.00', pipeline: '0.00' });
    expect(node(`team:${eastTeam}`).categories).toMatchObject({ commit: '300000.00', best_case: '50000.00', pipeline: '70000.00', closed: '30000.00' });
    expect(node(`team:${companyTeam}`).categories).toMatchObject({ commit: '340000.00', omitted: '8000.00' });
    expect(node('company').commitForecast).toBe('370000.00');
    expect(node('company').bestCaseForecast).toBe('420000.00');
  });

  it('uses a manager’s override in place of the rep’s number, and the director’s override of the team in place of everything below it; both are shown beside the original', async () => {
    const byManager = await manager.client.post('/api/forecast/overrides', { period: month.key, subjectKind: 'user', subjectId: rep2.id, category: 'commit', amount: '150000', note: '客户预算砍半' });
    expect(byManager.statusCode, byManager.body).toBe(200);
    let { node } = await forecast(t.admin);
    expect(node(`user:${rep2.id}`).categories.commit).toBe('150000.00');
    expect(node(`user:${rep2.id}`).overrides.commit).toMatchObject({ amount: '150000.00', original: '200000.00', by: { name: '华东经理' } });
    // east = rep1 100k + rep2's override 150k; company team = east + south 40k
    expect(node(`team:${eastTeam}`).computed.commit).toBe('250000.00');
    expect(node(`team:${companyTeam}`).categories.commit).toBe('290000.00');

    const byDirector = await director.client.post('/api/forecast/overrides', { period: month.key, subjectKind: 'team', subjectId: eastTeam, category: 'commit', amount: '200000' });
    expect(byDirector.statusCode, byDirector.body).toBe(200);
    ({ node } = await forecast(t.admin));
    expect(node(`team:${eastTeam}`).computed.commit).toBe('250000.00');
    expect(node(`team:${eastTeam}`).categories.commit).toBe('200000.00');
    expect(node(`team:${eastTeam}`).overrides.commit).toMatchObject({ original: '250000.00', amount: '200000.00' });
    expect(node(`team:${companyTeam}`).categories.commit).toBe('240000.00');
    expect(node('company').commitForecast).toBe('270000.00');

    const audit = await server.db.kysely.selectFrom('audit_log').select(['action', 'before', 'after']).where('tenant_id', '=', t.tenantId).where('action', '=', 'forecast.override_set').execute();
    expect(audit).toHaveLength(2);
    expect(audit[0].after).toMatchObject({ amount: '150000.00', original: '200000.00' });

    const cleared = await director.client.post('/api/forecast/overrides', { period: month.key, subjectKind: 'team', subjectId: eastTeam, category: 'commit', amount: null });
    expect(cleared.statusCode).toBe(200);
    ({ node } = await forecast(t.admin));
    expect(node(`team:${eastTeam}`).categories.commit).toBe('250000.00');
  });

  it('a manager may not override their own team or a rep outside their subtree; a rep may not override at all', async () => {
    const own = await manager.client.post('/api/forecast/overrides', { period: month.key, subjectKind: 'team', subjectId: eastTeam, category: 'commit', amount: '1' });
    expect(own.statusCode).toBe(403);
    const outside = await manager.client.post('/api/forecast/overrides', { period: month.key, subjectKind: 'user', subjectId: rep3.id, category: 'commit', amount: '1' });
    expect(outside.statusCode).toBe(403);
    const rep = await rep1.client.post('/api/forecast/overrides', { period: month.key, subjectKind: 'user', subjectId: rep1.id, category: 'commit', amount: '1' });
    expect(rep.statusCode).toBe(403);
  });

  it('quotas give attainment = closed / quota; no quota means attainment is unknown, not 0', async () => {
    const set = await manager.client.post('/api/forecast/quotas', { period: month.key, subjectKind: 'user', subjectId: rep1.id, amount: '120000.00' });
    expect(set.statusCode, set.body).toBe(200);
    const company = await t.admin.client.post('/api/forecast/quotas', { period: month.key, subjectKind: 'company', amount: '300000' });
    expect(company.statusCode, company.body).toBe(200);
    const { node } = await forecast(t.admin);
    expect(node(`user:${rep1.id}`)).toMatchObject({ quota: '120000.00', attainment: 0.25 });
    expect(node(`user:${rep2.id}`)).toMatchObject({ quota: null, attainment: null });
    expect(node('company')).toMatchObject({ quota: '300000.00', attainment: 0.1 });
    const audit = await server.db.kysely.selectFrom('audit_log').select('after').where('tenant_id', '=', t.tenantId).where('action', '=', 'forecast.quota_set').execute();
    expect(audit).toHaveLength(2);
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const bad = [
      { period: '2026-13', subjectKind: 'user', subjectId: rep1.id, amount: '1' },
      { period: month.key, subjectKind: 'user', subjectId: rep1.id, amount: '-5' },
      { period: month.key, subjectKind: 'user', subjectId: rep1.id, amount: '1.234' },
      { period: month.key, subjectKind: 'company', subjectId: rep1.id, amount: '1' },
      { period: month.key, subjectKind: 'user', amount: '1' },
    ];
    for (const body of bad) {
      const res = await t.admin.client.post('/api/forecast/quotas', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toHaveProperty('error.code');
    }
    const rep = await rep1.client.post('/api/forecast/quotas', { period: month.key, subjectKind: 'user', subjectId: rep1.id, amount: '1' });
    expect(rep.statusCode).toBe(403);
    expect((await t.admin.client.get('/api/forecast?period=2026-Q5')).statusCode).toBe(400);
    const count = await server.db.kysely.selectFrom('forecast_quotas').select((e) => e.fn.countAll<string>().as('n')).where('tenant_id', '=', t.tenantId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('another tenant cannot see or touch this tenant’s people', async () => {
    const other = await makeTenant(server, '别的公司');
    const res = await other.admin.client.post('/api/forecast/quotas', { period: month.key, subjectKind: 'user', subjectId: rep1.id, amount: '1' });
    expect(res.statusCode).toBe(404);
    const view = await other.admin.client.get(`/api/forecast?period=${month.key}`);
    expect(view.json<{ users: unknown[] }>().users.find((u) => (u as { key: string }).key === `user:${rep1.id}`)).toBeUndefined();
    const deals = await other.admin.client.get(`/api/forecast/deals?period=${month.key}&node=user:${rep1.id}`);
    expect(deals.statusCode).toBe(404);
  });

  it('a rep sees only their own numbers; a manager their subtree; an executive the company', async () => {
    const rep = await forecast(rep1);
    expect(rep.body.company).toBeNull();
    expect(rep.body.users.map((u) => u.key)).toEqual([`user:${rep1.id}`]);
    expect((await rep1.client.get(`/api/forecast/deals?period=${month.key}&node=user:${rep2.id}`)).statusCode).toBe(404);
    const mgr = await forecast(manager);
    expect(mgr.body.roots).toEqual([`team:${eastTeam}`]);
    expect(mgr.body.users.map((u) => u.key).sort()).toEqual([`user:${rep1.id}`, `user:${rep2.id}`, `user:${manager.id}`].sort());
    expect(mgr.node(`user:${rep1.id}`).canManage).toBe(true);
    expect(mgr.node(`team:${eastTeam}`).canManage).toBe(false);
    const ex = await forecast(exec);
    expect(ex.body.company).not.toBeNull();
    expect((await manager.client.get(`/api/forecast/accuracy?node=team:${eastTeam}`)).statusCode).toBe(200);
    expect((await manager.client.get(`/api/forecast/accuracy?node=team:${southTeam}`)).statusCode).toBe(403);
    expect((await manager.client.get('/api/forecast/accuracy?node=company')).statusCode).toBe(403);
  });

  it('drills down to the deals behind a level, biggest movers first', async () => {
    const res = await manager.client.get(`/api/forecast/deals?period=${month.key}&node=team:${eastTeam}&limit=2`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: { name: string; forecastCategory: string; owner: { name: string } }[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(2);
    expect(page.nextCursor).not.toBeNull();
    const next = await manager.client.get(`/api/forecast/deals?period=${month.key}&node=team:${eastTeam}&limit=50&cursor=${page.nextCursor}`);
    const all = [...page.items, ...next.json<{ items: typeof page.items }>().items];
    expect(all).toHaveLength(5);
    expect(all.every((d) => ['张伟', '刘洋'].includes(d.owner.name))).toBe(true);
  });

  it('snapshots on demand (executives and admins only)', async () => {
    expect((await manager.client.post('/api/forecast/snapshots', { period: month.key })).statusCode).toBe(403);
    const res = await t.admin.client.post('/api/forecast/snapshots', { period: month.key });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ period: month.key, reason: 'manual', deals: 4 });
    expect((await t.admin.client.post('/api/forecast/close', { period: month.key })).statusCode).toBe(422);
  });

  it('weighs open deals by their evidence: a proven lead counts at 10%, a deal with no evidence is listed apart, not as 0', async () => {
    const tenant = await makeTenant(server, '加权测试');
    const rep = await tenant.user('rep', { name: '陈静' });
    const [proven] = await insertDeals(server, tenant.tenantId, [
      { ownerId: rep.id, amount: 100_000, category: 'commit', expectedClose: inMonth },
      { ownerId: rep.id, amount: 50_000, category: 'best_case', expectedClose: inMonth },
      { ownerId: rep.id, amount: 9_000, category: 'omitted', expectedClose: inMonth },
    ]);
    const visit = await activityOn(rep, proven, shanghaiDay(-3), '首次拜访，确认采购意向', 'visit');
    expect((await rep.client.post(`/api/opportunities/${proven}/evidence`, { stage: 'lead', activityId: visit })).statusCode).toBe(201);
    const body = (await rep.client.get(`/api/forecast?period=${month.key}`)).json<{ users: { key: string; credibilityWeighted: unknown }[]; company: { credibilityWeighted: unknown } | null }>();
    const mine = body.users.find((u) => u.key === `user:${rep.id}`);
    expect(mine?.credibilityWeighted).toEqual({ weighted: '10000.00', withoutEvidence: '50000.00', dealsWithoutEvidence: 1 });
    // a past period's evidence is not known as it stood then: no weighted figure rather than a wrong one
    const past = (await rep.client.get('/api/forecast?period=2020-01')).json<{ users: { key: string; credibilityWeighted: unknown }[] }>();
    expect(past.users.find((u) => u.key === `user:${rep.id}`)?.credibilityWeighted).toBeNull();
  });

  it('gives the neutral forecast with its spread: one standard deviation of what the open deals bring in, as money, only beside the company figure', async () => {
    const tenant = await makeTenant(server, '区间测试');
    const rep = await tenant.user('rep', { name: '王芳' });
    await insertClosedHistory(server, tenant.tenantId, rep.id);
    await insertDeals(server, tenant.tenantId, [
      { ownerId: rep.id, amount: 300_000, category: 'commit', expectedClose: month.end, name: '苏州工业园区智慧园区' },
      { ownerId: rep.id, amount: 120_000, category: 'best_case', expectedClose: month.end, name: '无锡人民医院耗材' },
    ]);
    const res = await tenant.admin.client.get(`/api/forecast?period=${month.key}`);
    expect(res.statusCode, res.body).toBe(200);
    const { neutral } = res.json<{ neutral: { amount: string | null; spread: string | null } }>();
    expect(neutral.spread).toMatch(/^\d+\.\d{2}$/);
    expect(Number(neutral.spread)).toBeGreaterThan(0);
    // each open deal won or lost independently at its rate: √Σ amount² × rate × (1 − rate), to the cent
    const deals = (await tenant.admin.client.get(`/api/forecast/deals?period=${month.key}&limit=50`)).json<{ items: { amount: string; rate: number; forecastCategory: string }[] }>().items;
    const open = deals.filter((d) => d.forecastCategory !== 'closed');
    expect(open).toHaveLength(2);
    const variance = open.reduce((s, d) => s + (Number(d.amount) * 100) ** 2 * d.rate * (1 - d.rate), 0);
    expect(Math.abs(Number(neutral.spread) * 100 - Math.round(Math.sqrt(variance)))).toBeLessThanOrEqual(1);
    // a rep sees no company figure, so no spread either; missing, not zero
    expect((await rep.client.get(`/api/forecast?period=${month.key}`)).json<{ neutral: { amount: unknown; spread: unknown } }>().neutral).toMatchObject({ amount: null, spread: null });
  });

  it('a deal edited between two views shows in the second with its new amount (deal history kept between requests is read again)', async () => {
    const tenant = await makeTenant(server, '缓存测试');
    const rep = await tenant.user('rep', { name: '赵磊' });
    const [id] = await insertDeals(server, tenant.tenantId, [{ ownerId: rep.id, amount: 100_000, category: 'commit', expectedClose: inMonth }]);
    const commit = async () => (await tenant.admin.client.get(`/api/forecast?period=${month.key}`)).json<{ company: Node }>().company.categories.commit;
    expect(await commit()).toBe('100000.00');
    const edit = await rep.client.patch(`/api/opportunities/${id}`, { amount: '160000.00' });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await commit()).toBe('160000.00');
  });
});

