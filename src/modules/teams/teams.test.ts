import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let manager: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗');
  other = await makeTenant(server, '华南制造');
  manager = await acme.user('manager');
});
afterAll(() => server?.stop());

const create = async (body: Record<string, unknown>) => {
  const res = await acme.admin.client.post('/api/teams', body);
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id as string;
};

describe('teams', () => {
  it('builds a hierarchy with managers, and everyone can read it', async () => {
    const east = await create({ name: '华东大区', managerId: manager.id });
    const shanghai = await create({ name: '上海组 🚄', parentId: east });
    const rep = await acme.user('rep', { teamId: shanghai });
    const children = (await rep.client.get(`/api/teams?parentId=${east}`)).json().items;
    expect(children).toEqual([expect.objectContaining({ id: shanghai, name: '上海组 🚄', parentId: east, managerId: null })]);
    expect((await rep.client.get(`/api/teams/${east}`)).json().managerId).toBe(manager.id);
  });

  it('refuses a cycle: a team under itself or under its own sub-team', async () => {
    const a = await create({ name: 'A' });
    const b = await create({ name: 'B', parentId: a });
    const c = await create({ name: 'C', parentId: b });
    for (const parentId of [a, b, c]) {
      const res = await acme.admin.client.patch(`/api/teams/${a}`, { parentId });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.field).toBe('parentId');
    }
    expect((await acme.admin.client.get(`/api/teams/${a}`)).json().parentId).toBeNull();
    const d = await create({ name: 'D' });
    expect((await acme.admin.client.patch(`/api/teams/${c}`, { parentId: d })).json().parentId).toBe(d);
    expect((await acme.admin.client.patch(`/api/teams/${d}`, { parentId: a })).statusCode).toBe(200);
  });

  it('refuses to delete a team that still has sub-teams or members', async () => {
    const parent = await create({ name: '待撤销大区' });
    const child = await create({ name: '待撤销组', parentId: parent });
    const member = await acme.user('rep', { teamId: child });
    expect((await acme.admin.client.delete(`/api/teams/${parent}`)).statusCode).toBe(422);
    const busy = await acme.admin.client.delete(`/api/teams/${child}`);
    expect(busy.statusCode).toBe(422);
    expect(busy.json().error.details).toEqual({ subTeams: 0, members: 1 });
    await acme.admin.client.patch(`/api/users/${member.id}`, { teamId: null });
    expect((await acme.admin.client.delete(`/api/teams/${child}`)).statusCode).toBe(204);
    expect((await acme.admin.client.delete(`/api/teams/${parent}`)).statusCode).toBe(204);
  });

  it('only admins write teams', async () => {
    const team = await create({ name: '只读' });
    expect((await manager.client.post('/api/teams', { name: 'x' })).statusCode).toBe(403);
    expect((await manager.client.patch(`/api/teams/${team}`, { name: 'x' })).statusCode).toBe(403);
    expect((await manager.client.delete(`/api/teams/${team}`)).statusCode).toBe(403);
  });

  it("refuses bad input, and another tenant's team or user as parent or manager", async () => {
    for (const body of [{}, { name: '' }, { name: 'x'.repeat(101) }, { name: 'x', parentId: 'abc' }, { name: 'x', colour: 'red' }]) {
      expect((await acme.admin.client.post('/api/teams', body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const theirTeam = await other.team('别家的组');
    expect((await acme.admin.client.post('/api/teams', { name: 'x', parentId: theirTeam })).statusCode).toBe(422);
    expect((await acme.admin.client.post('/api/teams', { name: 'x', managerId: other.admin.id })).statusCode).toBe(422);
    expect((await acme.admin.client.get(`/api/teams/${theirTeam}`)).statusCode).toBe(404);
  });
});
