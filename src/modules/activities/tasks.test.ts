import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { insertOpportunity } from './test-records.ts';

let server: TestServer;
let acme: TestTenant;
let rep: TestUser;
let rep2: TestUser;

const daysFromNow = (d: number) => new Date(Date.now() + d * 86400_000).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗');
  rep = await acme.user('rep');
  rep2 = await acme.user('rep');
});
afterAll(() => server?.stop());

describe('tasks', () => {
  it('creates an open, normal-priority task owned by and created by the actor', async () => {
    const res = await rep.client.post('/api/tasks', { title: '给张主任发报价单 📄', dueAt: daysFromNow(2) });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ title: '给张主任发报价单 📄', status: 'open', priority: 'normal', ownerId: rep.id, createdBy: rep.id, completedAt: null });
  });

  it('completes a task once, records when, and refuses to complete a cancelled one', async () => {
    const task = (await rep.client.post('/api/tasks', { title: '回访' })).json();
    const done = await rep.client.post(`/api/tasks/${task.id}/complete`);
    expect(done.statusCode).toBe(200);
    expect(done.json().status).toBe('done');
    const completedAt = done.json().completedAt;
    expect(Date.parse(completedAt)).toBeGreaterThan(Date.now() - 60_000);
    const again = await rep.client.post(`/api/tasks/${task.id}/complete`);
    expect(again.json().completedAt).toBe(completedAt);

    const cancelled = (await rep.client.post('/api/tasks', { title: '取消的任务', status: 'cancelled' })).json();
    const refused = await rep.client.post(`/api/tasks/${cancelled.id}/complete`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.code).toBe('transition_not_allowed');
  });

  it('sets and clears the completion time when the status is changed directly', async () => {
    const task = (await rep.client.post('/api/tasks', { title: '准备投标文件' })).json();
    const done = (await rep.client.patch(`/api/tasks/${task.id}`, { status: 'done' })).json();
    expect(done.completedAt).not.toBeNull();
    const reopened = (await rep.client.patch(`/api/tasks/${task.id}`, { status: 'open' })).json();
    expect(reopened.completedAt).toBeNull();
  });

  it("does not let a rep see, complete or change another rep's task", async () => {
    const task = (await rep.client.post('/api/tasks', { title: '我的任务' })).json();
    expect((await rep2.client.post(`/api/tasks/${task.id}/complete`)).statusCode).toBe(404);
    expect((await rep2.client.patch(`/api/tasks/${task.id}`, { title: '改掉' })).statusCode).toBe(404);
    expect((await rep.client.get(`/api/tasks/${task.id}`)).json()).toMatchObject({ title: '我的任务', status: 'open' });
    expect((await rep2.client.post('/api/tasks/not-a-uuid/complete')).statusCode).toBe(400);
  });

  it('filters by status, due time, owner and opportunity, with undated tasks last', async () => {
    const lister = await acme.user('rep');
    const account = (await lister.client.post('/api/accounts', { name: '南京鼓楼医院' })).json().id;
    const opportunityId = await insertOpportunity(server, acme.tenantId, { accountId: account, ownerId: lister.id });
    await lister.client.post('/api/tasks', { title: '后天', dueAt: daysFromNow(2), opportunityId });
    await lister.client.post('/api/tasks', { title: '明天', dueAt: daysFromNow(1), priority: 'high' });
    await lister.client.post('/api/tasks', { title: '没日期' });
    const done = (await lister.client.post('/api/tasks', { title: '已完成', dueAt: daysFromNow(-1) })).json();
    await lister.client.post(`/api/tasks/${done.id}/complete`);

    const titles = async (url: string) => (await lister.client.get(url)).json().items.map((t: { title: string }) => t.title);
    expect(await titles('/api/tasks?status=open')).toEqual(['明天', '后天', '没日期']);
    expect(await titles(`/api/tasks?status=open&dueBefore=${encodeURIComponent(daysFromNow(1.5))}`)).toEqual(['明天']);
    expect(await titles(`/api/tasks?opportunityId=${opportunityId}`)).toEqual(['后天']);
    expect((await lister.client.get(`/api/tasks?opportunityId=${opportunityId}`)).json().items[0].accountId).toBe(account);
    expect(await titles('/api/tasks?status=done')).toEqual(['已完成']);
    expect(await titles(`/api/tasks?ownerId=${rep.id}`)).toEqual([]);
    expect(await titles('/api/tasks?sort=-dueAt&limit=1')).toEqual(['没日期']);
  });

  it('refuses bad input and writes nothing', async () => {
    const before = (await rep.client.get('/api/tasks?limit=200')).json().items.length;
    for (const body of [{}, { title: '' }, { title: 'x'.repeat(301) }, { title: 'ok', status: 'waiting' }, { title: 'ok', priority: 'urgent' }, { title: 'ok', dueAt: '下周一' }, { title: 'ok', createdBy: rep2.id }]) {
      const res = await rep.client.post('/api/tasks', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    expect((await rep.client.post('/api/tasks', { title: 'ok', accountId: '01890000-0000-7000-8000-000000000000' })).statusCode).toBe(422);
    expect((await rep.client.get('/api/tasks?limit=200')).json().items.length).toBe(before);
    const injected = await rep.client.post('/api/tasks', { title: "'; delete from tasks; --" });
    expect(injected.json().title).toBe("'; delete from tasks; --");
  });
});
