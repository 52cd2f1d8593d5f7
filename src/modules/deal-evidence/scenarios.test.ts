// A deal's three scenarios through the API: validated (pessimistic ≤ neutral ≤ optimistic
// amounts, dates in order and ahead), each value compared with a constructed history of similar
// won deals: 2.1σ is flagged, 1.9σ is not, too little history is unknown; scopes and tenants hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { backfillHistory } from '../../platform/events/backfill-history.ts';
import { dealWithContacts, salesTeam, shanghaiDay } from './test-fixtures.ts';

let server: TestServer;
let t: TestTenant;
let team: Awaited<ReturnType<typeof salesTeam>>;
beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '情景租户');
  team = await salesTeam(t);
});
afterAll(() => server?.stop());

const DAY = 86_400_000;
// ten won deals: ln(amount) is mu ± A and the cycle 60 ± 10 days, so the sample σ is A·√(10/9) and 10·√(10/9)
const MU = Math.log(200_000 * 100);
const A = 0.3;
const SIGMA = A * Math.sqrt(10 / 9);
const CYCLE_SIGMA = 10 * Math.sqrt(10 / 9);
const yuan = (lnCents: number) => (Math.round(Math.exp(lnCents)) / 100).toFixed(2);

async function wonHistory(tenant: TestTenant, ownerId: string, industry: string, size: string, count = 10) {
  await inTenant(server.db.kysely, tenant.tenantId, async (trx) => {
    const accountId = newId();
    await trx.insertInto('accounts').values({ id: accountId, tenant_id: tenant.tenantId, name: `历史客户 ${newId().slice(-6)}`, industry, size, owner_id: ownerId, updated_at: new Date() }).execute();
    const closedAt = new Date(Date.now() - 100 * DAY);
    await trx
      .insertInto('opportunities')
      .values(
        Array.from({ length: count }, (_, i) => {
          const side = i % 2 === 0 ? -1 : 1;
          return { id: newId(), tenant_id: tenant.tenantId, account_id: accountId, name: `历史成交 ${i}`, amount_cents: Math.round(Math.exp(MU + side * A)), stage: 'won', forecast_category: 'closed', owner_id: ownerId, closed_at: closedAt, created_at: new Date(closedAt.getTime() - (60 + side * 10) * DAY), updated_at: closedAt, stage_changed_at: closedAt };
        }),
      )
      .execute();
  });
}
const put = (u: TestUser, dealId: string, body: unknown) => u.client.raw({ method: 'PUT', url: `/api/opportunities/${dealId}/scenarios`, payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const day = shanghaiDay;
const good = () => ({
  optimistic: { amount: yuan(MU + 2.1 * SIGMA), closeDate: day(55) },
  neutral: { amount: yuan(MU + 1.9 * SIGMA), closeDate: day(60) },
  pessimistic: { amount: yuan(MU), closeDate: day(Math.ceil(60 + 2.1 * CYCLE_SIGMA)) },
});
const storedScenarios = (tenantId: string, dealId: string) => inTenant(server.db.kysely, tenantId, (trx) => trx.selectFrom('deal_scenarios').selectAll().where('opportunity_id', '=', dealId).execute());

describe('three scenarios and the 2σ flag', () => {
  it('flags an amount 2.1σ above similar won deals (log scale) and a cycle 2.1σ long, not values at 1.9σ, saying mean, σ, n, z and the similarity used', async () => {
    await wonHistory(t, team.rep.id, 'medical', 'large');
    const d = await dealWithContacts(team.rep, {}, { industry: 'medical', size: 'large' });
    const res = await put(team.rep, d.dealId, good());
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.history).toMatchObject({ similarity: 'industry_size', n: 10, minimum: 8, tried: [{ level: 'industry_size_product', n: null }, { level: 'industry_size', n: 10 }] });
    const { optimistic, neutral, pessimistic } = body.scenarios;
    expect(optimistic.amountFlag).toMatchObject({ state: 'flagged', n: 10, similarity: 'industry_size', scale: 'log', mean: '200000.00' });
    expect(optimistic.amountFlag.z).toBeCloseTo(2.1, 2);
    expect(optimistic.amountFlag.sigma).toBeCloseTo(SIGMA, 3);
    expect(optimistic.amountFlag.reason).toContain('more than 2σ');
    expect(neutral.amountFlag).toMatchObject({ state: 'ok' });
    expect(neutral.amountFlag.z).toBeCloseTo(1.9, 2);
    expect(pessimistic.amountFlag).toMatchObject({ state: 'ok', z: 0 });
    expect(neutral.cycleFlag).toMatchObject({ state: 'ok', cycleDays: 60, mean: 60, z: 0 });
    expect(pessimistic.cycleFlag.state).toBe('flagged');
    expect(pessimistic.cycleFlag.z).toBeGreaterThan(2);
    expect((await team.rep.client.get(`/api/opportunities/${d.dealId}/scenarios`)).json().scenarios.optimistic.amountFlag.state).toBe('flagged');
  });

  it('judges the close date of a deal in 已报价 by how long similar won deals took from entering 已报价 to winning, when their moves are on record', async () => {
    const tenant = await makeTenant(server, '阶段周期租户');
    const rep = await tenant.user('rep');
    await wonHistory(tenant, rep.id, 'saas', 'medium');
    // each won deal entered 已报价 20 ± 5 days before it was won
    await inTenant(server.db.kysely, tenant.tenantId, async (trx) => {
      const won = await trx.selectFrom('opportunities').select(['id', 'closed_at']).where('tenant_id', '=', tenant.tenantId).where('stage', '=', 'won').orderBy('name').execute();
      await backfillHistory(trx, tenant.tenantId, won.map((w, i) => ({ at: new Date((w.closed_at as Date).getTime() - (20 + (i % 2 === 0 ? -5 : 5)) * DAY), action: 'opportunity.stage_changed', entity: 'opportunities', entityId: w.id, actorId: null, before: { stage: 'solution' }, after: { stage: 'quoted' } })));
    });
    const d = await dealWithContacts(rep, {}, { industry: 'saas', size: 'medium' });
    await inTenant(server.db.kysely, tenant.tenantId, (trx) => trx.updateTable('opportunities').set({ stage: 'quoted', stage_changed_at: new Date() }).where('id', '=', d.dealId).execute());
    const stageSigma = 5 * Math.sqrt(10 / 9);
    const res = await put(rep, d.dealId, { optimistic: { amount: yuan(MU), closeDate: day(20) }, neutral: { amount: yuan(MU), closeDate: day(21) }, pessimistic: { amount: yuan(MU), closeDate: day(Math.ceil(20 + 2.1 * stageSigma)) } });
    expect(res.statusCode, res.body).toBe(200);
    const { scenarios } = res.json();
    expect(scenarios.neutral.cycleFlag).toMatchObject({ state: 'ok', measure: 'from_stage', stage: 'quoted', n: 10, mean: 20 });
    expect(scenarios.pessimistic.cycleFlag).toMatchObject({ state: 'flagged', measure: 'from_stage', stage: 'quoted' });
    // judged from creation, the same 20 days would be far below the 60-day whole cycle
    expect(scenarios.optimistic.cycleFlag.cycleDays).toBe(20);
  });

  it('too little similar history, even tenant-wide, makes every flag unknown, not ok', async () => {
    const tenant = await makeTenant(server, '新租户');
    const rep = await tenant.user('rep');
    await wonHistory(tenant, rep.id, 'saas', 'small', 3);
    const d = await dealWithContacts(rep, {}, { industry: 'saas', size: 'small' });
    const body = (await put(rep, d.dealId, good())).json();
    expect(body.history).toMatchObject({ similarity: null, n: 0 });
    for (const k of ['optimistic', 'neutral', 'pessimistic']) {
      expect(body.scenarios[k].amountFlag).toMatchObject({ state: 'unknown', z: null, mean: null });
      expect(body.scenarios[k].cycleFlag.state).toBe('unknown');
    }
    expect(body.scenarios.neutral.amountFlag.reason).toContain('Too little history');
  });

  it('a deal with no scenarios yet says so (null), with the history it would be compared with', async () => {
    const d = await dealWithContacts(team.rep, {}, { industry: 'medical', size: 'large' });
    expect((await team.rep.client.get(`/api/opportunities/${d.dealId}/scenarios`)).json()).toMatchObject({ scenarios: null, history: { similarity: 'industry_size', n: 10 } });
  });

  it('refuses amounts or dates out of order, past dates and zero amounts with 400, and writes nothing', async () => {
    const d = await dealWithContacts(team.rep);
    const g = good();
    for (const bad of [
      { ...g, pessimistic: { ...g.pessimistic, amount: '99999999.00' } },
      { ...g, optimistic: { ...g.optimistic, amount: '1.00' } },
      { ...g, optimistic: { ...g.optimistic, closeDate: day(90) } },
      { ...g, optimistic: { ...g.optimistic, closeDate: day(-1) } },
      { ...g, pessimistic: { ...g.pessimistic, closeDate: day(365 * 6) } },
      { optimistic: { amount: '0', closeDate: day(1) }, neutral: { amount: '0', closeDate: day(1) }, pessimistic: { amount: '0', closeDate: day(1) } },
      { ...g, neutral: { amount: '1.234', closeDate: day(60) } },
      { optimistic: g.optimistic, neutral: g.neutral },
      { ...g, likely: g.neutral },
    ]) {
      expect((await put(team.rep, d.dealId, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect(await storedScenarios(t.tenantId, d.dealId)).toEqual([]);
  });

  it('other tenants and reps outside the deal get 404; a closed deal gets 422; every change is audited', async () => {
    const d = await dealWithContacts(team.rep);
    const other = await makeTenant(server, '外租户');
    for (const u of [other.admin, team.outsider]) {
      expect((await put(u, d.dealId, good())).statusCode).toBe(404);
      expect((await u.client.get(`/api/opportunities/${d.dealId}/scenarios`)).statusCode).toBe(404);
    }
    expect((await put(team.manager, d.dealId, good())).statusCode).toBe(200);
    expect((await team.rep.client.post(`/api/opportunities/${d.dealId}/stage`, { stage: 'lost', reason: '预算取消' })).statusCode).toBe(200);
    const closed = await put(team.rep, d.dealId, good());
    expect(closed.statusCode).toBe(422);
    expect(closed.json().error.message).toContain('open deals');
    const events = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('events').select(['type', 'actor_id']).where('entity_id', '=', d.dealId).where('type', '=', 'deal_scenarios.set').execute());
    expect(events).toEqual([{ type: 'deal_scenarios.set', actor_id: team.manager.id }]);
  });
});
