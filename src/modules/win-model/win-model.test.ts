// The win-probability model end to end: a tenant with history gets boosted trees with holdout
// metrics as a new active version; a small tenant gets the shrunk stage baseline that still
// ranks sensibly; every score carries reasons that add up to it, a confidence and its version;
// annotations are kept and feed the next training; a sharp fall alerts owner and manager, and
// the alert is resolved when the deal recovers or closes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { verifyAuditChain } from '../../platform/events/audit-chain.ts';
import { winFixtures } from './win-model-fixtures.ts';
import { loadHistories } from './load-histories.ts';
import { trainingSet } from './feature-matrix.ts';
import { dealFeatures } from './deal-features.ts';
import { rescoreDeals } from './train-win-model.ts';
import { DROP_ALERT_KIND } from './score-deals.ts';
import { newId } from '../../platform/ids.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

interface ScoreBody {
  score: { probability: number; raw: number; bias: number; contributions: { feature: string; contribution: number }[]; topPositive: { feature: string; value: unknown; contribution: number }[]; topNegative: { feature: string; contribution: number }[]; confidence: { level: string; trainingRows: number }; model: { version: number; kind: string } } | null;
  annotations: { category: string; direction: string; note: string | null; authorId: string }[];
}

const probabilityOf = async (u: TestUser, dealId: string) => {
  const res = await u.client.get(`/api/opportunities/${dealId}/win-probability`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ScoreBody>();
};

/** an open deal in `stage`, moved there over the last weeks, touched at the given days ago */
const openDeal = (ownerId: string, stage: string, touchedDaysAgo: number[], dm = false) => {
  const order = ['qualified', 'solution', 'quoted', 'negotiation'];
  const path = order.slice(0, order.indexOf(stage) + 1);
  return {
    ownerId,
    createdAt: ago(70),
    moves: path.map((to, i) => ({ at: ago(60 - i * 10), to })),
    touches: touchedDaysAgo.map(ago),
    decisionMaker: dm,
    decisionMakerTouches: dm ? [ago(3)] : [],
  };
};

describe('a tenant with two hundred closed deals', () => {
  let t: TestTenant;
  let rep: TestUser;
  let open: string[];
  beforeAll(async () => {
    t = await makeTenant(server, '赢率模型租户');
    rep = await t.user('rep');
    const f = winFixtures(server, t.tenantId);
    await f.deals(f.closedHistory(240, rep.id));
    open = await f.deals([openDeal(rep.id, 'negotiation', [1, 3, 5, 8, 12, 20], true), openDeal(rep.id, 'qualified', [50])]);
  });

  it('trains boosted trees as version 1 with holdout metrics, then version 2 becomes the only active one', async () => {
    const first = await t.admin.client.post('/api/win-models/retrain');
    expect(first.statusCode, first.body).toBe(202);
    expect(first.json()).toMatchObject({ status: 'succeeded', progress: 1, trigger: 'admin', scored: 2 });
    const second = await t.admin.client.post('/api/win-models/retrain');
    expect(second.statusCode).toBe(202);
    const models = (await t.admin.client.get('/api/win-models')).json();
    expect(models.items.map((m: { version: number; active: boolean }) => [m.version, m.active])).toEqual([[2, true], [1, false]]);
    expect(models.active).toMatchObject({ version: 2, kind: 'gbdt', trainingRows: 240, positives: 120 });
    const m = models.active.metrics;
    expect(m).toMatchObject({ folds: 5, rows: 240 });
    expect(m.auc).toBeGreaterThan(0.8);
    expect(m.logloss).toBeGreaterThan(0);
    expect(m.brier).toBeLessThan(0.25);
    expect(m.calibration).toHaveLength(5);
    expect(models.latestRun).toMatchObject({ status: 'succeeded' });
    expect((await verifyAuditChain(server.db.kysely, t.tenantId)).problems).toEqual([]);
  });

  it('scores open deals with reasons that add up to the raw score, a calibrated probability, confidence and version', async () => {
    const hot = await probabilityOf(rep, open[0]);
    const cold = await probabilityOf(rep, open[1]);
    for (const body of [hot, cold]) {
      const s = body.score;
      if (!s) throw new Error('not scored');
      const sum = s.bias + s.contributions.reduce((acc, c) => acc + c.contribution, 0);
      expect(Math.abs(sum - s.raw)).toBeLessThan(1e-9);
      expect(s.probability).toBeGreaterThan(0);
      expect(s.probability).toBeLessThan(1);
      expect(s.model).toMatchObject({ version: 2, kind: 'gbdt' });
      expect(s.confidence.trainingRows).toBe(240);
      expect(['high', 'medium', 'low']).toContain(s.confidence.level);
    }
    expect(hot.score?.probability).toBeGreaterThan(cold.score?.probability ?? 1);
    expect(hot.score?.topPositive.length).toBeGreaterThan(0);
    expect(hot.score?.topPositive[0]).toHaveProperty('value');
    expect(cold.score?.topNegative.length).toBeGreaterThan(0);
    const history = (await rep.client.get(`/api/opportunities/${open[0]}/win-probability/history`)).json();
    expect(history.items.length).toBeGreaterThanOrEqual(1);
    expect(history.items[0]).toMatchObject({ modelVersion: 2 });
  });

  it('keeps an annotation with the prediction, audited, and the next training reads it as the deal\'s features', async () => {
    const res = await rep.client.post(`/api/opportunities/${open[1]}/win-probability/annotations`, { category: 'budget_confirmed', direction: 'too_low', note: '客户财务已批预算 💰' });
    expect(res.statusCode, res.body).toBe(201);
    const shown = await probabilityOf(rep, open[1]);
    expect(shown.annotations[0]).toMatchObject({ category: 'budget_confirmed', direction: 'too_low', note: '客户财务已批预算 💰', authorId: rep.id });
    const audited = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('audit_log').select('after').where('tenant_id', '=', t.tenantId).where('action', '=', 'win_annotation.created').execute());
    expect(audited).toHaveLength(1);

    // the deal is later won; the annotation was made well before its training moment
    await inTenant(server.db.kysely, t.tenantId, async (trx) => {
      await trx.updateTable('win_annotations').set({ created_at: ago(30) }).where('tenant_id', '=', t.tenantId).where('opportunity_id', '=', open[1]).execute();
      await trx.updateTable('opportunities').set({ stage: 'won', closed_at: new Date(), forecast_category: 'closed' }).where('tenant_id', '=', t.tenantId).where('id', '=', open[1]).execute();
    });
    const set = trainingSet(await inTenant(server.db.kysely, t.tenantId, (trx) => loadHistories(trx, t.tenantId, 'closed')));
    const row = set.vectors[set.dealIds.indexOf(open[1])];
    expect(row).toMatchObject({ annotation_category: 'budget_confirmed', annotation_direction: 'too_low' });
    expect(set.vectors.filter((v) => v.annotation_category === null)).toHaveLength(240);
  });
});

