// The pipeline-changes view on a constructed October: the SQL totals match the TypeScript bucket
// rules deal for deal, the drill-down lists each bucket's deals in pages, and scope, team and
// owner filters, other tenants and bad periods behave.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { historyFactory } from '../deal-warnings/test-history.ts';
import { addToBuckets, bucketKeys, classifyDeal, emptyBuckets } from './change-buckets.ts';
import { asHistory, october, OCTOBER } from './pipeline-changes-fixture.ts';

let server: TestServer;
let t: TestTenant;
let rep: TestUser;
let otherRep: TestUser;
let manager: TestUser;
let teamId: string;
const ids = new Map<string, string>();

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '管道变化租户');
  manager = await t.user('manager', { name: '王经理' });
  teamId = await t.team('华东一部', { managerId: manager.id });
  rep = await t.user('rep', { teamId, name: '李销售' });
  otherRep = await t.user('rep', { name: '赵销售' });
  const f = historyFactory(server, t.tenantId);
  const account = await f.account('瑞金医院', rep.id);
  for (const d of october) {
    const id = await f.deal({
      accountId: account.id,
      ownerId: d.other ? otherRep.id : rep.id,
      name: d.key,
      stage: d.current.stage,
      amountCents: Number(d.current.amount.replace('.', '')),
      closeDate: d.current.expectedCloseDate,
      createdAt: new Date(d.createdAt),
      closedAt: d.closedAt ? new Date(d.closedAt) : null,
    });
    ids.set(d.key, id);
    for (const c of d.changes) await f.change(id, new Date(c.at), c.action, c.before, c.after);
  }
});
afterAll(() => server?.stop());

type Summary = { buckets: Record<string, { count: number; amount: string }>; balanced: boolean; period: Record<string, unknown> };
const summary = async (u: TestUser, query = '') => (await u.client.get(`/api/pipeline/changes?period=2026-10${query}`)).json<Summary>();
const drill = async (u: TestUser, query: string) => (await u.client.get(`/api/pipeline/changes/deals?period=2026-10&${query}`)).json();

/** the TypeScript rules over the same histories, as the API shows them */
function expected(keep: (d: (typeof october)[number]) => boolean) {
  const b = october.filter(keep).reduce((acc, d) => {
    const c = classifyDeal(asHistory(d), OCTOBER);
    return c ? addToBuckets(acc, c) : acc;
  }, emptyBuckets());
  return Object.fromEntries(bucketKeys.map((k) => [k, { count: b[k].count, amount: `${b[k].cents / 100n}.${String(b[k].cents % 100n).padStart(2, '0')}` }]));
}

describe('pipeline changes of a month', () => {
  it('counts and totals every bucket in SQL exactly as the bucket rules do, and balances', async () => {
    const res = await summary(t.admin);
    expect(res.buckets).toEqual(expected(() => true));
    expect(res.buckets.start).toEqual({ count: 8, amount: '1370000.00' });
    expect(res.buckets.end).toEqual({ count: 7, amount: '730000.00' });
    expect(res.buckets.pushed).toEqual({ count: 2, amount: '390000.00' });
    expect(res.balanced).toBe(true);
    expect(res.period).toMatchObject({ key: '2026-10', kind: 'month', from: '2026-10-01', to: '2026-10-31', start: '2026-09-30T16:00:00.000Z', end: '2026-10-31T16:00:00.000Z', running: false, timeZone: 'Asia/Shanghai' });
  });

  it('a quarter covers its three months', async () => {
    const res = (await t.admin.client.get('/api/pipeline/changes?period=2026-Q4')).json();
    expect(res.period).toMatchObject({ kind: 'quarter', from: '2026-10-01', to: '2026-12-31' });
    expect(res.balanced).toBe(true);
  });

  it('follows the viewer\'s scope and the owner and team filters', async () => {
    expect((await summary(rep)).buckets).toEqual(expected((d) => !d.other));
    expect((await summary(manager)).buckets).toEqual(expected((d) => !d.other));
    expect((await summary(t.admin, `&teamId=${teamId}`)).buckets).toEqual(expected((d) => !d.other));
    expect((await summary(t.admin, `&ownerId=${otherRep.id}`)).buckets).toEqual(expected((d) => Boolean(d.other)));
    expect((await summary(rep, `&ownerId=${otherRep.id}`)).buckets.start).toEqual({ count: 0, amount: '0.00' });
    const stranger = await makeTenant(server, '陌生租户');
    expect((await summary(stranger.admin)).buckets.start).toEqual({ count: 0, amount: '0.00' });
  });

  it('drills down to the deals of a bucket in cursor pages, with their start and end states', async () => {
    const p1 = await drill(t.admin, 'bucket=start&limit=3');
    const p2 = await drill(t.admin, `bucket=start&limit=3&cursor=${p1.nextCursor}`);
    const p3 = await drill(t.admin, `bucket=start&limit=3&cursor=${p2.nextCursor}`);
    expect(p3.nextCursor).toBeNull();
    const names = [...p1.items, ...p2.items, ...p3.items].map((d: { name: string }) => d.name).sort();
    expect(names).toEqual(['A stays', 'B raised', 'C cut then pushed out', 'D pushed within', 'G won', 'H lost', 'J changed after the period', 'M other rep']);
    const pushed = (await drill(t.admin, 'bucket=pushed')).items;
    const c = pushed.find((d: { name: string }) => d.name === 'C cut then pushed out');
    expect(c).toMatchObject({ id: ids.get('C cut then pushed out'), accountName: '瑞金医院', ownerName: '李销售', atStart: { stage: 'negotiation', expectedCloseDate: '2026-10-15', amount: '300000.00' }, atEnd: { expectedCloseDate: '2026-11-20', amount: '240000.00' }, amountDelta: '-60000.00', pushed: true });
    expect((await drill(t.admin, 'bucket=moved_in')).items.map((d: { name: string }) => d.name)).toEqual(['E pulled in']);
    expect((await drill(t.admin, 'bucket=won')).items.map((d: { name: string }) => d.name).sort()).toEqual(['G won', 'I new and won']);
    expect((await drill(rep, 'bucket=start')).items.map((d: { name: string }) => d.name)).not.toContain('M other rep');
    expect((await t.admin.client.get(`/api/pipeline/changes/deals?period=2026-10&bucket=won&cursor=${p1.nextCursor}`)).statusCode).toBe(400);
  });

  it('refuses bad periods, buckets and ids', async () => {
    for (const q of ['period=2026-13', 'period=2026-Q5', 'period=oct', 'period=2099-01', 'teamId=abc', 'ownerId=1', 'extra=1']) {
      expect((await t.admin.client.get(`/api/pipeline/changes?${q}`)).statusCode, q).toBe(400);
    }
    expect((await t.admin.client.get('/api/pipeline/changes/deals?period=2026-10')).statusCode).toBe(400);
    expect((await t.admin.client.get('/api/pipeline/changes/deals?period=2026-10&bucket=everything')).statusCode).toBe(400);
    expect((await t.admin.client.get('/api/pipeline/changes')).statusCode).toBe(200);
  });
});
