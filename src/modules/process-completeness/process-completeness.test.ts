// Process completeness: per rep and team, the share of open deals touched in 14 days, with a
// decision maker on the account and a recent competition note; drill-down to the failing deals.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { insertOpportunity } from '../activities/test-records.ts';

let server: TestServer;
let t: TestTenant;
let teamId: string;
let manager: TestUser;
let a: TestUser;
let b: TestUser;
const deals: Record<string, string> = {};
const DAY = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '过程完整度租户');
  teamId = await t.team('华东一部');
  manager = await t.user('manager', { teamId, name: '王经理' });
  a = await t.user('rep', { teamId, name: '李甲' });
  b = await t.user('rep', { name: '赵乙' });
  const run = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(server.db.kysely, t.tenantId, fn);
  const account = async (name: string, ownerId: string, decisionRole: string) => {
    const id = newId();
    await run(async (trx) => {
      await trx.insertInto('accounts').values({ id, tenant_id: t.tenantId, name, owner_id: ownerId, custom: '{}', updated_at: new Date() }).execute();
      await trx.insertInto('contacts').values({ id: newId(), tenant_id: t.tenantId, account_id: id, name: '联系人', decision_role: decisionRole, owner_id: ownerId, custom: '{}', updated_at: new Date() }).execute();
    });
    return id;
  };
  const touch = (opportunityId: string, ownerId: string, occurredAt: Date, type = 'visit') =>
    run((trx) => trx.insertInto('activities').values({ id: newId(), tenant_id: t.tenantId, type, occurred_at: occurredAt, subject: '接触', opportunity_id: opportunityId, owner_id: ownerId, contact_ids: [], updated_at: new Date() }).execute());
  const note = (opportunityId: string, body: string, updatedAt: Date) =>
    run((trx) => trx.insertInto('notes').values({ id: newId(), tenant_id: t.tenantId, entity: 'opportunities', entity_id: opportunityId, body, author_id: a.id, updated_at: updatedAt }).execute());

  const x = await account('瑞金医院', a.id, 'decision_maker');
  const y = await account('仁济医院', a.id, 'influencer');
  deals.complete = await insertOpportunity(server, t.tenantId, { accountId: x, ownerId: a.id, name: '齐全的商机' });
  await touch(deals.complete, a.id, ago(3));
  await note(deals.complete, '客户在比较竞品的参数 #竞品', ago(5));
  deals.stale = await insertOpportunity(server, t.tenantId, { accountId: y, ownerId: a.id, name: '冷掉的商机' });
  await touch(deals.stale, a.id, ago(20));
  await touch(deals.stale, a.id, ago(1), 'note');
  await touch(deals.stale, a.id, new Date(Date.now() + 5 * DAY));
  await note(deals.stale, '友商报价更低', ago(40));
  deals.noCompetition = await insertOpportunity(server, t.tenantId, { accountId: x, ownerId: a.id, name: '没有竞争信息的商机' });
  await note(deals.noCompetition, '价格谈判进展顺利', ago(2));
  deals.won = await insertOpportunity(server, t.tenantId, { accountId: y, ownerId: a.id, name: '已赢单' });
  await run((trx) => trx.updateTable('opportunities').set({ stage: 'won' }).where('id', '=', deals.won).execute());
  const z = await account('华山医院', b.id, 'user');
  deals.other = await insertOpportunity(server, t.tenantId, { accountId: z, ownerId: b.id, name: 'Competitor analysis pending' });
  await note(deals.other, 'Main competitor is cheaper 💸', ago(1));
});
afterAll(() => server?.stop());

const summary = async (u: TestUser, groupBy = 'rep') => (await u.client.get(`/api/metrics/process-completeness?groupBy=${groupBy}`)).json();
const drill = async (u: TestUser, query: string) => (await u.client.get(`/api/metrics/process-completeness/deals?${query}`)).json();
const names = (page: { items: Array<{ name: string }> }) => page.items.map((d) => d.name).sort();

