import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗');
  other = await makeTenant(server, '华南制造');
});
afterAll(() => server?.stop());

describe('accounts', () => {
  it('creates an account with Chinese and emoji text and reads it back', async () => {
    const res = await acme.admin.client.post('/api/accounts', { name: '上海瑞金医院 🏥', industry: '医疗器械', region: '华东', billingModel: 'annual' });
    expect(res.statusCode).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({ name: '上海瑞金医院 🏥', industry: '医疗器械', ownerId: acme.admin.id });
    const read = await acme.admin.client.get(`/api/accounts/${created.id}`);
    expect(read.json().name).toBe('上海瑞金医院 🏥');
  });

  it('refuses unknown fields, wrong types and missing names, and writes nothing', async () => {
    const before = (await acme.admin.client.get('/api/accounts?limit=200')).json().items.length;
    for (const body of [{ name: 'x', colour: 'red' }, { name: 42 }, {}, { name: '   ' }, { name: 'x', lat: 91 }]) {
      const res = await acme.admin.client.post('/api/accounts', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    const after = (await acme.admin.client.get('/api/accounts?limit=200')).json().items.length;
    expect(after).toBe(before);
  });

  it('answers malformed JSON with the error shape', async () => {
    const res = await acme.admin.client.raw({ method: 'POST', url: '/api/accounts', payload: '{"name": ', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('bad_request');
  });

  it('stores SQL-injection strings as plain text', async () => {
    const name = "Robert'); drop table accounts;--";
    const res = await acme.admin.client.post('/api/accounts', { name });
    expect(res.statusCode).toBe(201);
    const list = await acme.admin.client.get(`/api/accounts?q=${encodeURIComponent("'); drop")}`);
    expect(list.json().items.map((a: { name: string }) => a.name)).toContain(name);
  });

  it('pages through a sorted list with cursors and no duplicates', async () => {
    for (let i = 0; i < 7; i++) await acme.admin.client.post('/api/accounts', { name: `分页客户${i}`, region: i % 2 ? '华南' : null });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await acme.admin.client.get(`/api/accounts?limit=3&sort=region${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.statusCode).toBe(200);
      const page = res.json<{ items: Array<{ id: string }>; nextCursor: string | null }>();
      seen.push(...page.items.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    const all = (await acme.admin.client.get('/api/accounts?limit=200')).json().items;
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.length).toBe(all.length);
  });

  it('refuses a limit above 200 and an unknown filter', async () => {
    expect((await acme.admin.client.get('/api/accounts?limit=500')).statusCode).toBe(400);
    expect((await acme.admin.client.get('/api/accounts?colour=red')).statusCode).toBe(400);
  });

  it("never shows, changes or deletes another tenant's account, even with its id", async () => {
    const theirs = (await other.admin.client.post('/api/accounts', { name: '别家的客户' })).json();
    expect((await acme.admin.client.get(`/api/accounts/${theirs.id}`)).statusCode).toBe(404);
    expect((await acme.admin.client.patch(`/api/accounts/${theirs.id}`, { name: 'stolen' })).statusCode).toBe(404);
    expect((await acme.admin.client.delete(`/api/accounts/${theirs.id}`)).statusCode).toBe(404);
    const list = (await acme.admin.client.get('/api/accounts?limit=200')).json().items;
    expect(list.find((a: { id: string }) => a.id === theirs.id)).toBeUndefined();
    expect((await other.admin.client.get(`/api/accounts/${theirs.id}`)).json().name).toBe('别家的客户');
  });

  it('rejects a request without a session', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/accounts' });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });
});
