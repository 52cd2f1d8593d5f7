// Who sees whose records: a rep their own, a manager their team subtree, executives and
// admins the whole tenant — for accounts, activities and tasks alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';

let server: TestServer;
let acme: TestTenant;
let eastManager: TestUser;
let eastRep: TestUser;
let subTeamRep: TestUser;
let westManager: TestUser;
let westRep: TestUser;
let executive: TestUser;
/** record type → owner id → the id of the record that owner has */
const records: Record<string, Record<string, string>> = { accounts: {}, activities: {}, tasks: {} };

const bodies: Record<string, (owner: TestUser) => Record<string, unknown>> = {
  accounts: (o) => ({ name: `${o.email} 的客户` }),
  activities: (o) => ({ type: 'visit', occurredAt: new Date(Date.now() - 3600_000).toISOString(), subject: `${o.email} 的拜访` }),
  tasks: (o) => ({ title: `${o.email} 的待办` }),
};

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '数据范围测试');
  eastManager = await acme.user('manager');
  const east = await acme.team('华东大区', { managerId: eastManager.id });
  const shanghai = await acme.team('上海组', { parentId: east });
  eastRep = await acme.user('rep', { teamId: east });
  subTeamRep = await acme.user('rep', { teamId: shanghai });
  const west = await acme.team('华西大区');
  westManager = await acme.user('manager', { teamId: west });
  westRep = await acme.user('rep', { teamId: west });
  executive = await acme.user('executive');
  for (const owner of [eastManager, eastRep, subTeamRep, westManager, westRep]) {
    for (const type of Object.keys(records)) {
      const res = await owner.client.post(`/api/${type}`, bodies[type](owner));
      if (res.statusCode !== 201) throw new Error(`${type}: ${res.body}`);
      records[type][owner.id] = res.json().id;
    }
  }
});
afterAll(() => server?.stop());

const visibleOwners = async (viewer: TestUser, type: string) => {
  const items = (await viewer.client.get(`/api/${type}?limit=200`)).json().items as Array<{ id: string; ownerId: string }>;
  const mine = new Set(Object.values(records[type]));
  return items
    .filter((i) => mine.has(i.id))
    .map((i) => i.ownerId)
    .sort();
};
const ids = (...users: TestUser[]) => users.map((u) => u.id).sort();

describe.each(Object.keys(records))('data scope of %s', (type) => {
  it('a rep sees only their own', async () => {
    expect(await visibleOwners(eastRep, type)).toEqual(ids(eastRep));
    expect(await visibleOwners(westRep, type)).toEqual(ids(westRep));
  });

  it('a manager sees their team subtree, including a sub-team, and nothing of another team', async () => {
    expect(await visibleOwners(eastManager, type)).toEqual(ids(eastManager, eastRep, subTeamRep));
    expect(await visibleOwners(westManager, type)).toEqual(ids(westManager, westRep));
  });

  it('an executive and an admin see everything', async () => {
    const everyone = ids(eastManager, eastRep, subTeamRep, westManager, westRep);
    expect(await visibleOwners(executive, type)).toEqual(everyone);
    expect(await visibleOwners(acme.admin, type)).toEqual(everyone);
  });

  it("a rep cannot read, update or delete another rep's record by id", async () => {
    const theirs = records[type][westRep.id];
    expect((await eastRep.client.get(`/api/${type}/${theirs}`)).statusCode).toBe(404);
    const change = type === 'accounts' ? { name: '抢走' } : type === 'tasks' ? { title: '抢走' } : { subject: '抢走' };
    expect((await eastRep.client.patch(`/api/${type}/${theirs}`, change)).statusCode).toBe(404);
    // reps may not delete accounts at all, so that refusal comes first
    expect((await eastRep.client.delete(`/api/${type}/${theirs}`)).statusCode).toBe(type === 'accounts' ? 403 : 404);
    expect((await westRep.client.get(`/api/${type}/${theirs}`)).statusCode).toBe(200);
  });

  it('a manager can read a sub-team member’s record by id but not one of another team', async () => {
    expect((await eastManager.client.get(`/api/${type}/${records[type][subTeamRep.id]}`)).statusCode).toBe(200);
    expect((await eastManager.client.get(`/api/${type}/${records[type][westRep.id]}`)).statusCode).toBe(404);
  });
});
