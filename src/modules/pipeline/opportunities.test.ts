import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount, createDeal } from './fixtures.ts';
import { stageKeys } from './stages.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  other = await makeTenant(server, '华南制造');
});
afterAll(() => server?.stop());

const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((o) => o.id);

describe('opportunities', () => {
  it('creates a deal and round-trips a large amount exactly', async () => {
    const accountId = await createAccount(acme.admin.client);
    const res = await acme.admin.client.post('/api/opportunities', { name: '瑞金医院 CT 采购 🏥', accountId, amount: '12345678901.23', margin: '-1200.50', expectedCloseDate: '2026-12-31' });
    expect(res.statusCode, res.body).toBe(201);
    const deal = res.json();
    expect(deal).toMatchObject({ amount: '12345678901.23', margin: '-1200.50', currency: 'CNY', stage: 'lead', forecastCategory: 'pipeline', ownerId: acme.admin.id, expectedCloseDate: '2026-12-31', closedAt: null });
    const read = (await acme.admin.client.get(`/api/opportunities/${deal.id}`)).json();
    expect(read.amount).toBe('12345678901.23');
    const patched = (await acme.admin.client.patch(`/api/opportunities/${deal.id}`, { amount: '9999999999999999.99' })).json();
    expect(patched.amount).toBe('9999999999999999.99');
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const tenant = await makeTenant(server, '空白租户');
    const accountId = await createAccount(tenant.admin.client);
    const theirAccount = await createAccount(other.admin.client);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ name: '无客户' }, 400],
      [{ accountId }, 400],
      [{ name: 42, accountId }, 400],
      [{ name: '   ', accountId }, 400],
      [{ name: 'x', accountId, colour: 'red' }, 400],
      [{ name: 'x', accountId, amount: '12.345' }, 400],
      [{ name: 'x', accountId, amount: '-5' }, 400],
      [{ name: 'x', accountId, amount: 'abc' }, 400],
      [{ name: 'x', accountId, currency: 'rmb' }, 400],
      [{ name: 'x', accountId, expectedCloseDate: '2026-13-45' }, 400],
      [{ name: 'x', accountId, forecastCategory: 'closed' }, 400],
      [{ name: 'x', accountId, stage: 'won' }, 400],
      [{ name: 'x', accountId: 'not-a-uuid' }, 400],
      [{ name: 'x', accountId: newId() }, 422],
      [{ name: 'x', accountId: theirAccount }, 422],
      [{ name: 'x', accountId, ownerId: newId() }, 422],
      [{ name: 'x'.repeat(201), accountId }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await tenant.admin.client.post('/api/opportunities', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.json().error.code).toMatch(/validation_failed|unprocessable/);
    }
    expect((await tenant.admin.client.get('/api/opportunities')).json().items).toEqual([]);
  });

  it('stores injection strings, emoji and Chinese text as plain text and finds them', async () => {
    const name = "'); delete from opportunities;-- 🚀 医疗";
    const deal = await createDeal(acme.admin.client, { name });
    const found = await acme.admin.client.get(`/api/opportunities?q=${encodeURIComponent("'); delete")}`);
    expect(ids(found)).toContain(deal.id);
    expect((await acme.admin.client.get(`/api/opportunities/${deal.id}`)).json().name).toBe(name);
  });

  it('refuses a stage in PATCH and names the stage endpoint', async () => {
    const deal = await createDeal(acme.admin.client);
    const res = await acme.admin.client.patch(`/api/opportunities/${deal.id}`, { stage: 'qualified' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('POST /api/opportunities/{id}/stage');
    expect((await acme.admin.client.get(`/api/opportunities/${deal.id}`)).json().stage).toBe('lead');
  });

  it('updates and deletes, and a rep may not delete', async () => {
    const rep = await acme.user('rep');
    const deal = await createDeal(rep.client);
    const patched = await rep.client.patch(`/api/opportunities/${deal.id}`, { name: '改名后的商机', forecastCategory: 'commit', expectedCloseDate: null });
    expect(patched.json()).toMatchObject({ name: '改名后的商机', forecastCategory: 'commit', expectedCloseDate: null });
    expect((await rep.client.delete(`/api/opportunities/${deal.id}`)).statusCode).toBe(403);
    expect((await acme.admin.client.delete(`/api/opportunities/${deal.id}`)).statusCode).toBe(204);
    expect((await acme.admin.client.get(`/api/opportunities/${deal.id}`)).statusCode).toBe(404);
  });

  it("never shows, changes or deletes another tenant's deal", async () => {
    const theirs = await createDeal(other.admin.client, { name: '别家的商机' });
    expect((await acme.admin.client.get(`/api/opportunities/${theirs.id}`)).statusCode).toBe(404);
    expect((await acme.admin.client.patch(`/api/opportunities/${theirs.id}`, { name: 'stolen' })).statusCode).toBe(404);
    expect((await acme.admin.client.delete(`/api/opportunities/${theirs.id}`)).statusCode).toBe(404);
    expect(ids(await acme.admin.client.get(`/api/opportunities?limit=200`))).not.toContain(theirs.id);
    expect((await other.admin.client.get(`/api/opportunities/${theirs.id}`)).json().name).toBe('别家的商机');
  });
});

