import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { newId } from '../../platform/ids.ts';
import { createDeal } from './fixtures.ts';

let server: TestServer;
let acme: TestTenant;
let other: TestTenant;
let rep: TestUser;
let otherRep: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  other = await makeTenant(server, '华南制造');
  rep = await acme.user('rep', { name: '王磊' });
  otherRep = await acme.user('rep', { name: '李娜' });
});
afterAll(() => server?.stop());

const move = async (user: TestUser, id: string, stage: string, reason?: string) => {
  const res = await user.client.post(`/api/opportunities/${id}/stage`, { stage, ...(reason ? { reason } : {}) });
  expect(res.statusCode, res.body).toBe(200);
};

describe('stage history', () => {
  it('lists each move newest first with from, to, when, who and why, in pages', async () => {
    const deal = await createDeal(rep.client, { name: '瑞金 CT 采购' });
    await move(rep, deal.id, 'qualified', '客户确认了预算 💰');
    await move(rep, deal.id, 'lost', '价格没谈拢');
    await move(acme.admin, deal.id, 'lead', '重新打开：客户回头了');
    const res = await rep.client.get(`/api/opportunities/${deal.id}/stage-history`);
    expect(res.statusCode, res.body).toBe(200);
    const { items, nextCursor } = res.json();
    expect(nextCursor).toBeNull();
    expect(items.map((c: { from: string; to: string }) => `${c.from}→${c.to}`)).toEqual(['lost→lead', 'qualified→lost', 'lead→qualified']);
    expect(items[2]).toMatchObject({ reason: '客户确认了预算 💰', actor: { id: rep.id, name: '王磊' } });
    expect(items[0].actor.id).toBe(acme.admin.id);
    expect(Date.parse(items[0].at)).toBeGreaterThanOrEqual(Date.parse(items[1].at));

    const first = (await rep.client.get(`/api/opportunities/${deal.id}/stage-history?limit=2`)).json();
    expect(first.items).toHaveLength(2);
    const second = (await rep.client.get(`/api/opportunities/${deal.id}/stage-history?limit=2&cursor=${first.nextCursor}`)).json();
    expect(second.items.map((c: { to: string }) => c.to)).toEqual(['qualified']);
    expect(second.nextCursor).toBeNull();
  });

  it('is empty for a deal that never moved, and refused moves leave no entry', async () => {
    const deal = await createDeal(rep.client);
    expect((await rep.client.post(`/api/opportunities/${deal.id}/stage`, { stage: 'won' })).statusCode).toBeGreaterThanOrEqual(400);
    expect((await rep.client.get(`/api/opportunities/${deal.id}/stage-history`)).json()).toEqual({ items: [], nextCursor: null });
  });

  it('is scoped like the deal: another rep, another tenant and unknown ids get a 404', async () => {
    const deal = await createDeal(rep.client);
    await move(rep, deal.id, 'qualified');
    for (const [client, id] of [
      [otherRep.client, deal.id],
      [other.admin.client, deal.id],
      [rep.client, newId()],
    ] as const) {
      const res = await client.get(`/api/opportunities/${id}/stage-history`);
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    expect((await acme.admin.client.get(`/api/opportunities/${deal.id}/stage-history`)).json().items).toHaveLength(1);
  });

  it('refuses bad ids, limits and cursors with a 400', async () => {
    const deal = await createDeal(rep.client);
    for (const url of ['/api/opportunities/nope/stage-history', `/api/opportunities/${deal.id}/stage-history?limit=0`, `/api/opportunities/${deal.id}/stage-history?limit=201`, `/api/opportunities/${deal.id}/stage-history?cursor=garbage`, `/api/opportunities/${deal.id}/stage-history?sort=at`]) {
      const res = await rep.client.get(url);
      expect(res.statusCode, url).toBe(400);
    }
  });
});
