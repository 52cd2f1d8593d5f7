import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { newId } from '../../platform/ids.ts';
import { createRecord } from '../pipeline/fixtures.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  other = await makeTenant(server, '华南制造');
});
afterAll(() => server?.stop());

const names = async (tenant: TestTenant, query: string) => {
  const res = await tenant.admin.client.get(`/api/leads?${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items.map((l: { name: string }) => l.name);
};

describe('leads', () => {
  it('creates, reads, updates and deletes a lead', async () => {
    const lead = await createRecord(acme.admin.client, '/api/leads', { name: '陈经理', company: '苏州精工机械 ⚙️', phone: '0512-6666 8888', email: 'chen@jinggong.cn', source: '展会', industry: '制造' });
    expect(lead).toMatchObject({ status: 'new', ownerId: acme.admin.id, convertedAt: null, convertedOpportunityId: null });
    const patched = (await acme.admin.client.patch(`/api/leads/${lead.id}`, { status: 'working', title: '采购经理' })).json();
    expect(patched).toMatchObject({ status: 'working', title: '采购经理', company: '苏州精工机械 ⚙️' });
    expect((await acme.admin.client.delete(`/api/leads/${lead.id}`)).statusCode).toBe(204);
    expect((await acme.admin.client.get(`/api/leads/${lead.id}`)).statusCode).toBe(404);
  });

  it('filters by status, owner, source, and searches person and company names', async () => {
    const tenant = await makeTenant(server, '线索筛选');
    const rep = await tenant.user('rep');
    await createRecord(tenant.admin.client, '/api/leads', { name: '赵先生', company: '宁波港务', source: '官网' });
    await createRecord(tenant.admin.client, '/api/leads', { name: '钱女士', company: '温州电器', source: '展会', status: 'working' });
    await createRecord(tenant.admin.client, '/api/leads', { name: '孙工', company: '宁波模具', source: '展会', ownerId: rep.id });
    expect(await names(tenant, 'status=working')).toEqual(['钱女士']);
    expect(new Set(await names(tenant, 'source=展会'))).toEqual(new Set(['钱女士', '孙工']));
    expect(await names(tenant, `ownerId=${rep.id}`)).toEqual(['孙工']);
    expect(new Set(await names(tenant, `q=${encodeURIComponent('宁波')}`))).toEqual(new Set(['赵先生', '孙工']));
    expect(await names(tenant, `q=${encodeURIComponent('钱')}`)).toEqual(['钱女士']);
    expect(await names(tenant, `q=${encodeURIComponent("%' or 1=1 --")}`)).toEqual([]);
    expect((await tenant.admin.client.get('/api/leads?status=hot')).statusCode).toBe(400);
  });

  it('refuses bad input and writes nothing; converted is not a status one can set', async () => {
    const tenant = await makeTenant(server, '空白租户');
    const cases: Array<Record<string, unknown>> = [
      {},
      { name: '只有人名' },
      { company: '只有公司' },
      { name: 'x', company: 'y', status: 'converted' },
      { name: 'x', company: 'y', email: 'nope' },
      { name: 'x', company: 'y', budget: 100 },
      { name: ['x'], company: 'y' },
      { name: 'x', company: 'y'.repeat(201) },
      { name: 'x', company: 'y', ownerId: 'me' },
    ];
    for (const body of cases) expect((await tenant.admin.client.post('/api/leads', body)).statusCode, JSON.stringify(body)).toBe(400);
    expect((await tenant.admin.client.post('/api/leads', { name: 'x', company: 'y', ownerId: newId() })).statusCode).toBe(422);
    expect(await names(tenant, '')).toEqual([]);
  });

  it("a rep sees only their own leads and no tenant sees another's", async () => {
    const repA = await acme.user('rep');
    const repB = await acme.user('rep');
    const mine = await createRecord(repA.client, '/api/leads', { name: '甲的线索', company: '甲公司' });
    await createRecord(repB.client, '/api/leads', { name: '乙的线索', company: '乙公司' });
    expect((await repA.client.get('/api/leads')).json().items.map((l: { id: string }) => l.id)).toEqual([mine.id]);
    expect((await repB.client.get(`/api/leads/${mine.id}`)).statusCode).toBe(404);
    expect((await repA.client.delete(`/api/leads/${mine.id}`)).statusCode).toBe(403);
    expect((await other.admin.client.get(`/api/leads/${mine.id}`)).statusCode).toBe(404);
    expect((await other.admin.client.patch(`/api/leads/${mine.id}`, { status: 'disqualified' })).statusCode).toBe(404);
  });
});
