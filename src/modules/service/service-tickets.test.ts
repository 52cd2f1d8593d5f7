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

describe('service tickets', () => {
  it('opens, resolves, closes and reopens a ticket, stamping when it was resolved', async () => {
    const accountId = await createAccount(acme.admin.client);
    const contact = await createRecord(acme.admin.client, '/api/contacts', { name: '设备科小李', accountId });
    const ticket = await createRecord(acme.admin.client, '/api/service-tickets', { accountId, contactId: contact.id, subject: 'CT 球管报警 ⚠️ 需要上门', severity: 'urgent', openedAt: '2026-11-20T09:30:00+08:00' });
    expect(ticket).toMatchObject({ status: 'open', severity: 'urgent', contactId: contact.id, openedAt: '2026-11-20T01:30:00.000Z', resolvedAt: null });

    const resolved = (await acme.admin.client.patch(`/api/service-tickets/${ticket.id}`, { status: 'resolved' })).json();
    expect(resolved.resolvedAt).not.toBeNull();
    const closed = (await acme.admin.client.patch(`/api/service-tickets/${ticket.id}`, { status: 'closed' })).json();
    expect(closed.resolvedAt).toBe(resolved.resolvedAt);
    expect((await acme.admin.client.patch(`/api/service-tickets/${ticket.id}`, { status: 'open' })).json().resolvedAt).toBeNull();

    expect((await acme.admin.client.delete(`/api/service-tickets/${ticket.id}`)).statusCode).toBe(204);
    expect((await acme.admin.client.get(`/api/service-tickets/${ticket.id}`)).statusCode).toBe(404);
  });

  it('filters by account, status and severity, newest first', async () => {
    const accountId = await createAccount(acme.admin.client, '工单客户');
    await createRecord(acme.admin.client, '/api/service-tickets', { accountId, subject: '耗材补货', severity: 'low', openedAt: '2026-11-01T08:00:00+08:00' });
    await createRecord(acme.admin.client, '/api/service-tickets', { accountId, subject: '系统无法登录', severity: 'high', status: 'pending', openedAt: '2026-11-02T08:00:00+08:00' });
    const subjects = async (q: string) => (await acme.admin.client.get(`/api/service-tickets?accountId=${accountId}&${q}`)).json().items.map((t: { subject: string }) => t.subject);
    expect(await subjects('')).toEqual(['系统无法登录', '耗材补货']);
    expect(await subjects('status=pending')).toEqual(['系统无法登录']);
    expect(await subjects('severity=low')).toEqual(['耗材补货']);
    expect(await subjects(`q=${encodeURIComponent('登录')}`)).toEqual(['系统无法登录']);
    expect((await acme.admin.client.get('/api/service-tickets?severity=critical')).statusCode).toBe(400);
  });

  it("refuses bad input, foreign accounts and another account's contact, writing nothing", async () => {
    const tenant = await makeTenant(server, '工单租户');
    const accountId = await createAccount(tenant.admin.client);
    const otherAccount = await createAccount(tenant.admin.client, '另一家医院');
    const strangersContact = await createRecord(tenant.admin.client, '/api/contacts', { name: '别家的人', accountId: otherAccount });
    const theirAccount = await createAccount(other.admin.client);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{}, 400],
      [{ accountId }, 400],
      [{ subject: '没有客户' }, 400],
      [{ accountId, subject: '' }, 400],
      [{ accountId, subject: 'x', severity: 'critical' }, 400],
      [{ accountId, subject: 'x', status: 'done' }, 400],
      [{ accountId, subject: 'x', openedAt: 'yesterday' }, 400],
      [{ accountId, subject: 'x', priority: 1 }, 400],
      [{ accountId: theirAccount, subject: 'x' }, 422],
      [{ accountId: newId(), subject: 'x' }, 422],
      [{ accountId, contactId: newId(), subject: 'x' }, 422],
      [{ accountId, contactId: strangersContact.id, subject: 'x' }, 422],
    ];
    for (const [body, status] of cases) expect((await tenant.admin.client.post('/api/service-tickets', body)).statusCode, JSON.stringify(body)).toBe(status);
    const ticket = await createRecord(tenant.admin.client, '/api/service-tickets', { accountId, subject: "'; truncate service_tickets; --" });
    expect((await tenant.admin.client.patch(`/api/service-tickets/${ticket.id}`, { contactId: strangersContact.id })).statusCode).toBe(422);
    expect((await tenant.admin.client.get('/api/service-tickets')).json().items.map((t: { subject: string }) => t.subject)).toEqual(["'; truncate service_tickets; --"]);
  });

  it("reps work tickets but only leaders delete them; tenants never see each other's", async () => {
    const rep = await acme.user('rep');
    const ticket = await createRecord(rep.client, '/api/service-tickets', { accountId: await createAccount(rep.client), subject: '培训需求' });
    expect((await rep.client.patch(`/api/service-tickets/${ticket.id}`, { status: 'pending' })).json().status).toBe('pending');
    expect((await rep.client.delete(`/api/service-tickets/${ticket.id}`)).statusCode).toBe(403);
    expect((await other.admin.client.get(`/api/service-tickets/${ticket.id}`)).statusCode).toBe(404);
    expect((await other.admin.client.patch(`/api/service-tickets/${ticket.id}`, { status: 'closed' })).statusCode).toBe(404);
    expect((await other.admin.client.delete(`/api/service-tickets/${ticket.id}`)).statusCode).toBe(404);
  });
});
