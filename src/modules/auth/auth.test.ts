import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { clientWith, makeTenant, startTestServer, PASSWORD, type TestServer, type TestTenant } from '../../testing/harness.ts';

let server: TestServer;
let t: TestTenant;

beforeAll(async () => {
  server = await startTestServer({ signupOpen: true });
  t = await makeTenant(server, '认证测试');
});
afterAll(() => server?.stop());

describe('sign-in and sessions', () => {
  it('signs in with email and password and answers who I am with my permissions', async () => {
    const me = await t.admin.client.get('/api/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { id: t.admin.id, role: 'admin' }, tenant: { id: t.tenantId, name: '认证测试' } });
    expect(me.json().permissions.accounts).toContain('delete');
  });

  it('refuses a wrong password with the same message as an unknown email', async () => {
    const wrong = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: t.admin.email, password: 'nope-nope' } });
    const unknown = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'nobody@nowhere.cn', password: PASSWORD } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it('ends the session on logout', async () => {
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: t.admin.email, password: PASSWORD } });
    const cookie = `sl_session=${login.cookies.find((c) => c.name === 'sl_session')?.value}`;
    const client = clientWith(server.app, { cookie });
    expect((await client.post('/api/auth/logout')).statusCode).toBe(204);
    expect((await client.get('/api/auth/me')).statusCode).toBe(401);
  });
});

describe('API tokens', () => {
  it('lets an integration call the API with a bearer token until it is revoked', async () => {
    const created = await t.admin.client.post('/api/tokens', { name: 'ERP 同步' });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const bearer = clientWith(server.app, { authorization: `Bearer ${token}` });
    expect((await bearer.get('/api/accounts')).statusCode).toBe(200);
    const listed = (await t.admin.client.get('/api/tokens')).json().items;
    expect(listed.find((x: { id: string }) => x.id === id)).toMatchObject({ name: 'ERP 同步', hint: token.slice(-4) });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await t.admin.client.delete(`/api/tokens/${id}`)).statusCode).toBe(204);
    const after = await bearer.get('/api/accounts');
    expect(after.statusCode).toBe(401);
    expect(after.json().error.message).toMatch(/revoked/);
  });

  it('refuses an expired token and says so', async () => {
    const { id, token } = (await t.admin.client.post('/api/tokens', { name: 'short', expiresInDays: 1 })).json();
    await sql`update api_tokens set expires_at = now() - interval '1 minute' where id = ${id}`.execute(server.db.kysely);
    const res = await clientWith(server.app, { authorization: `Bearer ${token}` }).get('/api/accounts');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.message).toMatch(/expired/);
  });

  it('refuses a made-up token and lets only admins create tokens', async () => {
    expect((await clientWith(server.app, { authorization: 'Bearer slt_made_up' }).get('/api/accounts')).statusCode).toBe(401);
    const rep = await t.user('rep');
    const res = await rep.client.post('/api/tokens', { name: 'mine' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
  });
});

describe('sign-up', () => {
  it('creates a tenant and its admin when sign-up is open, and refuses a used email', async () => {
    const email = `founder.${Date.now()}@example.cn`;
    const res = await server.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { company: '深圳新创科技 🚀', email, password: 'a-long-password' } });
    expect(res.statusCode).toBe(201);
    const login = await server.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: 'a-long-password' } });
    expect(login.statusCode).toBe(200);
    const again = await server.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { company: 'x', email, password: 'a-long-password' } });
    expect(again.statusCode).toBe(409);
  });

  it('is closed by default', async () => {
    const closed = await startTestServer();
    try {
      const res = await closed.app.inject({ method: 'POST', url: '/api/auth/signup', payload: { company: 'x', email: `c.${Date.now()}@example.cn`, password: 'a-long-password' } });
      expect(res.statusCode).toBe(403);
    } finally {
      await closed.stop();
    }
  });
});
