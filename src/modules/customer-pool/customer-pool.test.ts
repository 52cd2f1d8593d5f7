// The customer pool (公海): admins set the rules; reps claim within their limit and outside
// their cooldown, exactly one wins a race; owners release; managers assign within their team;
// idle accounts are recycled daily unless protected; every move is evented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { claimAccount } from './claim-account.ts';
import { recycleIdleAccounts } from './recycle-accounts.ts';
import type { PoolSettings } from './pool-settings.ts';

let server: TestServer;
let t: TestTenant;
beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '公海租户');
});
afterAll(() => server?.stop());

const DAY = 24 * 3600_000;
const rules: PoolSettings = { recycleAfterDays: 30, recycleAfterDaysBySize: {}, claimLimit: 50, protectionDays: 7, reclaimCooldownDays: 30 };
const setRules = async (tenant: TestTenant, changes: Partial<PoolSettings> = {}) => {
  const res = await tenant.admin.client.raw({ method: 'PUT', url: '/api/customer-pool/settings', payload: JSON.stringify({ ...rules, ...changes }), headers: { 'content-type': 'application/json' } });
  expect(res.statusCode, res.body).toBe(200);
};
const poolAccount = async (tenant: TestTenant, name: string, extra: Record<string, unknown> = {}): Promise<string> => {
  const res = await tenant.admin.client.post('/api/accounts', { name, ownerId: null, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
};
const ownerOf = (tenantId: string, accountId: string) =>
  inTenant(server.db.kysely, tenantId, async (trx) => (await trx.selectFrom('accounts').select('owner_id').where('id', '=', accountId).executeTakeFirstOrThrow()).owner_id);
const eventsOf = (tenantId: string, accountId: string) =>
  inTenant(server.db.kysely, tenantId, async (trx) => (await trx.selectFrom('events').select('type').where('entity_id', '=', accountId).where('type', 'like', 'pool.%').orderBy('created_at').execute()).map((e) => e.type));
const claim = (u: TestUser, accountId: string) => u.client.post(`/api/customer-pool/${accountId}/claim`);
const poolNames = async (u: TestUser) => (await u.client.get('/api/customer-pool?limit=200')).json().items.map((a: { name: string }) => a.name);

describe('pool rules', () => {
  it('only admins read and change them; bad rules are refused and nothing is written', async () => {
    const tenant = await makeTenant(server, '规则租户');
    const rep = await tenant.user('rep');
    expect((await rep.client.get('/api/customer-pool/settings')).statusCode).toBe(403);
    expect((await tenant.admin.client.get('/api/customer-pool/settings')).json()).toMatchObject({ recycleAfterDays: null, claimLimit: 50, isDefault: true });
    const put = (u: TestUser, body: unknown) => u.client.raw({ method: 'PUT', url: '/api/customer-pool/settings', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    for (const bad of [
      { ...rules, recycleAfterDays: 0 },
      { ...rules, recycleAfterDays: -5 },
      { ...rules, recycleAfterDays: '30' },
      { ...rules, recycleAfterDays: 1e9 },
      { ...rules, recycleAfterDaysBySize: { huge: 10 } },
      { ...rules, claimLimit: 2.5 },
      { ...rules, protectionDays: null },
      { ...rules, extra: "'; drop table accounts; --" },
      {},
    ]) {
      const res = await put(tenant.admin, bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await put(rep, rules)).statusCode).toBe(403);
    expect((await tenant.admin.client.get('/api/customer-pool/settings')).json().isDefault).toBe(true);
    await setRules(tenant, { recycleAfterDaysBySize: { enterprise: 180 }, claimLimit: null });
    expect((await tenant.admin.client.get('/api/customer-pool/settings')).json()).toMatchObject({ recycleAfterDays: 30, recycleAfterDaysBySize: { enterprise: 180 }, claimLimit: null, isDefault: false });
    expect((await t.admin.client.get('/api/customer-pool/settings')).json().isDefault).toBe(true);
  });
});

describe('claiming', () => {
  it('a rep claims a pool account: it becomes theirs, leaves the pool and is evented; bad ids and other tenants get 4xx', async () => {
    const rep = await t.user('rep');
    const other = await t.user('rep');
    const id = await poolAccount(t, '瑞金医院 🏥');
    expect(await poolNames(rep)).toContain('瑞金医院 🏥');
    const res = await claim(rep, id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ accountId: id, ownerId: rep.id, via: 'claimed' });
    expect(await ownerOf(t.tenantId, id)).toBe(rep.id);
    expect((await rep.client.get(`/api/accounts/${id}`)).statusCode).toBe(200);
    expect(await poolNames(rep)).not.toContain('瑞金医院 🏥');
    expect(await eventsOf(t.tenantId, id)).toEqual(['pool.claimed']);

    expect((await claim(rep, id)).json().error.details.reason).toBe('already_held');
    const taken = await claim(other, id);
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.details.reason).toBe('not_in_pool');
    expect((await claim(rep, '0191d1a2-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect((await claim(rep, 'not-an-id')).statusCode).toBe(400);
    const stranger = await makeTenant(server, '别的租户');
    const theirs = await poolAccount(stranger, '别家的客户');
    expect((await claim(rep, theirs)).statusCode).toBe(404);
    expect(await poolNames(rep)).not.toContain('别家的客户');
    expect(await ownerOf(stranger.tenantId, theirs)).toBeNull();
  });

  it('two reps claiming the same account at once: exactly one wins', async () => {
    const [a, b] = await Promise.all([t.user('rep'), t.user('rep')]);
    for (let round = 0; round < 5; round++) {
      const id = await poolAccount(t, `抢单客户 ${round}`);
      const results = await Promise.all([claim(a, id), claim(b, id)]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      const winner = results[0].statusCode === 200 ? a : b;
      expect(await ownerOf(t.tenantId, id)).toBe(winner.id);
      expect(await eventsOf(t.tenantId, id)).toEqual(['pool.claimed']);
    }
  });

  it('the claim limit counts the claimed accounts a person holds; releasing one frees a place', async () => {
    const tenant = await makeTenant(server, '上限租户');
    await setRules(tenant, { claimLimit: 2 });
    const rep = await tenant.user('rep');
    const ids = [await poolAccount(tenant, 'A'), await poolAccount(tenant, 'B'), await poolAccount(tenant, 'C')];
    expect((await claim(rep, ids[0])).statusCode).toBe(200);
    expect((await claim(rep, ids[1])).statusCode).toBe(200);
    const refused = await claim(rep, ids[2]);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error).toMatchObject({ code: 'unprocessable', details: { reason: 'claim_limit_reached', limit: 2, held: 2 } });
    expect(refused.json().error.message).toContain('Release one');
    expect(await ownerOf(tenant.tenantId, ids[2])).toBeNull();
    expect((await rep.client.post(`/api/accounts/${ids[0]}/release`, { note: '客户已转向竞品' })).statusCode).toBe(200);
    expect((await claim(rep, ids[2])).statusCode).toBe(200);
  });

  it('a person who let an account go waits out the cooldown before claiming it again; others need not', async () => {
    const tenant = await makeTenant(server, '冷却租户');
    await setRules(tenant, { reclaimCooldownDays: 30 });
    const [rep, other] = await Promise.all([tenant.user('rep'), tenant.user('rep')]);
    const id = await poolAccount(tenant, '冷却客户');
    expect((await claim(rep, id)).statusCode).toBe(200);
    expect((await rep.client.post(`/api/accounts/${id}/release`)).json()).toMatchObject({ ownerId: null, formerOwnerId: rep.id, reason: 'released' });
    const pooled = (await rep.client.get('/api/customer-pool')).json().items.find((a: { id: string }) => a.id === id);
    expect(pooled.myCooldownUntil).not.toBeNull();
    const refused = await claim(rep, id);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toMatchObject({ reason: 'cooldown', cooldownDays: 30 });
    const later = new Date(Date.now() + 31 * DAY);
    const ctx = { tenantId: tenant.tenantId, actor: { userId: rep.id, role: 'rep' as const, teamId: null } };
    expect(await inTenant(server.db.kysely, tenant.tenantId, (trx) => claimAccount(trx, ctx, id, later))).toMatchObject({ ownerId: rep.id });
    await rep.client.post(`/api/accounts/${id}/release`);
    expect((await claim(other, id)).statusCode).toBe(200);
    expect(await eventsOf(tenant.tenantId, id)).toEqual(['pool.claimed', 'pool.released', 'pool.claimed', 'pool.released', 'pool.claimed']);
  });
});

describe('releasing and assigning', () => {
  it("a rep releases only their own account; a manager may release their team's; a pool account cannot be released", async () => {
    const team = await t.team('华南组');
    const manager = await t.user('manager', { teamId: team });
    const member = await t.user('rep', { teamId: team });
    const outsider = await t.user('rep');
    const id = (await member.client.post('/api/accounts', { name: '中山医院' })).json().id;
    expect((await outsider.client.post(`/api/accounts/${id}/release`)).statusCode).toBe(404);
    expect((await manager.client.post(`/api/accounts/${id}/release`, { note: '长期无进展' })).statusCode).toBe(200);
    expect(await ownerOf(t.tenantId, id)).toBeNull();
    expect((await member.client.post(`/api/accounts/${id}/release`)).statusCode).toBe(404);
    expect((await t.admin.client.post(`/api/accounts/${id}/release`)).json().error.details.reason).toBe('already_in_pool');
    expect((await manager.client.post(`/api/accounts/${id}/release`, { note: 'x'.repeat(501) })).statusCode).toBe(400);
  });

  it('a manager assigns a pool account to their team only; reps cannot assign', async () => {
    const team = await t.team('华北组');
    const manager = await t.user('manager', { teamId: team });
    const member = await t.user('rep', { teamId: team });
    const outsider = await t.user('rep');
    const id = await poolAccount(t, '协和医院');
    const assign = (u: TestUser, userId: unknown) => u.client.post(`/api/customer-pool/${id}/assign`, { userId });
    expect((await assign(member, member.id)).statusCode).toBe(403);
    expect((await assign(manager, outsider.id)).statusCode).toBe(403);
    expect((await assign(manager, '0191d1a2-0000-7000-8000-000000000000')).statusCode).toBe(422);
    expect((await assign(manager, 'robert"); drop table users;--')).statusCode).toBe(400);
    expect(await ownerOf(t.tenantId, id)).toBeNull();
    const res = await assign(manager, member.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ownerId: member.id, via: 'assigned' });
    expect((await assign(manager, member.id)).statusCode).toBe(409);
    expect(await eventsOf(t.tenantId, id)).toEqual(['pool.assigned']);
  });
});

describe('daily recycling', () => {
  it('returns idle accounts to the pool after the days for their size, sparing touched and protected ones', async () => {
    const tenant = await makeTenant(server, '回收租户');
    await setRules(tenant, { recycleAfterDays: 30, recycleAfterDaysBySize: { enterprise: 90 }, protectionDays: 7 });
    const rep = await tenant.user('rep');
    const make = async (name: string, size?: string) => (await rep.client.post('/api/accounts', { name, ...(size ? { size } : {}) })).json().id as string;
    const idle = await make('闲置客户');
    const touched = await make('最近拜访过的客户');
    const big = await make('大型集团', 'enterprise');
    const protectedOne = await poolAccount(tenant, '刚领取的客户');
    const now = new Date();
    await inTenant(server.db.kysely, tenant.tenantId, async (trx) => {
      await trx.updateTable('accounts').set({ created_at: new Date(now.getTime() - 60 * DAY) }).where('tenant_id', '=', tenant.tenantId).execute();
    });
    await rep.client.post('/api/activities', { type: 'visit', occurredAt: new Date(now.getTime() - 10 * DAY).toISOString(), subject: '回访', accountId: touched });
    expect((await claim(rep, protectedOne)).statusCode).toBe(200);
    await inTenant(server.db.kysely, tenant.tenantId, (trx) => trx.updateTable('pool_holdings').set({ held_since: new Date(now.getTime() - 40 * DAY) }).where('account_id', '=', protectedOne).execute());

    expect(await recycleIdleAccounts(server.db, tenant.tenantId, now)).toEqual({ recycled: 1 });
    expect(await ownerOf(tenant.tenantId, idle)).toBeNull();
    for (const kept of [touched, big, protectedOne]) expect(await ownerOf(tenant.tenantId, kept)).toBe(rep.id);
    expect(await eventsOf(tenant.tenantId, idle)).toEqual(['pool.recycled']);
    expect((await claim(rep, idle)).json().error.details.reason).toBe('cooldown');
    expect(await recycleIdleAccounts(server.db, tenant.tenantId, now)).toEqual({ recycled: 0 });

    // once the protection period is over, the claimed-but-idle account goes too
    expect(await recycleIdleAccounts(server.db, tenant.tenantId, new Date(now.getTime() + 8 * DAY))).toEqual({ recycled: 1 });
    expect(await ownerOf(tenant.tenantId, protectedOne)).toBeNull();
  });

  it('does nothing while recycling is off (the default) and never touches another tenant', async () => {
    const tenant = await makeTenant(server, '未开启回收');
    const rep = await tenant.user('rep');
    const id = (await rep.client.post('/api/accounts', { name: '老客户' })).json().id;
    await inTenant(server.db.kysely, tenant.tenantId, (trx) => trx.updateTable('accounts').set({ created_at: new Date(Date.now() - 400 * DAY) }).where('id', '=', id).execute());
    expect(await recycleIdleAccounts(server.db, tenant.tenantId)).toEqual({ recycled: 0 });
    await setRules(t, { recycleAfterDays: 1 });
    expect(await recycleIdleAccounts(server.db, t.tenantId)).toMatchObject({ recycled: expect.any(Number) });
    expect(await ownerOf(tenant.tenantId, id)).toBe(rep.id);
  });
});