describe('features from what people recorded through the API', () => {
  it('reads stage moves, amount cuts, close-date pushes, decision-chain edits and competitor mentions back from the audit log', async () => {
    const t = await makeTenant(server, '特征租户');
    const rep = await t.user('rep');
    await t.admin.client.raw({ method: 'PUT', url: '/api/win-models/settings', payload: JSON.stringify({ competitorWords: ['迈瑞'] }), headers: { 'content-type': 'application/json' } });
    const account = (await rep.client.post('/api/accounts', { name: '苏州第一医院', industry: '医疗器械' })).json();
    const deal = (await rep.client.post('/api/opportunities', { name: '彩超采购', accountId: account.id, amount: '500000.00', expectedCloseDate: '2027-03-31' })).json();
    const contact = (await rep.client.post('/api/contacts', { name: '张主任', accountId: account.id, decisionRole: 'influencer' })).json();
    expect((await rep.client.patch(`/api/contacts/${contact.id}`, { decisionRole: 'decision_maker' })).statusCode).toBe(200);
    expect((await rep.client.post(`/api/opportunities/${deal.id}/stage`, { stage: 'qualified' })).statusCode).toBe(200);
    expect((await rep.client.patch(`/api/opportunities/${deal.id}`, { amount: '400000.00' })).statusCode).toBe(200);
    expect((await rep.client.patch(`/api/opportunities/${deal.id}`, { expectedCloseDate: '2027-04-30' })).statusCode).toBe(200);
    expect((await rep.client.post('/api/activities', { type: 'visit', occurredAt: new Date().toISOString(), subject: '拜访张主任', body: '客户说迈瑞也在报价', opportunityId: deal.id, accountId: account.id, contactIds: [contact.id] })).statusCode).toBe(201);
    const loaded = await inTenant(server.db.kysely, t.tenantId, (trx) => loadHistories(trx, t.tenantId, [deal.id]));
    const f = dealFeatures(loaded.histories[0], new Date(Date.now() + 1000), loaded.context);
    expect(f).toMatchObject({ stage_rank: 2, stage_changes: 1, amount_changes: 1, amount_change_pct: -20, amount_yuan: 400_000, close_date_pushes: 1, decision_maker_identified: 1, decision_chain_changes: 2, decision_maker_touches_30d: 1, touches_30d: 1, competitor_mentions: 1, industry: '医疗器械' });
  });
});

