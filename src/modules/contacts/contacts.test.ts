import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { newId } from '../../platform/ids.ts';
import { createAccount, createRecord } from '../pipeline/fixtures.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  other = await makeTenant(server, '华南制造');
});
afterAll(() => server?.stop());

describe('contacts', () => {
  it("records a contact's place in the account's decision chain and reads it back", async () => {
    const accountId = await createAccount(acme.admin.client);
    const contact = await createRecord(acme.admin.client, '/api/contacts', {
      name: '王主任 👨‍⚕️',
      accountId,
      title: '设备科主任',
      phone: '+86 138 0013 8000',
      email: 'wang@hospital.cn',
      wechat: 'wang_zr',
      decisionRole: 'decision_maker',
      influence: 5,
    });
    expect(contact).toMatchObject({ name: '王主任 👨‍⚕️', accountId, decisionRole: 'decision_maker', influence: 5, ownerId: acme.admin.id });
    expect((await acme.admin.client.get(`/api/contacts/${contact.id}`)).json().title).toBe('设备科主任');
    const patched = (await acme.admin.client.patch(`/api/contacts/${contact.id}`, { decisionRole: 'influencer', influence: 3, email: null })).json();
    expect(patched).toMatchObject({ decisionRole: 'influencer', influence: 3, email: null });
    expect((await acme.admin.client.delete(`/api/contacts/${contact.id}`)).statusCode).toBe(204);
    expect((await acme.admin.client.get(`/api/contacts/${contact.id}`)).statusCode).toBe(404);
  });

  it('filters by account, decision role and name', async () => {
    const accountId = await createAccount(acme.admin.client, '决策链医院');
    await createRecord(acme.admin.client, '/api/contacts', { name: '李院长', accountId, decisionRole: 'decision_maker', influence: 5 });
    await createRecord(acme.admin.client, '/api/contacts', { name: '张护士长', accountId, decisionRole: 'user', influence: 2 });
    await createRecord(acme.admin.client, '/api/contacts', { name: '刘秘书', accountId, decisionRole: 'gatekeeper' });
    const names = async (q: string) => (await acme.admin.client.get(`/api/contacts?${q}`)).json().items.map((c: { name: string }) => c.name);
    expect(await names(`accountId=${accountId}&sort=-influence`)).toEqual(['刘秘书', '李院长', '张护士长']);
    expect(await names(`accountId=${accountId}&decisionRole=user`)).toEqual(['张护士长']);
    expect(await names(`accountId=${accountId}&q=${encodeURIComponent('院长')}`)).toEqual(['李院长']);
    expect((await acme.admin.client.get('/api/contacts?decisionRole=boss')).statusCode).toBe(400);
  });

  it('refuses bad input, unknown accounts and other tenants\' accounts, writing nothing', async () => {
    const tenant = await makeTenant(server, '空白租户');
    const accountId = await createAccount(tenant.admin.client);
    const theirAccount = await createAccount(other.admin.client);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{}, 400],
      [{ name: '' }, 400],
      [{ name: 42 }, 400],
      [{ name: 'x', influence: 0 }, 400],
      [{ name: 'x', influence: 6 }, 400],
      [{ name: 'x', influence: 2.5 }, 400],
      [{ name: 'x', decisionRole: 'boss' }, 400],
      [{ name: 'x', email: 'not-an-email' }, 400],
      [{ name: 'x', phone: 'call me' }, 400],
      [{ name: 'x', age: 40 }, 400],
      [{ name: 'x', accountId: 'abc' }, 400],
      [{ name: 'x', accountId: newId() }, 422],
      [{ name: 'x', accountId: theirAccount }, 422],
    ];
    for (const [body, status] of cases) expect((await tenant.admin.client.post('/api/contacts', body)).statusCode, JSON.stringify(body)).toBe(status);
    const mine = await createRecord(tenant.admin.client, '/api/contacts', { name: "O'Brien'); drop table contacts;--", accountId });
    expect((await tenant.admin.client.patch(`/api/contacts/${mine.id}`, { accountId: theirAccount })).statusCode).toBe(422);
    expect((await tenant.admin.client.get(`/api/contacts/${mine.id}`)).json().accountId).toBe(accountId);
    expect((await tenant.admin.client.get('/api/contacts')).json().items).toHaveLength(1);
  });

  it("a rep sees only their own contacts and never another tenant's", async () => {
    const repA = await acme.user('rep');
    const repB = await acme.user('rep');
    const mine = await createRecord(repA.client, '/api/contacts', { name: '甲的联系人' });
    await createRecord(repB.client, '/api/contacts', { name: '乙的联系人' });
    expect((await repA.client.get('/api/contacts')).json().items.map((c: { id: string }) => c.id)).toEqual([mine.id]);
    expect((await repB.client.get(`/api/contacts/${mine.id}`)).statusCode).toBe(404);
    expect((await other.admin.client.get(`/api/contacts/${mine.id}`)).statusCode).toBe(404);
    expect((await other.admin.client.patch(`/api/contacts/${mine.id}`, { name: 'x' })).statusCode).toBe(404);
  });
});
