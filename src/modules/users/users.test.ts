import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, signIn, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let rep: TestUser;
let seq = 0;

const email = (tag: string) => `${tag}.${process.pid}.${Date.now()}.${++seq}@users.test`;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗');
  other = await makeTenant(server, '华南制造');
  rep = await acme.user('rep');
});
afterAll(() => server?.stop());

describe('users', () => {
  it('an admin creates a user with a password, who can then sign in; no hash is ever returned', async () => {
    const team = await acme.team('华东一组');
    const address = email('Zhang.San');
    const res = await acme.admin.client.post('/api/users', { email: address.toUpperCase(), name: '张三', role: 'rep', teamId: team, password: 'longenough1' });
    expect(res.statusCode, res.body).toBe(201);
    const user = res.json();
    expect(user).toMatchObject({ email: address.toLowerCase(), name: '张三', role: 'rep', teamId: team, active: true });
    expect(user.generatedPassword).toBeUndefined();
    expect(JSON.stringify(user)).not.toMatch(/argon|password/i);
    await signIn(server.app, address, 'longenough1');
    const list = await rep.client.get('/api/users?limit=200');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toMatch(/argon|password_?hash/i);
    expect(list.json().items.map((u: { id: string }) => u.id)).toContain(user.id);
  });

  it('generates a password when none is given and shows it once', async () => {
    const address = email('li.si');
    const created = (await acme.admin.client.post('/api/users', { email: address, name: '李四', role: 'manager' })).json();
    expect(created.generatedPassword).toMatch(/^[A-Za-z0-9_-]{16}$/);
    await signIn(server.app, address, created.generatedPassword);
    expect((await acme.admin.client.get(`/api/users/${created.id}`)).json().generatedPassword).toBeUndefined();
  });

  it('refuses an email already used in this or any other tenant with 409', async () => {
    expect((await acme.admin.client.post('/api/users', { email: rep.email, name: '重复', role: 'rep' })).statusCode).toBe(409);
    const res = await other.admin.client.post('/api/users', { email: rep.email.toUpperCase(), name: '别家的重复', role: 'rep' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.details.field).toBe('email');
  });

  it('only admins create, change and deactivate users', async () => {
    const manager = await acme.user('manager');
    for (const actor of [rep, manager]) {
      expect((await actor.client.post('/api/users', { email: email('x'), name: 'x', role: 'rep' })).statusCode).toBe(403);
      expect((await actor.client.patch(`/api/users/${rep.id}`, { role: 'admin' })).statusCode).toBe(403);
      expect((await actor.client.delete(`/api/users/${rep.id}`)).statusCode).toBe(403);
    }
  });

  it('refuses bad input and writes nothing', async () => {
    const before = (await acme.admin.client.get('/api/users?limit=200')).json().items.length;
    for (const body of [
      {},
      { email: 'not-an-email', name: 'x', role: 'rep' },
      { email: email('a'), name: '', role: 'rep' },
      { email: email('b'), name: 'x', role: 'portal' },
      { email: email('c'), name: 'x', role: 'god' },
      { email: email('d'), name: 'x', role: 'rep', password: 'short' },
      { email: email('e'), name: 'x', role: 'rep', passwordHash: 'x' },
      { email: `${'a'.repeat(320)}@x.cn`, name: 'x', role: 'rep' },
    ]) {
      expect((await acme.admin.client.post('/api/users', body)).statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const otherTeam = await other.team('别家的组');
    expect((await acme.admin.client.post('/api/users', { email: email('f'), name: 'x', role: 'rep', teamId: otherTeam })).statusCode).toBe(422);
    expect((await acme.admin.client.get('/api/users?limit=200')).json().items.length).toBe(before);
  });

  it('changes role and team, and deactivation stops sign-in but keeps the records they own', async () => {
    const user = await acme.user('rep');
    const account = (await user.client.post('/api/accounts', { name: '离职销售的客户' })).json();
    const team = await acme.team('华北组');
    const changed = await acme.admin.client.patch(`/api/users/${user.id}`, { role: 'manager', teamId: team, name: '王五 👔' });
    expect(changed.json()).toMatchObject({ role: 'manager', teamId: team, name: '王五 👔' });
    expect((await acme.admin.client.delete(`/api/users/${user.id}`)).statusCode).toBe(204);
    expect((await user.client.get('/api/accounts')).statusCode).toBe(401);
    await expect(signIn(server.app, user.email)).rejects.toThrow();
    expect((await acme.admin.client.get(`/api/users/${user.id}`)).json().active).toBe(false);
    expect((await acme.admin.client.get(`/api/accounts/${account.id}`)).json().ownerId).toBe(user.id);
    expect((await acme.admin.client.get('/api/users?active=false')).json().items.map((u: { id: string }) => u.id)).toContain(user.id);
    expect((await acme.admin.client.patch(`/api/users/${user.id}`, { active: true })).json().active).toBe(true);
  });

  it('keeps at least one active admin and does not let an admin lock themselves out', async () => {
    const t = await makeTenant(server, '单管理员租户');
    expect((await t.admin.client.patch(`/api/users/${t.admin.id}`, { role: 'rep' })).statusCode).toBe(422);
    expect((await t.admin.client.delete(`/api/users/${t.admin.id}`)).statusCode).toBe(422);
    const second = await t.user('admin');
    expect((await second.client.delete(`/api/users/${t.admin.id}`)).statusCode).toBe(204);
    expect((await second.client.patch(`/api/users/${second.id}`, { active: false })).statusCode).toBe(422);
  });

  it("never shows or changes another tenant's user", async () => {
    expect((await other.admin.client.get(`/api/users/${rep.id}`)).statusCode).toBe(404);
    expect((await other.admin.client.patch(`/api/users/${rep.id}`, { name: '改名' })).statusCode).toBe(404);
    expect((await other.admin.client.delete(`/api/users/${rep.id}`)).statusCode).toBe(404);
    const list = (await other.admin.client.get('/api/users?limit=200')).json().items;
    expect(list.map((u: { id: string }) => u.id)).not.toContain(rep.id);
  });
});
