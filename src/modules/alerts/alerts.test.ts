import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { raiseAlert, raiseAlerts, type AlertInput } from './raise-alert.ts';

let server: TestServer;
let t: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '提醒测试');
});
afterAll(() => server?.stop());

const ctx = () => ({ tenantId: t.tenantId, actor: { userId: null, role: 'admin' as const, teamId: null } });
const raise = (input: AlertInput) => inTenant(server.db.kysely, t.tenantId, (trx) => raiseAlert(trx, ctx(), input));
const raiseMany = (inputs: AlertInput[]) => inTenant(server.db.kysely, t.tenantId, (trx) => raiseAlerts(trx, ctx(), inputs));
const raisedEvents = (alertIds: string[]) =>
  server.db.kysely.selectFrom('events').select('entity_id').where('tenant_id', '=', t.tenantId).where('type', '=', 'alert.raised').where('entity_id', 'in', alertIds).execute();

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

  it('raised in bulk, keeps the same one open alert per user and dedupe key, and events each new one once', async () => {
    const rep = await t.user('rep');
    const manager = await t.user('manager');
    const earlier = await raise({ userId: rep.id, kind: 'deal_warning.no_activity', title: '商机预警：超过14天无跟进', dedupeKey: 'deal:1' });
    const results = await raiseMany([
      { userId: rep.id, kind: 'deal_warning.no_activity', title: '商机预警：超过14天无跟进', dedupeKey: 'deal:1' },
      { userId: manager.id, kind: 'deal_warning.no_activity', title: '商机预警：超过14天无跟进', dedupeKey: 'deal:1' },
      { userId: rep.id, kind: 'deal_warning.amount_cut', title: '商机预警：金额下调', dedupeKey: 'deal:2' },
      { userId: rep.id, kind: 'deal_warning.amount_cut', title: '商机预警：金额下调', dedupeKey: 'deal:2' },
      { userId: rep.id, kind: 'touch.not_logged', title: '拜访后未记录' },
    ]);
    expect(results.map((r) => r.created)).toEqual([false, true, true, false, true]);
    expect(results[0].id).toBe(earlier.id);
    expect(results[3].id).toBe(results[2].id);
    expect((await raisedEvents(results.slice(1).map((r) => r.id))).map((e) => e.entity_id).sort()).toEqual([results[1].id, results[2].id, results[4].id].sort());
    const titles = (await rep.client.get('/api/alerts')).json().items.map((a: { title: string }) => a.title);
    expect(titles.sort()).toEqual(['商机预警：超过14天无跟进', '商机预警：金额下调', '拜访后未记录'].sort());
    expect((await manager.client.get('/api/alerts')).json().items).toHaveLength(1);
  });

  it('raised in bulk, writes no alert at all when one of them cannot be stored', async () => {
    const rep = await t.user('rep');
    const inputs: AlertInput[] = Array.from({ length: 1200 }, (_, i) => ({ userId: rep.id, kind: 'x.bulk', title: `第${i}条`, dedupeKey: `bulk:${i}` }));
    inputs.push({ userId: '0190f5a0-0000-7000-8000-000000000000', kind: 'x.bulk', title: '不存在的人' });
    await expect(raiseMany(inputs)).rejects.toThrow();
    expect((await rep.client.get('/api/alerts')).json().items).toHaveLength(0);
  });
});
