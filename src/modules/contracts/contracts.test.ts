import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount, createDeal, createRecord } from '../pipeline/fixtures.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let rep: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  other = await makeTenant(server, '华南制造');
  rep = await acme.user('rep');
});
afterAll(() => server?.stop());

const number = () => `HT-2026-${newId().slice(-8)}`;
const contract = async (body: Record<string, unknown> = {}) =>
  createRecord(acme.admin.client, '/api/contracts', { accountId: await createAccount(acme.admin.client), number: number(), amount: '12345678901.23', signedOn: '2026-11-01', ...body });

describe('contracts', () => {
  it('records a signed contract and round-trips its amount exactly', async () => {
    const deal = await createDeal(acme.admin.client);
    const c = await contract({ accountId: deal.accountId, opportunityId: deal.id, startsOn: '2026-12-01', endsOn: '2027-11-30', status: 'active' });
    expect(c).toMatchObject({ amount: '12345678901.23', currency: 'CNY', status: 'active', opportunityId: deal.id, endsOn: '2027-11-30', ownerId: acme.admin.id });
    expect((await acme.admin.client.get(`/api/contracts/${c.id}`)).json().amount).toBe('12345678901.23');
    expect((await acme.admin.client.patch(`/api/contracts/${c.id}`, { status: 'completed' })).json().status).toBe('completed');
    expect((await acme.admin.client.get(`/api/contracts?opportunityId=${deal.id}`)).json().items.map((x: { id: string }) => x.id)).toEqual([c.id]);
    expect((await acme.admin.client.delete(`/api/contracts/${c.id}`)).statusCode).toBe(204);
  });

  it('refuses bad input, duplicate numbers, foreign references and a term that ends before it starts', async () => {
    const tenant = await makeTenant(server, '合同租户');
    const accountId = await createAccount(tenant.admin.client);
    const theirs = await createAccount(other.admin.client);
    const theirDeal = await createDeal(other.admin.client);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{}, 400],
      [{ accountId, number: 'A-1' }, 400],
      [{ accountId, amount: '100' }, 400],
      [{ accountId, number: 'A-1', amount: '1.001' }, 400],
      [{ accountId, number: 'A-1', amount: '100', status: 'signed' }, 400],
      [{ accountId, number: 'A-1', amount: '100', signedOn: '01/11/2026' }, 400],
      [{ accountId, number: 'A-1', amount: '100', discount: 5 }, 400],
      [{ accountId, number: 'A-1', amount: '100', startsOn: '2027-01-01', endsOn: '2026-01-01' }, 400],
      [{ accountId: theirs, number: 'A-1', amount: '100' }, 422],
      [{ accountId: newId(), number: 'A-1', amount: '100' }, 422],
      [{ accountId, opportunityId: theirDeal.id, number: 'A-1', amount: '100' }, 422],
    ];
    for (const [body, status] of cases) expect((await tenant.admin.client.post('/api/contracts', body)).statusCode, JSON.stringify(body)).toBe(status);
    await createRecord(tenant.admin.client, '/api/contracts', { accountId, number: '合同-001', amount: '100' });
    expect((await tenant.admin.client.post('/api/contracts', { accountId, number: '合同-001', amount: '5' })).statusCode).toBe(409);
    expect((await tenant.admin.client.get('/api/contracts')).json().items).toHaveLength(1);
  });

  it("a rep sees their own contracts only and may not change or delete them; other tenants see nothing", async () => {
    const mine = await createRecord(rep.client, '/api/contracts', { accountId: await createAccount(rep.client), number: number(), amount: '5000' });
    const colleagues = await contract();
    expect((await rep.client.get('/api/contracts')).json().items.map((x: { id: string }) => x.id)).toEqual([mine.id]);
    expect((await rep.client.get(`/api/contracts/${colleagues.id}`)).statusCode).toBe(404);
    expect((await rep.client.patch(`/api/contracts/${mine.id}`, { status: 'active' })).statusCode).toBe(403);
    expect((await rep.client.delete(`/api/contracts/${mine.id}`)).statusCode).toBe(403);
    expect((await other.admin.client.get(`/api/contracts/${mine.id}`)).statusCode).toBe(404);
    expect((await other.admin.client.get(`/api/contracts/${mine.id}/payments`)).statusCode).toBe(404);
  });
});

