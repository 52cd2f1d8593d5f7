import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { raiseAlert, type AlertInput } from './raise-alert.ts';

let server: TestServer;
let t: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '提醒测试');
});
afterAll(() => server?.stop());

const raise = (input: AlertInput) =>
  inTenant(server.db.kysely, t.tenantId, (trx) => raiseAlert(trx, { tenantId: t.tenantId, actor: { userId: null, role: 'admin', teamId: null } }, input));

describe('alerts raised for me', () => {
  it('lists only my open alerts, newest first, with their evidence', async () => {
    const rep = await t.user('rep');
    const other = await t.user('rep');
    await raise({ userId: rep.id, kind: 'touch.not_logged', title: '拜访后15分钟内未记录', evidence: { checkoutAt: '2026-11-20T10:00:00Z' } });
    await raise({ userId: rep.id, kind: 'payment.overdue', severity: 'warning', title: '回款逾期' });
    await raise({ userId: other.id, kind: 'payment.overdue', title: '别人的提醒' });
    const res = await rep.client.get('/api/alerts');
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items.map((a: { title: string }) => a.title)).toEqual(['回款逾期', '拜访后15分钟内未记录']);
    expect(items[1].evidence).toEqual({ checkoutAt: '2026-11-20T10:00:00Z' });
    expect(items[1].message).toBeNull();
  });

  it('keeps the message key and params an alert was raised with, for the reader to word in their language', async () => {
    const rep = await t.user('rep');
    const message = { key: 'forecast.commit_decayed', params: { name: '影像科 CT 采购', daysPastClose: 8, closeDate: '2026-11-20', daysWithoutUpdate: 8, factor: 0.6 } };
    await raise({ userId: rep.id, kind: 'forecast.commit_decayed', title: '承诺商机「影像科 CT 采购」已过预计成交日 8 天未更新，可信度降至 60%', message });
    const [alert] = (await rep.client.get('/api/alerts')).json().items;
    expect(alert).toMatchObject({ title: '承诺商机「影像科 CT 采购」已过预计成交日 8 天未更新，可信度降至 60%', message });
  });

  it('keeps one open alert per dedupe key until it is resolved', async () => {
    const rep = await t.user('rep');
    const first = await raise({ userId: rep.id, kind: 'visit.flag', title: 'A', dedupeKey: 'visit:1' });
    const again = await raise({ userId: rep.id, kind: 'visit.flag', title: 'A', dedupeKey: 'visit:1' });
    expect(again).toEqual({ id: first.id, created: false });
    expect((await rep.client.post(`/api/alerts/${first.id}/resolve`)).json().resolvedAt).not.toBeNull();
    expect((await raise({ userId: rep.id, kind: 'visit.flag', title: 'A', dedupeKey: 'visit:1' })).created).toBe(true);
    expect((await rep.client.get('/api/alerts?status=resolved')).json().items).toHaveLength(1);
  });

  it("pages with a cursor and refuses to touch someone else's alert", async () => {
    const rep = await t.user('rep');
    const other = await t.user('rep');
    for (let i = 0; i < 5; i++) await raise({ userId: rep.id, kind: 'x.y', title: `第${i}条` });
    const p1 = (await rep.client.get('/api/alerts?limit=3')).json();
    const p2 = (await rep.client.get(`/api/alerts?limit=3&cursor=${p1.nextCursor}`)).json();
    expect([...p1.items, ...p2.items].map((a: { title: string }) => a.title)).toEqual(['第4条', '第3条', '第2条', '第1条', '第0条']);
    expect(p2.nextCursor).toBeNull();
    expect((await other.client.post(`/api/alerts/${p1.items[0].id}/read`)).statusCode).toBe(404);
    expect((await rep.client.post(`/api/alerts/${p1.items[0].id}/read`)).json().readAt).not.toBeNull();
  });
});