describe('a small tenant (50 closed deals)', () => {
  it('gets the stage-and-activity baseline, says so, and ranks a well-touched late deal above a cold early one', async () => {
    const t = await makeTenant(server, '小租户');
    const rep = await t.user('rep');
    const f = winFixtures(server, t.tenantId);
    await f.deals(f.closedHistory(50, rep.id, 3));
    const [hot, cold] = await f.deals([openDeal(rep.id, 'quoted', [1, 2, 4, 6, 9, 15], true), openDeal(rep.id, 'qualified', [55])]);
    const h = (await probabilityOf(rep, hot)).score;
    const c = (await probabilityOf(rep, cold)).score;
    expect(h?.model).toMatchObject({ version: 1, kind: 'baseline' });
    expect(h?.probability).toBeGreaterThan((c?.probability ?? 1) + 0.2);
    expect(c?.topNegative.map((x) => x.feature)).toContain('days_since_last_touch');
    expect(h?.confidence.level).not.toBe('high');
    expect(Math.abs((h?.bias ?? 0) + (h?.contributions ?? []).reduce((s, x) => s + x.contribution, 0) - (h?.raw ?? 0))).toBeLessThan(1e-9);
    const models = (await t.admin.client.get('/api/win-models')).json();
    expect(models.active).toMatchObject({ kind: 'baseline', trainingRows: 50, trigger: 'first_use' });
    expect(models.active.metrics.auc).toBeGreaterThan(0.6);
  });
});

describe('probability fell sharply', () => {
  it('alerts the owner and their manager once, with the factors that changed, and records a domain event', async () => {
    const t = await makeTenant(server, '骤降租户');
    const manager = await t.user('manager');
    const team = await t.team('华东组', { managerId: manager.id });
    const rep = await t.user('rep', { teamId: team });
    const other = await t.user('rep');
    const f = winFixtures(server, t.tenantId);
    const [deal] = await f.deals([openDeal(rep.id, 'negotiation', [0.5, 1, 2, 3, 5, 7, 9], true)]);
    expect((await t.admin.client.raw({ method: 'PUT', url: '/api/win-models/settings', payload: JSON.stringify({ dropAlertPoints: 15 }), headers: { 'content-type': 'application/json' } })).statusCode).toBe(200);
    const before = (await probabilityOf(rep, deal)).score?.probability ?? 0;
    // the same deal seen 50 days later, nobody having touched it since
    await rescoreDeals(server.db.kysely, t.tenantId, [deal], new Date(Date.now() + 50 * DAY));
    const after = (await probabilityOf(rep, deal)).score?.probability ?? 1;
    expect(before - after).toBeGreaterThanOrEqual(0.15);
    const alertsOf = async (u: TestUser) => (await u.client.get(`/api/alerts?kind=${DROP_ALERT_KIND}`)).json().items;
    const [mine] = await alertsOf(rep);
    expect(mine).toMatchObject({ entity: 'opportunities', entityId: deal, severity: 'warning' });
    expect(mine.evidence.threshold).toBe(15);
    // the workbench words it in the reader's language from these facts
    expect(mine.message).toMatchObject({ key: 'win_model.probability_dropped', params: { from: expect.closeTo(before, 3), to: expect.closeTo(after, 3), threshold: 15 } });
    expect(mine.evidence.factors.map((x: { feature: string }) => x.feature)).toEqual(expect.arrayContaining(['days_since_last_touch']));
    expect(await alertsOf(manager)).toHaveLength(1);
    expect(await alertsOf(other)).toHaveLength(0);
    await rescoreDeals(server.db.kysely, t.tenantId, [deal], new Date(Date.now() + 100 * DAY));
    expect(await alertsOf(rep)).toHaveLength(1);
    const events = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('events').select('payload').where('tenant_id', '=', t.tenantId).where('type', '=', 'opportunity.win_probability_dropped').execute());
    expect(events.length).toBeGreaterThanOrEqual(1);
  });
});