describe('payment instalments (回款)', () => {
  it('schedules instalments up to the contract amount, records collection, and totals exactly', async () => {
    const c = await contract({ amount: '100000.00' });
    const url = `/api/contracts/${c.id}/payments`;
    const first = await acme.admin.client.post(url, { dueOn: '2026-12-15', amount: '30000.10' });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toMatchObject({ dueOn: '2026-12-15', amount: '30000.10', paidAmount: '0.00', paidOn: null });
    const second = (await acme.admin.client.post(url, { dueOn: '2027-03-15', amount: 69999.9, paidAmount: '10000', paidOn: '2027-03-10' })).json();
    expect(second).toMatchObject({ amount: '69999.90', paidAmount: '10000.00' });

    const over = await acme.admin.client.post(url, { dueOn: '2027-06-15', amount: '0.01' });
    expect(over.statusCode).toBe(422);
    expect(over.json().error).toMatchObject({ code: 'unprocessable', details: { contractAmount: '100000.00', scheduled: '100000.00', requested: '0.01', available: '0.00' } });

    const paid = await acme.admin.client.patch(`${url}/${first.json().id}`, { paidAmount: '30000.10', paidOn: '2026-12-14' });
    expect(paid.statusCode, paid.body).toBe(200);
    const list = (await acme.admin.client.get(url)).json();
    expect(list.items.map((p: { dueOn: string }) => p.dueOn)).toEqual(['2026-12-15', '2027-03-15']);
    expect(list.totals).toEqual({ contract: '100000.00', scheduled: '100000.00', paid: '40000.10', outstanding: '59999.90' });
  });

  it('refuses an instalment change or a contract amount that breaks the total, and writes nothing', async () => {
    const c = await contract({ amount: '1000.00' });
    const url = `/api/contracts/${c.id}/payments`;
    const p = (await acme.admin.client.post(url, { dueOn: '2026-12-01', amount: '600' })).json();
    await acme.admin.client.post(url, { dueOn: '2027-01-01', amount: '400' });
    expect((await acme.admin.client.patch(`${url}/${p.id}`, { amount: '600.01' })).statusCode).toBe(422);
    expect((await acme.admin.client.patch(`/api/contracts/${c.id}`, { amount: '999.99' })).statusCode).toBe(422);
    expect((await acme.admin.client.get(`/api/contracts/${c.id}`)).json().amount).toBe('1000.00');
    expect((await acme.admin.client.patch(`${url}/${p.id}`, { amount: '500' })).json().amount).toBe('500.00');
    expect((await acme.admin.client.patch(`/api/contracts/${c.id}`, { amount: '900' })).json().amount).toBe('900.00');
    expect((await acme.admin.client.get(url)).json().totals.scheduled).toBe('900.00');
  });

  it('refuses malformed instalments', async () => {
    const c = await contract({ amount: '1000.00' });
    const url = `/api/contracts/${c.id}/payments`;
    const cases: Array<[Record<string, unknown>, number]> = [
      [{}, 400],
      [{ amount: '10' }, 400],
      [{ dueOn: '2026-12-01' }, 400],
      [{ dueOn: '2026-12-01', amount: '0' }, 400],
      [{ dueOn: '2026-12-01', amount: '-5' }, 400],
      [{ dueOn: '2026-12-01', amount: '10', paidAmount: '11', paidOn: '2026-12-01' }, 400],
      [{ dueOn: '2026-12-01', amount: '10', paidAmount: '5' }, 400],
      [{ dueOn: 'tomorrow', amount: '10' }, 400],
      [{ dueOn: '2026-12-01', amount: '10', note: '首付款' }, 400],
    ];
    for (const [body, status] of cases) expect((await acme.admin.client.post(url, body)).statusCode, JSON.stringify(body)).toBe(status);
    expect((await acme.admin.client.post(`/api/contracts/${newId()}/payments`, { dueOn: '2026-12-01', amount: '10' })).statusCode).toBe(404);
    expect((await acme.admin.client.get(url)).json().items).toEqual([]);
  });

  it('reps add instalments to their own contracts; leaders change them; admins remove them', async () => {
    const mine = await createRecord(rep.client, '/api/contracts', { accountId: await createAccount(rep.client), number: number(), amount: '800' });
    const url = `/api/contracts/${mine.id}/payments`;
    const p = await rep.client.post(url, { dueOn: '2026-12-01', amount: '800' });
    expect(p.statusCode).toBe(201);
    expect((await rep.client.patch(`${url}/${p.json().id}`, { paidAmount: '800', paidOn: '2026-12-01' })).statusCode).toBe(403);
    expect((await rep.client.delete(`${url}/${p.json().id}`)).statusCode).toBe(403);
    const otherRep = await acme.user('rep');
    expect((await otherRep.client.get(url)).statusCode).toBe(404);
    expect((await otherRep.client.post(url, { dueOn: '2026-12-01', amount: '1' })).statusCode).toBe(404);
    const elsewhere = await contract();
    expect((await acme.admin.client.delete(`/api/contracts/${elsewhere.id}/payments/${p.json().id}`)).statusCode).toBe(404);
    expect((await acme.admin.client.delete(`${url}/${p.json().id}`)).statusCode).toBe(204);
    expect((await rep.client.get(url)).json().items).toEqual([]);
  });
});
