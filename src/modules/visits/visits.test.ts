// Field visits through the API: check-in/out, bad input that writes nothing, flags to the manager
// with evidence, answer and outcome, scope, tenant isolation, thresholds, the nightly rules, the heat map.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { systemActor } from '../../platform/events/dispatcher.ts';
import { analyzeVisits } from './analyze-visits.ts';

const HOSPITAL = { lat: 31.230416, lng: 121.473701 };
let server: TestServer;
let t: TestTenant;
let manager: TestUser;
let rep: TestUser;
let otherRep: TestUser;
let hospitalId: string;

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
const account = async (user: TestUser, body: Record<string, unknown>) => {
  const res = await user.client.post('/api/accounts', { name: '华东医院', ...body });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
};
const visitCount = async (tenantId: string) => (await sql<{ n: number }>`select count(*)::int as n from visits where tenant_id = ${tenantId}`.execute(server.db.kysely)).rows[0].n;

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '拜访测试');
  manager = await t.user('manager');
  const team = await t.team('华东一组', { managerId: manager.id });
  rep = await t.user('rep', { teamId: team, name: '周明' });
  otherRep = await t.user('rep', { teamId: await t.team('华南组') });
  hospitalId = await account(t.admin, HOSPITAL);
});
afterAll(() => server?.stop());

describe('check-in and check-out', () => {
  it('a visit is a check-in plus its check-out, with a missing accuracy and address reported as unknown', async () => {
    const checkin = await rep.client.post('/api/checkins', { kind: 'in', accountId: hospitalId, lat: 31.230511, lng: 121.473822, at: ago(50) });
    expect(checkin.statusCode).toBe(201);
    const visit = checkin.json().visit;
    expect(visit).toMatchObject({ status: 'open', checkout: null, checkin: { accuracyM: null, address: null } });
    expect(visit.unknown).toEqual(['checkin.accuracy', 'checkin.address']);
    expect(visit.distanceFromAccountM).toBeLessThan(20);

    const out = await rep.client.post('/api/checkins', { kind: 'out', accountId: hospitalId, lat: 31.230498, lng: 121.473811, accuracy: 12.5, address: '上海市黄浦区瑞金二路197号 🏥', at: ago(5), visitId: visit.id });
    expect(out.statusCode).toBe(200);
    expect(out.json().visit).toMatchObject({ id: visit.id, status: 'closed', durationMinutes: 45, checkout: { accuracyM: 12.5, address: '上海市黄浦区瑞金二路197号 🏥' } });
    expect(out.json().flagsRaised).toBe(0);
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const before = await visitCount(t.tenantId);
    const base = { kind: 'in', accountId: hospitalId, lat: 31.23, lng: 121.47, at: ago(1) };
    const bad: Array<[Record<string, unknown>, number]> = [
      [{ ...base, lat: 91 }, 400],
      [{ ...base, lng: -180.5 }, 400],
      [{ ...base, lat: '31.2' }, 400],
      [{ ...base, accuracy: -3 }, 400],
      [{ ...base, at: new Date(Date.now() + 3_600_000).toISOString() }, 400],
      [{ ...base, at: 'yesterday' }, 400],
      [{ ...base, accountId: "'; drop table visits; --" }, 400],
      [{ ...base, visitId: hospitalId }, 400],
      [{ ...base, extra: 1 }, 400],
      [{ ...base, address: '址'.repeat(501) }, 400],
      [{}, 400],
      [{ ...base, accountId: '01890000-0000-7000-8000-000000000000' }, 404],
      [{ ...base, kind: 'out' }, 422],
    ];
    for (const [body, status] of bad) {
      const res = await rep.client.post('/api/checkins', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toBeTruthy();
    }
    expect(await visitCount(t.tenantId)).toBe(before);
  });

  it('refuses a check-out before its check-in, and a second check-in while a visit is open', async () => {
    const open = (await rep.client.post('/api/checkins', { kind: 'in', accountId: hospitalId, lat: 31.23041, lng: 121.47371, accuracy: 9, at: ago(30) })).json().visit;
    const early = await rep.client.post('/api/checkins', { kind: 'out', accountId: hospitalId, lat: 31.23041, lng: 121.47371, at: ago(40) });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details).toMatchObject({ checkinAt: open.checkin.at });
    expect((await rep.client.post('/api/checkins', { kind: 'in', accountId: hospitalId, lat: 31.23, lng: 121.47, at: ago(1) })).statusCode).toBe(409);
    expect((await otherRep.client.post('/api/checkins', { kind: 'out', accountId: hospitalId, lat: 31.23, lng: 121.47, at: ago(1), visitId: open.id })).statusCode).toBe(404);
    const out = await rep.client.post('/api/checkins', { kind: 'out', accountId: hospitalId, lat: 31.230421, lng: 121.473716, accuracy: 11, at: ago(2) });
    expect(out.statusCode).toBe(200);
    expect((await rep.client.post('/api/checkins', { kind: 'out', accountId: hospitalId, lat: 31.23, lng: 121.47, at: ago(1), visitId: open.id })).statusCode).toBe(422);
  });

  it('lists visits in scope with filters and cursor pages; another tenant sees none of them', async () => {
    const mine = await rep.client.get(`/api/visits?accountId=${hospitalId}&limit=1`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items).toHaveLength(1);
    const next = await rep.client.get(`/api/visits?accountId=${hospitalId}&limit=1&cursor=${mine.json().nextCursor}`);
    expect(next.json().items[0].id).not.toBe(mine.json().items[0].id);
    expect((await otherRep.client.get('/api/visits')).json().items).toEqual([]);
    expect((await manager.client.get(`/api/visits?ownerId=${rep.id}`)).json().items.length).toBeGreaterThanOrEqual(2);
    expect((await rep.client.get('/api/visits?from=2026-12-01&to=2026-11-01')).statusCode).toBe(400);

    const stranger = await makeTenant(server, '别家公司');
    expect((await stranger.admin.client.get('/api/visits')).json().items).toEqual([]);
    const theirs = await stranger.admin.client.post('/api/checkins', { kind: 'in', accountId: hospitalId, lat: 31.23, lng: 121.47, at: ago(1) });
    expect(theirs.statusCode).toBe(404);
  });
});