describe('a sharp-fall alert', () => {
  let t: TestTenant;
  let rep: TestUser;
  const alertsOf = async (status: 'open' | 'resolved') => (await rep.client.get(`/api/alerts?kind=${DROP_ALERT_KIND}&status=${status}`)).json().items as { entityId: string; resolvedAt: string | null }[];
  /** scores the deal as of now, then as of 50 days on with nobody having touched it: a fall of well over 15 points */
  const fall = async (deal: string) => {
    await probabilityOf(rep, deal);
    await rescoreDeals(server.db.kysely, t.tenantId, [deal], new Date(Date.now() + 50 * DAY));
    expect((await alertsOf('open')).map((a) => a.entityId)).toContain(deal);
  };
  beforeAll(async () => {
    t = await makeTenant(server, '骤降恢复租户');
    rep = await t.user('rep');
    expect((await t.admin.client.raw({ method: 'PUT', url: '/api/win-models/settings', payload: JSON.stringify({ dropAlertPoints: 15 }), headers: { 'content-type': 'application/json' } })).statusCode).toBe(200);
  });

  it('stays open while the deal is still down, and is resolved once its probability is back within the threshold', async () => {
    const [deal] = await winFixtures(server, t.tenantId).deals([openDeal(rep.id, 'negotiation', [0.5, 1, 2, 3, 5, 7, 9], true)]);
    await fall(deal);
    await rescoreDeals(server.db.kysely, t.tenantId, [deal], new Date(Date.now() + 51 * DAY));
    expect((await alertsOf('open')).map((a) => a.entityId)).toContain(deal);
    // the rep goes back: a week of visits with the decision maker, then the deal is scored again
    const later = (days: number) => new Date(Date.now() + days * DAY);
    await inTenant(server.db.kysely, t.tenantId, async (trx) => {
      const { account_id } = await trx.selectFrom('opportunities').select('account_id').where('tenant_id', '=', t.tenantId).where('id', '=', deal).executeTakeFirstOrThrow();
      const contacts = await trx.selectFrom('contacts').select('id').where('tenant_id', '=', t.tenantId).where('account_id', '=', account_id).execute();
      const visits = [51, 51.5, 52, 53, 54, 55, 56, 57].map((d) => ({ id: newId(), tenant_id: t.tenantId, type: 'visit', occurred_at: later(d), logged_at: later(d), subject: '回访客户，决策人确认预算', body: null, mood: null, account_id, opportunity_id: deal, contact_ids: contacts.map((c) => c.id), owner_id: rep.id, created_at: later(d), updated_at: later(d) }));
      await trx.insertInto('activities').values(visits).execute();
    });
    await rescoreDeals(server.db.kysely, t.tenantId, [deal], later(57.5));
    expect((await alertsOf('open')).map((a) => a.entityId)).not.toContain(deal);
    expect((await alertsOf('resolved')).map((a) => a.entityId)).toContain(deal);
  });

  it('is resolved when the deal closes', async () => {
    const [deal] = await winFixtures(server, t.tenantId).deals([openDeal(rep.id, 'negotiation', [0.5, 1, 2, 3, 5, 7, 9], true)]);
    await fall(deal);
    const lost = await rep.client.post(`/api/opportunities/${deal}/stage`, { stage: 'lost', reason: '客户预算取消' });
    expect(lost.statusCode, lost.body).toBe(200);
    // what the re-score job queued by the stage change does
    await rescoreDeals(server.db.kysely, t.tenantId, [deal]);
    expect((await alertsOf('open')).map((a) => a.entityId)).not.toContain(deal);
    expect((await alertsOf('resolved')).map((a) => a.entityId)).toContain(deal);
  });
});

