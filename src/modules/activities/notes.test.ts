import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { insertContact } from './test-records.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let manager: TestUser;
let rep: TestUser;
let outsider: TestUser;
let accountId: string;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗');
  other = await makeTenant(server, '华南制造');
  const team = await acme.team('华东一组');
  manager = await acme.user('manager', { teamId: team });
  rep = await acme.user('rep', { teamId: team });
  outsider = await acme.user('rep');
  accountId = (await rep.client.post('/api/accounts', { name: '上海仁济医院' })).json().id;
});
afterAll(() => server?.stop());

const notesOn = (user: TestUser, entity: string, id: string) => user.client.get(`/api/notes?entity=${entity}&entityId=${id}`);

describe('notes', () => {
  it('writes internal and shareable notes on an account and lists them for that account', async () => {
    const internal = await rep.client.post('/api/notes', { entity: 'accounts', entityId: accountId, body: '院长更看重售后响应速度。' });
    expect(internal.statusCode, internal.body).toBe(201);
    expect(internal.json()).toMatchObject({ visibility: 'internal', authorId: rep.id, entity: 'accounts', entityId: accountId });
    await rep.client.post('/api/notes', { entity: 'accounts', entityId: accountId, body: '会议纪要：确认三期扩容 ✅', visibility: 'shareable' });
    const list = (await notesOn(rep, 'accounts', accountId)).json().items;
    expect(list.map((n: { body: string }) => n.body)).toEqual(['会议纪要：确认三期扩容 ✅', '院长更看重售后响应速度。']);
    const shareable = (await rep.client.get(`/api/notes?entity=accounts&entityId=${accountId}&visibility=shareable`)).json().items;
    expect(shareable).toHaveLength(1);
  });

  it('writes notes on a contact', async () => {
    const contactId = await insertContact(server, acme.tenantId, { accountId, ownerId: rep.id });
    const res = await rep.client.post('/api/notes', { entity: 'contacts', entityId: contactId, body: '喜欢喝普洱' });
    expect(res.statusCode).toBe(201);
    expect((await notesOn(manager, 'contacts', contactId)).json().items).toHaveLength(1);
  });

  it("hides notes on a record the reader cannot see, and refuses notes on it", async () => {
    const note = (await rep.client.post('/api/notes', { entity: 'accounts', entityId: accountId, body: '价格底线 95 万' })).json();
    expect((await notesOn(outsider, 'accounts', accountId)).statusCode).toBe(404);
    expect((await outsider.client.get(`/api/notes/${note.id}`)).statusCode).toBe(404);
    expect((await outsider.client.patch(`/api/notes/${note.id}`, { body: 'x' })).statusCode).toBe(404);
    expect((await outsider.client.delete(`/api/notes/${note.id}`)).statusCode).toBe(404);
    const refused = await outsider.client.post('/api/notes', { entity: 'accounts', entityId: accountId, body: '偷看' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.field).toBe('entityId');
    expect((await other.admin.client.get(`/api/notes/${note.id}`)).statusCode).toBe(404);
    expect((await other.admin.client.post('/api/notes', { entity: 'accounts', entityId: accountId, body: '跨租户' })).statusCode).toBe(422);
  });

  it("lets the author or a manager change a note, but not another rep who can see the record", async () => {
    const byManager = (await manager.client.post('/api/notes', { entity: 'accounts', entityId: accountId, body: '经理批注' })).json();
    const denied = await rep.client.patch(`/api/notes/${byManager.id}`, { body: '改成我的' });
    expect(denied.statusCode).toBe(403);
    expect((await rep.client.delete(`/api/notes/${byManager.id}`)).statusCode).toBe(403);
    const byRep = (await rep.client.post('/api/notes', { entity: 'accounts', entityId: accountId, body: '草稿' })).json();
    expect((await rep.client.patch(`/api/notes/${byRep.id}`, { body: '定稿', visibility: 'shareable' })).json()).toMatchObject({ body: '定稿', visibility: 'shareable' });
    expect((await manager.client.delete(`/api/notes/${byRep.id}`)).statusCode).toBe(204);
    expect((await rep.client.get(`/api/notes/${byRep.id}`)).statusCode).toBe(404);
    expect((await rep.client.patch(`/api/notes/${byManager.id}`, { entity: 'leads' })).statusCode).toBe(400);
  });

  it('needs entity and entityId together, and lists only their own notes for a rep without them', async () => {
    expect((await rep.client.get('/api/notes?entity=accounts')).statusCode).toBe(400);
    expect((await rep.client.get(`/api/notes?entityId=${accountId}`)).statusCode).toBe(400);
    expect((await rep.client.get(`/api/notes?entity=payments&entityId=${accountId}`)).statusCode).toBe(400);
    const mine = (await rep.client.get('/api/notes?limit=200')).json().items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((n: { authorId: string }) => n.authorId === rep.id)).toBe(true);
    const all = (await acme.admin.client.get('/api/notes?limit=200')).json().items;
    expect(all.some((n: { authorId: string }) => n.authorId === manager.id)).toBe(true);
  });

  it('refuses empty and oversized notes and notes on records that do not exist', async () => {
    for (const body of [{ entity: 'accounts', entityId: accountId, body: '   ' }, { entity: 'accounts', entityId: accountId, body: 'x'.repeat(20_001) }, { entity: 'payments', entityId: accountId, body: 'x' }, { entity: 'accounts', body: 'x' }]) {
      expect((await rep.client.post('/api/notes', body)).statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await rep.client.post('/api/notes', { entity: 'leads', entityId: accountId, body: 'x' })).statusCode).toBe(422);
  });
});