describe('fake-visit flags', () => {
  it('a check-in 3 km from the account goes to the manager with its evidence; the rep answers, the manager decides', async () => {
    const clinic = await account(t.admin, { name: '静安诊所', lat: 31.2253, lng: 121.4462 });
    const res = await rep.client.post('/api/checkins', { kind: 'in', accountId: clinic, lat: 31.2523, lng: 121.4462, accuracy: 15, at: ago(3) });
    expect(res.json().flagsRaised).toBe(1);
    await rep.client.post('/api/checkins', { kind: 'out', accountId: clinic, lat: 31.252311, lng: 121.446213, accuracy: 14, at: ago(1) });

    const flags = (await manager.client.get(`/api/visits/flags?rule=far_from_account&ownerId=${rep.id}`)).json().items;
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ status: 'open', visitId: res.json().visit.id, evidence: { thresholdM: 1000, checkin: { accuracyM: 15 } } });
    expect(flags[0].evidence.distanceM).toBeGreaterThan(2900);

    const alerts = (await manager.client.get('/api/alerts?kind=visit.fake_suspected')).json().items;
    const flagged = alerts.find((a: { entityId: string }) => a.entityId === flags[0].id);
    expect(flagged?.evidence).toMatchObject({ rule: 'far_from_account', ownerId: rep.id });
    // worded in the manager's language from its key and facts; the stored title stays Chinese
    expect(flagged.title).toBe('疑似虚假拜访：签到位置远离客户地址');
    expect(flagged.message).toEqual({ key: 'visit.fake_suspected', params: { rule: 'far_from_account', repName: '周明', accountName: '静安诊所', checkinAt: res.json().visit.checkin.at } });

    expect((await rep.client.get('/api/visits/flags')).json().items.map((f: { id: string }) => f.id)).toContain(flags[0].id);
    expect((await otherRep.client.get('/api/visits/flags')).json().items).toEqual([]);
    expect((await otherRep.client.post(`/api/visits/flags/${flags[0].id}/answer`, { text: '不是我' })).statusCode).toBe(404);
    expect((await rep.client.post(`/api/visits/flags/${flags[0].id}/answer`, { text: '   ' })).statusCode).toBe(400);
    expect((await rep.client.post(`/api/visits/flags/${flags[0].id}/outcome`, { outcome: 'dismissed', note: '自己判' })).statusCode).toBe(403);

    const answered = await rep.client.post(`/api/visits/flags/${flags[0].id}/answer`, { text: '客户临时改到分院见面 📍' });
    expect(answered.json()).toMatchObject({ status: 'answered', answer: '客户临时改到分院见面 📍' });
    const answerAlert = (await manager.client.get('/api/alerts?kind=visit.flag_answered')).json().items.find((a: { entityId: string }) => a.entityId === flags[0].id);
    expect(answerAlert).toMatchObject({ title: '销售已回复拜访异常', body: '客户临时改到分院见面 📍' });
    expect(answerAlert.message).toEqual({ key: 'visit.flag_answered', params: { rule: 'far_from_account', repName: '周明', accountName: '静安诊所', checkinAt: res.json().visit.checkin.at, answer: '客户临时改到分院见面 📍' } });
    expect((await manager.client.post(`/api/visits/flags/${flags[0].id}/outcome`, { outcome: 'maybe', note: 'x' })).statusCode).toBe(400);
    const decided = await manager.client.post(`/api/visits/flags/${flags[0].id}/outcome`, { outcome: 'accepted', note: '已电话核实' });
    expect(decided.json()).toMatchObject({ status: 'closed', outcome: 'accepted', outcomeBy: manager.id });

    const events = await sql<{ type: string }>`select type from events where tenant_id = ${t.tenantId} and entity_id = ${flags[0].id} order by created_at`.execute(server.db.kysely);
    expect(events.rows.map((e) => e.type)).toEqual(['visit_flag.raised', 'visit_flag.answered', 'visit_flag.decided']);
  });

  it('an account without a location leaves the distance unknown and raises no far flag', async () => {
    const noLocation = await account(t.admin, { name: '无地址客户' });
    const res = await rep.client.post('/api/checkins', { kind: 'in', accountId: noLocation, lat: 22.5431, lng: 114.0579, accuracy: 30, at: ago(1) });
    expect(res.json().visit).toMatchObject({ distanceFromAccountM: null, accountLocation: null });
    expect(res.json().visit.unknown).toContain('distanceFromAccount');
    const flags = (await rep.client.get(`/api/visits/flags?visitId=${res.json().visit.id}`)).json().items;
    expect(flags.map((f: { rule: string }) => f.rule)).not.toContain('far_from_account');
    await rep.client.post('/api/checkins', { kind: 'out', accountId: noLocation, lat: 22.543112, lng: 114.057921, accuracy: 25, at: ago(0) });
  });

  it('the nightly run flags three 5-hour days at one place with no touch, but not a workshop with a touch logged', async () => {
    const workshopRep = await t.user('rep', { teamId: (await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('users').select('team_id').where('id', '=', rep.id).executeTakeFirstOrThrow())).team_id ?? undefined });
    const lazyRep = await t.user('rep', { teamId: (await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('users').select('team_id').where('id', '=', rep.id).executeTakeFirstOrThrow())).team_id ?? undefined });
    for (const [who, touch] of [[workshopRep, true], [lazyRep, false]] as const) {
      for (let day = 5; day >= 3; day--) {
        const start = Date.now() - day * 86_400_000;
        await who.client.post('/api/checkins', { kind: 'in', accountId: hospitalId, lat: 31.230401 + day * 1e-6, lng: 121.473712, accuracy: 10 + day, at: new Date(start).toISOString() });
        await who.client.post('/api/checkins', { kind: 'out', accountId: hospitalId, lat: 31.230433, lng: 121.473698 + day * 1e-6, accuracy: 20 + day, at: new Date(start + 5 * 3_600_000).toISOString() });
        if (touch && day === 4) expect((await who.client.post('/api/activities', { type: 'meeting', occurredAt: new Date(start + 3_600_000).toISOString(), subject: '三天技术培训 第二天', accountId: hospitalId, mood: 'positive' })).statusCode).toBe(201);
      }
    }
    const run = () => inTenant(server.db.kysely, t.tenantId, (trx) => analyzeVisits(trx, systemActor(t.tenantId), { from: new Date(Date.now() - 10 * 86_400_000), to: new Date(), ruleSet: 'all' }));
    await run();
    expect((await run()).flagsRaised).toBe(0); // a re-run repeats nothing
    const longStays = (await manager.client.get('/api/visits/flags?rule=long_stay')).json().items;
    expect(longStays.map((f: { ownerId: string }) => f.ownerId)).toEqual([lazyRep.id]);
    expect(longStays[0].evidence.days).toHaveLength(3);
    expect(longStays[0].evidence.touchesLogged).toBe(0);
  });
});