describe('scope, roles and validation', () => {
  let t: TestTenant;
  let owner: TestUser;
  let deal: string;
  beforeAll(async () => {
    t = await makeTenant(server, '权限租户');
    owner = await t.user('rep');
    [deal] = await winFixtures(server, t.tenantId).deals([openDeal(owner.id, 'solution', [2])]);
  });

  it('another tenant and another rep see nothing; only admins retrain or change settings; leaders read models', async () => {
    const stranger = await makeTenant(server, '别的租户');
    const otherRep = await t.user('rep');
    const manager = await t.user('manager');
    expect((await stranger.admin.client.get(`/api/opportunities/${deal}/win-probability`)).statusCode).toBe(404);
    expect((await otherRep.client.get(`/api/opportunities/${deal}/win-probability`)).statusCode).toBe(404);
    expect((await otherRep.client.get(`/api/opportunities/${deal}/win-probability/history`)).statusCode).toBe(404);
    expect((await otherRep.client.post(`/api/opportunities/${deal}/win-probability/annotations`, { category: 'other', direction: 'too_high', note: 'x' })).statusCode).toBe(404);
    expect((await stranger.admin.client.post(`/api/opportunities/${deal}/win-probability/rescore`)).statusCode).toBe(404);
    expect((await owner.client.get('/api/win-models')).statusCode).toBe(403);
    expect((await manager.client.get('/api/win-models')).statusCode).toBe(200);
    expect((await manager.client.post('/api/win-models/retrain')).statusCode).toBe(403);
    expect((await owner.client.raw({ method: 'PUT', url: '/api/win-models/settings', payload: JSON.stringify({ dropAlertPoints: 10 }), headers: { 'content-type': 'application/json' } })).statusCode).toBe(403);
    const run = (await t.admin.client.post('/api/win-models/retrain')).json();
    expect((await stranger.admin.client.get(`/api/win-models/runs/${run.id}`)).statusCode).toBe(404);
    expect((await stranger.admin.client.get('/api/win-models')).json().items).toEqual([]);
  });

  it('refuses bad annotations and settings with a 400 and writes nothing', async () => {
    const post = (body: unknown) => owner.client.post(`/api/opportunities/${deal}/win-probability/annotations`, body);
    for (const body of [{ category: '预算已确认', direction: 'too_low' }, { category: 'budget_confirmed', direction: 'higher' }, { category: 'budget_confirmed' }, { category: 'budget_confirmed', direction: 'too_low', note: 'x'.repeat(2001) }, { category: 'budget_confirmed', direction: 'too_low', extra: 1 }, { category: 'other', direction: 'too_low' }, { category: 'other', direction: 'too_low', note: '   ' }]) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.code).toBe('validation_failed');
    }
    for (const payload of [{ dropAlertPoints: 0 }, { dropAlertPoints: 101 }, { dropAlertPoints: 12.5 }, { competitorWords: [''] }, { foo: 1 }]) {
      const res = await t.admin.client.raw({ method: 'PUT', url: '/api/win-models/settings', payload: JSON.stringify(payload), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
    }
    expect((await owner.client.get('/api/opportunities/not-a-uuid/win-probability')).statusCode).toBe(400);
    const annotations = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('win_annotations').select('id').where('tenant_id', '=', t.tenantId).execute());
    expect(annotations).toEqual([]);
  });
});