describe('who sees which deals', () => {
  let tenant: TestTenant;
  let manager: TestUser;
  let repA: TestUser;
  let repB: TestUser;
  let outsider: TestUser;
  let executive: TestUser;
  const deals: Record<string, string> = {};

  beforeAll(async () => {
    tenant = await makeTenant(server, '可见范围');
    manager = await tenant.user('manager');
    const east = await tenant.team('华东区', { managerId: manager.id });
    const shanghai = await tenant.team('上海组', { parentId: east, managerId: manager.id });
    const south = await tenant.team('华南区');
    repA = await tenant.user('rep', { teamId: east });
    repB = await tenant.user('rep', { teamId: shanghai });
    outsider = await tenant.user('rep', { teamId: south });
    executive = await tenant.user('executive');
    for (const [who, user] of Object.entries({ repA, repB, outsider, manager })) deals[who] = (await createDeal(user.client, { name: `${who} 的商机` })).id;
  });

  it('a rep sees only their own deals', async () => {
    expect(ids(await repA.client.get('/api/opportunities'))).toEqual([deals.repA]);
    expect((await repA.client.get(`/api/opportunities/${deals.repB}`)).statusCode).toBe(404);
    expect((await repA.client.patch(`/api/opportunities/${deals.outsider}`, { name: 'mine now' })).statusCode).toBe(404);
  });

  it("a manager sees their team subtree's deals and not other teams'", async () => {
    expect(new Set(ids(await manager.client.get('/api/opportunities')))).toEqual(new Set([deals.repA, deals.repB, deals.manager]));
    expect((await manager.client.get(`/api/opportunities/${deals.outsider}`)).statusCode).toBe(404);
  });

  it('an executive sees every deal in the tenant', async () => {
    expect(new Set(ids(await executive.client.get('/api/opportunities')))).toEqual(new Set(Object.values(deals)));
  });

  it('a rep may not hand a deal to someone outside their scope', async () => {
    const res = await repA.client.post('/api/opportunities', { name: '转给别人', accountId: await createAccount(repA.client), ownerId: outsider.id });
    expect(res.statusCode).toBe(403);
  });
});