describe('thresholds per tenant', () => {
  it('admins read and change them; others may not; bad values are refused', async () => {
    expect((await t.admin.client.get('/api/visits/settings')).json()).toMatchObject({ farFromAccountM: 1000, maxSpeedKmh: 150, longStayHours: 4, longStayDays: 3 });
    expect((await manager.client.get('/api/visits/settings')).statusCode).toBe(403);
    expect((await rep.client.raw({ method: 'PUT', url: '/api/visits/settings', payload: JSON.stringify({ farFromAccountM: 5000 }), headers: { 'content-type': 'application/json' } })).statusCode).toBe(403);
    const put = (body: unknown) => t.admin.client.raw({ method: 'PUT', url: '/api/visits/settings', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await put({ farFromAccountM: -1 })).statusCode).toBe(400);
    expect((await put({ unknownKnob: 1 })).statusCode).toBe(400);
    const ok = await put({ farFromAccountM: 5000 });
    expect(ok.json()).toMatchObject({ farFromAccountM: 5000, maxSpeedKmh: 150 });
    const clinic = await account(t.admin, { name: '远郊诊所', lat: 31.1, lng: 121.3 });
    const freshRep = await t.user('rep');
    const res = await freshRep.client.post('/api/checkins', { kind: 'in', accountId: clinic, lat: 31.127, lng: 121.3, accuracy: 10, at: ago(0) });
    expect(res.json().flagsRaised).toBe(0); // 3 km is inside the tenant's 5 km
    await freshRep.client.post('/api/checkins', { kind: 'out', accountId: clinic, lat: 31.127012, lng: 121.300011, accuracy: 13, at: ago(0) });
    expect((await put({ farFromAccountM: 1000 })).statusCode).toBe(200);
  });
});

describe('heat map', () => {
  it('counts visits per grid cell and per rep, in scope, from SQL aggregation', async () => {
    const res = await manager.client.get('/api/visits/heatmap?precision=2');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.cellDegrees).toBe(0.01);
    const hospitalCell = body.cells.find((c: { lat: number; lng: number }) => c.lat === 31.23 && c.lng === 121.47);
    expect(hospitalCell.visits).toBeGreaterThanOrEqual(2);
    expect(body.byRep.find((r: { ownerId: string }) => r.ownerId === rep.id).visits).toBeGreaterThanOrEqual(2);
    expect(body.byRep.map((r: { ownerId: string }) => r.ownerId)).not.toContain(otherRep.id);
    expect((await otherRep.client.get(`/api/visits/heatmap?ownerId=${rep.id}`)).json().cells).toEqual([]);
    expect((await rep.client.get('/api/visits/heatmap?precision=9')).statusCode).toBe(400);
    expect((await rep.client.get('/api/visits/heatmap?from=2026-13-01')).statusCode).toBe(400);
  });
});
