import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { insertContact, insertOpportunity } from './test-records.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let rep: TestUser;
let rep2: TestUser;
let accountId: string;

const minutesFromNow = (m: number) => new Date(Date.now() + m * 60_000).toISOString();

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗');
  other = await makeTenant(server, '华南制造');
  rep = await acme.user('rep');
  rep2 = await acme.user('rep');
  accountId = (await rep.client.post('/api/accounts', { name: '杭州第一人民医院' })).json().id;
});
afterAll(() => server?.stop());

const countActivities = async (user: TestUser) => (await user.client.get('/api/activities?limit=200')).json().items.length;

describe('activities', () => {
  it('logs a visit with Chinese and emoji text, owned by the rep, with logged time set by the server', async () => {
    const contactId = await insertContact(server, acme.tenantId, { accountId, ownerId: rep.id });
    const before = Date.now();
    const res = await rep.client.post('/api/activities', {
      type: 'visit',
      occurredAt: minutesFromNow(-60),
      subject: '拜访设备科 🏥',
      body: '客户对价格敏感，需要下周再报一次价。',
      mood: 'hesitant',
      accountId,
      contactIds: [contactId, contactId],
    });
    expect(res.statusCode, res.body).toBe(201);
    const activity = res.json();
    expect(activity).toMatchObject({ type: 'visit', subject: '拜访设备科 🏥', mood: 'hesitant', accountId, ownerId: rep.id, contactIds: [contactId] });
    expect(Date.parse(activity.loggedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await rep.client.get(`/api/activities/${activity.id}`)).json().body).toContain('报一次价');
  });

  it('refuses an activity more than five minutes in the future, but allows clock drift', async () => {
    const late = await rep.client.post('/api/activities', { type: 'call', occurredAt: minutesFromNow(10), subject: '明天的电话' });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.details.issues[0].path).toBe('body.occurredAt');
    const drift = await rep.client.post('/api/activities', { type: 'call', occurredAt: minutesFromNow(2), subject: '刚打的电话' });
    expect(drift.statusCode).toBe(201);
  });

  it('refuses a server-set or unknown field, a bad type, a malformed time and a huge subject, writing nothing', async () => {
    const before = await countActivities(rep);
    const ok = { type: 'call', occurredAt: minutesFromNow(-5), subject: '电话' };
    for (const body of [
      { ...ok, loggedAt: minutesFromNow(-1) },
      { ...ok, type: 'fax' },
      { ...ok, occurredAt: '昨天下午' },
      { ...ok, occurredAt: '2026-13-45T10:00:00Z' },
      { ...ok, subject: 'x'.repeat(301) },
      { ...ok, subject: '  ' },
      { ...ok, mood: 'angry' },
      { ...ok, contactIds: ['not-a-uuid'] },
      {},
    ]) {
      const res = await rep.client.post('/api/activities', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    expect(await countActivities(rep)).toBe(before);
  });

  it('refuses contacts, accounts and opportunities that are not in the workspace', async () => {
    const theirAccount = (await other.admin.client.post('/api/accounts', { name: '别家的客户' })).json().id;
    const theirContact = await insertContact(server, other.tenantId, { accountId: theirAccount, ownerId: other.admin.id });
    const base = { type: 'meeting', occurredAt: minutesFromNow(-30), subject: '方案交流' };
    const before = await countActivities(rep);
    const contact = await rep.client.post('/api/activities', { ...base, accountId, contactIds: [theirContact] });
    expect(contact.statusCode).toBe(422);
    expect(contact.json().error.details.missing).toEqual([theirContact]);
    expect((await rep.client.post('/api/activities', { ...base, accountId: theirAccount })).statusCode).toBe(422);
    const theirOpportunity = await insertOpportunity(server, other.tenantId, { accountId: theirAccount, ownerId: other.admin.id });
    expect((await rep.client.post('/api/activities', { ...base, opportunityId: theirOpportunity })).statusCode).toBe(422);
    expect(await countActivities(rep)).toBe(before);
  });

  it('takes the account from the opportunity, and refuses an opportunity of another account', async () => {
    const opportunityId = await insertOpportunity(server, acme.tenantId, { accountId, ownerId: rep.id });
    const base = { type: 'wechat', occurredAt: minutesFromNow(-15), subject: '微信沟通报价' };
    const filled = await rep.client.post('/api/activities', { ...base, opportunityId });
    expect(filled.statusCode).toBe(201);
    expect(filled.json()).toMatchObject({ opportunityId, accountId });

    const otherAccount = (await rep.client.post('/api/accounts', { name: '宁波眼科医院' })).json().id;
    const mismatch = await rep.client.post('/api/activities', { ...base, opportunityId, accountId: otherAccount });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.details.field).toBe('accountId');
    const moved = await rep.client.patch(`/api/activities/${filled.json().id}`, { accountId: otherAccount });
    expect(moved.statusCode).toBe(422);
    const unlinked = await rep.client.patch(`/api/activities/${filled.json().id}`, { accountId: otherAccount, opportunityId: null });
    expect(unlinked.json()).toMatchObject({ accountId: otherAccount, opportunityId: null });
  });

  it('filters by account, type, owner and time window, and sorts by when it happened', async () => {
    const account = (await rep.client.post('/api/accounts', { name: '苏州工业园区医院' })).json().id;
    const times = [-300, -200, -100].map(minutesFromNow);
    for (const [i, occurredAt] of times.entries()) {
      await rep.client.post('/api/activities', { type: i === 1 ? 'call' : 'visit', occurredAt, subject: `第${i + 1}次跟进`, accountId: account });
    }
    const all = (await rep.client.get(`/api/activities?accountId=${account}&sort=occurredAt`)).json().items;
    expect(all.map((a: { subject: string }) => a.subject)).toEqual(['第1次跟进', '第2次跟进', '第3次跟进']);
    const calls = (await rep.client.get(`/api/activities?accountId=${account}&type=call`)).json().items;
    expect(calls.map((a: { subject: string }) => a.subject)).toEqual(['第2次跟进']);
    const window = (await rep.client.get(`/api/activities?accountId=${account}&from=${encodeURIComponent(minutesFromNow(-250))}&to=${encodeURIComponent(minutesFromNow(-50))}&sort=-occurredAt`)).json().items;
    expect(window.map((a: { subject: string }) => a.subject)).toEqual(['第3次跟进', '第2次跟进']);
    expect((await acme.admin.client.get(`/api/activities?ownerId=${rep2.id}&accountId=${account}`)).json().items).toEqual([]);
    expect((await rep.client.get('/api/activities?type=fax')).statusCode).toBe(400);
    expect((await rep.client.get('/api/activities?sort=subject')).statusCode).toBe(400);
    expect((await rep.client.get(`/api/activities?accountId=${encodeURIComponent("' or 1=1 --")}`)).statusCode).toBe(400);
  });

  it('lets a rep log only for themselves, and lets an admin log for a rep', async () => {
    const base = { type: 'call', occurredAt: minutesFromNow(-1), subject: '代记电话' };
    expect((await rep.client.post('/api/activities', { ...base, ownerId: rep2.id })).statusCode).toBe(403);
    const byAdmin = await acme.admin.client.post('/api/activities', { ...base, ownerId: rep2.id });
    expect(byAdmin.statusCode).toBe(201);
    expect((await rep2.client.get(`/api/activities/${byAdmin.json().id}`)).json().ownerId).toBe(rep2.id);
  });
});