describe('margin is hidden from reps', () => {
  it('a rep never sees margin, cannot filter or sort by it, and cannot set it', async () => {
    const rep = await acme.user('rep');
    const deal = await createDeal(acme.admin.client, { ownerId: rep.id, margin: '30000.00' });
    const read = (await rep.client.get(`/api/opportunities/${deal.id}`)).json();
    expect(read).not.toHaveProperty('margin');
    const listed = (await rep.client.get('/api/opportunities')).json().items;
    expect(listed).toHaveLength(1);
    expect(listed[0]).not.toHaveProperty('margin');
    expect((await rep.client.get('/api/opportunities?marginMin=1')).statusCode).toBe(403);
    expect((await rep.client.get('/api/opportunities?sort=-margin')).statusCode).toBe(403);
    const created = await rep.client.post('/api/opportunities', { name: '带毛利', accountId: deal.accountId, margin: '1.00' });
    expect(created.statusCode).toBe(403);
    expect((await rep.client.patch(`/api/opportunities/${deal.id}`, { margin: '0.00' })).statusCode).toBe(403);
    expect((await rep.client.get('/api/opportunities')).json().items).toHaveLength(1);
    expect((await acme.admin.client.get(`/api/opportunities/${deal.id}`)).json().margin).toBe('30000.00');
  });
});

describe('filters, sorts and pages', () => {
  let tenant: TestTenant;
  let accountA: string;

  beforeAll(async () => {
    tenant = await makeTenant(server, '筛选租户');
    accountA = await createAccount(tenant.admin.client, '客户甲');
    const accountB = await createAccount(tenant.admin.client, '客户乙');
    // stages beyond the entry stages are set directly, as history would have them
    await inTenant(server.db.kysely, tenant.tenantId, (trx) =>
      trx
        .insertInto('opportunities')
        .values(
          [...stageKeys].reverse().map((stage, i) => ({
            id: newId(),
            tenant_id: tenant.tenantId,
            account_id: i % 2 ? accountA : accountB,
            name: `商机-${stage}`,
            amount_cents: String((i + 1) * 100_000),
            stage,
            expected_close_date: `2026-${String(i + 1).padStart(2, '0')}-15`,
            forecast_category: i % 3 ? 'pipeline' : 'commit',
            owner_id: tenant.admin.id,
            stage_changed_at: new Date(),
            updated_at: new Date(),
          })),
        )
        .execute(),
    );
  });

  const names = async (query: string) => {
    const res = await tenant.admin.client.get(`/api/opportunities?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items.map((o: { name: string }) => o.name);
  };

  it('sorts by stage in pipeline order, both ways', async () => {
    expect(await names('sort=stage')).toEqual(stageKeys.map((s) => `商机-${s}`));
    expect(await names('sort=-stage')).toEqual([...stageKeys].reverse().map((s) => `商机-${s}`));
  });

  it('filters by a comma list of stages, close dates, amounts, account and forecast category', async () => {
    expect(new Set(await names('stage=won,lost'))).toEqual(new Set(['商机-won', '商机-lost']));
    expect(await names('closeFrom=2026-02-01&closeTo=2026-03-31&sort=expectedCloseDate')).toEqual(['商机-won', '商机-negotiation']);
    expect(await names('amountMin=2000&amountMax=3000.00&sort=amount')).toEqual(['商机-won', '商机-negotiation']);
    expect((await names(`accountId=${accountA}`)).length).toBe(3);
    expect(new Set(await names('forecastCategory=commit'))).toEqual(new Set(['商机-lost', '商机-quoted', '商机-lead']));
  });

  it('refuses unknown stages, malformed amounts and unknown sorts', async () => {
    for (const q of ['stage=won,closed', 'amountMin=1.234', 'closeFrom=yesterday', 'sort=colour', 'colour=red', 'limit=201']) {
      expect((await tenant.admin.client.get(`/api/opportunities?${q}`)).statusCode, q).toBe(400);
    }
  });

  it('pages by amount with cursors, without duplicates or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await tenant.admin.client.get(`/api/opportunities?limit=2&sort=-amount${cursor ? `&cursor=${cursor}` : ''}`);
      const page = res.json<{ items: Array<{ name: string }>; nextCursor: string | null }>();
      seen.push(...page.items.map((o) => o.name));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(stageKeys.map((s) => `商机-${s}`));
  });
});
