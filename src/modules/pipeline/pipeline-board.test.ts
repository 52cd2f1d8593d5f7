import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { createDeal, createRecord } from './fixtures.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let east: string;
let eastSales: string;
let south: string;
let eastRep: TestUser;
let eastSalesRep: TestUser;
let southRep: TestUser;
let manager: TestUser;
let accounts: { shanghai: string; guangzhou: string };

type Column = { stage: string; count: number; amount: string | null; items: Array<{ id: string; name: string; accountName: string }>; nextCursor: string | null };
const board = async (user: TestUser, query = '') => {
  const res = await user.client.get(`/api/pipeline/board${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return new Map((res.json().stages as Column[]).map((c) => [c.stage, c]));
};
const ids = (res: { json(): { items: Array<{ id: string }> } }) => res.json().items.map((o) => o.id).sort();

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  other = await makeTenant(server, '华南制造');
  east = await acme.team('华东大区');
  eastSales = await acme.team('上海销售组', { parentId: east });
  south = await acme.team('华南大区');
  eastRep = await acme.user('rep', { teamId: east, name: '王磊' });
  eastSalesRep = await acme.user('rep', { teamId: eastSales, name: '李娜' });
  southRep = await acme.user('rep', { teamId: south, name: '陈晨' });
  manager = await acme.user('manager', { teamId: east, name: '赵经理' });
  accounts = {
    shanghai: (await createRecord(acme.admin.client, '/api/accounts', { name: '上海瑞金医院', region: '华东' })).id,
    guangzhou: (await createRecord(acme.admin.client, '/api/accounts', { name: '广州中山医院', region: '华南' })).id,
  };
  await createDeal(acme.admin.client, { name: '瑞金 CT', accountId: accounts.shanghai, amount: '100.10', ownerId: eastRep.id, expectedCloseDate: '2026-12-01' });
  await createDeal(acme.admin.client, { name: '瑞金 MR', accountId: accounts.shanghai, amount: '200.20', ownerId: eastSalesRep.id, expectedCloseDate: '2026-12-02' });
  await createDeal(acme.admin.client, { name: '瑞金 超声', accountId: accounts.shanghai, amount: '300.30', ownerId: eastSalesRep.id, stage: 'qualified', expectedCloseDate: '2026-12-03' });
  await createDeal(acme.admin.client, { name: '中山 DR', accountId: accounts.guangzhou, amount: '9999999999999.99', ownerId: southRep.id, expectedCloseDate: '2027-01-15' });
  await createDeal(other.admin.client, { name: '别家的商机', amount: '5.00' });
});
afterAll(() => server?.stop());

describe('pipeline board', () => {
  it('gives every stage its count, exact amount sum and first page, continued by the list with the same cursor', async () => {
    const cols = await board(acme.admin, '?perStage=1');
    expect([...cols.keys()]).toEqual(['lead', 'qualified', 'solution', 'quoted', 'negotiation', 'won', 'lost']);
    expect(cols.get('lead')).toMatchObject({ count: 3, amount: '10000000000300.29' });
    expect(cols.get('lead')?.items.map((d) => d.name)).toEqual(['瑞金 CT']);
    expect(cols.get('lead')?.items[0].accountName).toBe('上海瑞金医院');
    expect(cols.get('qualified')).toMatchObject({ count: 1, amount: '300.30', nextCursor: null });
    expect(cols.get('won')).toMatchObject({ count: 0, amount: '0.00', items: [], nextCursor: null });
    const rest = await acme.admin.client.get(`/api/opportunities?stage=lead&sort=expectedCloseDate&limit=200&cursor=${cols.get('lead')?.nextCursor}`);
    expect(rest.statusCode, rest.body).toBe(200);
    expect(rest.json().items.map((d: { name: string }) => d.name)).toEqual(['瑞金 MR', '中山 DR']);
  });

  it('filters by team (with the teams below it), region, owner and close dates on the server', async () => {
    const byTeam = await board(acme.admin, `?teamId=${east}`);
    expect(byTeam.get('lead')).toMatchObject({ count: 2, amount: '300.30' });
    expect(byTeam.get('qualified')?.count).toBe(1);
    expect((await board(acme.admin, `?teamId=${eastSales}`)).get('lead')?.items.map((d) => d.name)).toEqual(['瑞金 MR']);
    const byRegion = await board(acme.admin, `?region=${encodeURIComponent('华南')}`);
    expect(byRegion.get('lead')?.items.map((d) => d.name)).toEqual(['中山 DR']);
    expect(byRegion.get('qualified')?.count).toBe(0);
    expect((await board(acme.admin, `?ownerId=${eastRep.id}&closeFrom=2026-12-01&closeTo=2026-12-31`)).get('lead')?.count).toBe(1);
    expect((await board(acme.admin, '?closeFrom=2027-01-01')).get('lead')?.items.map((d) => d.name)).toEqual(['中山 DR']);

    const listed = await acme.admin.client.get(`/api/opportunities?teamId=${east}&region=${encodeURIComponent('华东')}`);
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json().items).toHaveLength(3);
    expect(ids(await acme.admin.client.get(`/api/opportunities?teamId=${south}`))).toHaveLength(1);
  });

  it('stays inside the data scope: a rep sees their own deals, a manager their team subtree, nobody another tenant', async () => {
    const repBoard = await board(eastSalesRep);
    expect(repBoard.get('lead')?.items.map((d) => d.name)).toEqual(['瑞金 MR']);
    expect(repBoard.get('lead')).toMatchObject({ count: 1, amount: '200.20' });
    // a rep filtering on another team still sees only their own
    expect((await board(southRep, `?teamId=${east}`)).get('lead')?.count).toBe(0);
    const managerBoard = await board(manager);
    expect(managerBoard.get('lead')?.count).toBe(2);
    expect(managerBoard.get('qualified')?.count).toBe(1);
    const outsider = await board(other.admin, `?teamId=${east}`);
    expect(outsider.get('lead')?.count).toBe(0);
    expect((await board(other.admin)).get('lead')).toMatchObject({ count: 1, amount: '5.00' });
  });

  it('hides sums and close dates from a role the field policies hide them from, and its columns still continue', async () => {
    const tenant = await makeTenant(server, '字段隐藏租户');
    const rep = await tenant.user('rep');
    for (const field of ['amount', 'expectedCloseDate']) {
      const res = await tenant.admin.client.raw({ method: 'PUT', url: '/api/field-policies', payload: JSON.stringify({ entity: 'opportunities', field, hiddenFor: ['rep'] }), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, res.body).toBe(200);
    }
    await createDeal(tenant.admin.client, { name: '甲', ownerId: rep.id });
    await createDeal(tenant.admin.client, { name: '乙', ownerId: rep.id });
    const res = await rep.client.get('/api/pipeline/board?perStage=1');
    expect(res.statusCode, res.body).toBe(200);
    const lead = res.json().stages[0];
    expect(res.json().sort).toBe('-createdAt');
    expect(lead).toMatchObject({ stage: 'lead', count: 2, amount: null });
    expect(lead.items[0]).not.toHaveProperty('amount');
    expect(lead.items[0]).not.toHaveProperty('expectedCloseDate');
    const rest = await rep.client.get(`/api/opportunities?stage=lead&sort=-createdAt&limit=5&cursor=${lead.nextCursor}`);
    expect(rest.json().items.map((d: { name: string }) => d.name)).toEqual(['甲']);
    expect((await tenant.admin.client.get('/api/pipeline/board')).json().stages[0].amount).toBe('1760000.00');
  });

  it('refuses unknown filters and bad values with a 400', async () => {
    for (const query of ['?perStage=0', '?perStage=500', '?teamId=nope', '?closeFrom=2026-02-31x', '?colour=red', `?region=${'x'.repeat(61)}`]) {
      const res = await acme.admin.client.get(`/api/pipeline/board${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect((await acme.admin.client.get('/api/opportunities?teamId=nope')).statusCode).toBe(400);
  });
});