describe('process completeness', () => {
  it('counts, per rep, the open deals passing each check (won and lost deals are left out)', async () => {
    const res = await summary(t.admin);
    expect(res.items).toEqual([
      { id: a.id, name: '李甲', openDeals: 3, touch14: { met: 1, share: 0.3333 }, decisionMaker: { met: 2, share: 0.6667 }, competition: { met: 1, share: 0.3333 } },
      { id: b.id, name: '赵乙', openDeals: 1, touch14: { met: 0, share: 0 }, decisionMaker: { met: 0, share: 0 }, competition: { met: 1, share: 1 } },
    ]);
    expect(res.total).toMatchObject({ openDeals: 4, touch14: { met: 1, share: 0.25 } });
    expect(res.definitions.competition).toContain('竞品');
  });

  it('rolls up per team (people without a team form their own group) and follows the data scope', async () => {
    const byTeam = await summary(t.admin, 'team');
    expect(byTeam.items.map((g: { id: string | null; name: string | null; openDeals: number }) => [g.id, g.name, g.openDeals])).toEqual([
      [teamId, '华东一部', 3],
      [null, null, 1],
    ]);
    expect((await summary(a)).items.map((g: { id: string }) => g.id)).toEqual([a.id]);
    expect((await summary(manager)).items.map((g: { id: string }) => g.id)).toEqual([a.id]);
    expect((await summary(b)).items.map((g: { id: string }) => g.id)).toEqual([b.id]);
    const stranger = await makeTenant(server, '陌生租户');
    expect((await summary(stranger.admin)).items).toEqual([]);
    expect((await summary(stranger.admin)).total.touch14.share).toBeNull();
  });

  it('drills down to the deals failing a check, with their last touch, in cursor pages', async () => {
    expect(names(await drill(t.admin, 'check=touch14'))).toEqual(['Competitor analysis pending', '冷掉的商机', '没有竞争信息的商机'].sort());
    expect(names(await drill(t.admin, `check=touch14&ownerId=${a.id}`))).toEqual(['冷掉的商机', '没有竞争信息的商机'].sort());
    expect(names(await drill(t.admin, 'check=decision_maker'))).toEqual(['Competitor analysis pending', '冷掉的商机'].sort());
    expect(names(await drill(t.admin, 'check=competition'))).toEqual(['冷掉的商机', '没有竞争信息的商机'].sort());
    const stale = (await drill(a, 'check=touch14')).items.find((d: { id: string }) => d.id === deals.stale);
    expect(new Date(stale.lastTouchAt).getTime()).toBeLessThan(ago(19).getTime()); // the 20-day-old visit: not the note, not the future-dated one
    expect(stale).toMatchObject({ accountName: '仁济医院', ownerName: '李甲', stage: 'lead', failedCheck: 'touch14' });

    const p1 = await drill(t.admin, 'check=touch14&limit=2');
    const p2 = await drill(t.admin, `check=touch14&limit=2&cursor=${p1.nextCursor}`);
    expect(p1.items).toHaveLength(2);
    expect(p2).toMatchObject({ nextCursor: null });
    expect(names({ items: [...p1.items, ...p2.items] })).toEqual(names(await drill(t.admin, 'check=touch14')));
    expect((await t.admin.client.get(`/api/metrics/process-completeness/deals?check=competition&cursor=${p1.nextCursor}`)).statusCode).toBe(400);
  });

  it("a rep drilling into someone else's deals sees nothing; bad checks and parameters are refused", async () => {
    expect((await drill(b, `check=touch14&ownerId=${a.id}`)).items).toEqual([]);
    for (const q of ['', 'check=everything', "check=touch14' or 1=1", 'check=touch14&ownerId=abc', 'check=touch14&limit=0', 'check=touch14&sort=name']) {
      expect((await a.client.get(`/api/metrics/process-completeness/deals?${q}`)).statusCode, q).toBe(400);
    }
    expect((await a.client.get('/api/metrics/process-completeness?groupBy=region')).statusCode).toBe(400);
  });
});
