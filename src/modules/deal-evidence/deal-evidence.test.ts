// A deal's evidence through the API: proofs climb the four stages in order and set the
// credibility weight; out-of-order, future and unauthorised-signer proofs are refused with their
// reasons and nothing written; checks re-run on read; scopes and tenants hold.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { activityOn, dealWithContacts, documentOn, evidenceCount, salesTeam, shanghaiDay } from './test-fixtures.ts';
import { loadCredibility } from './credibility.ts';

let server: TestServer;
let t: TestTenant;
let team: Awaited<ReturnType<typeof salesTeam>>;
beforeAll(async () => {
  server = await startTestServer();
  t = await makeTenant(server, '证据租户');
  team = await salesTeam(t);
});
afterAll(() => server?.stop());

const evidence = (u: TestUser, dealId: string) => u.client.get(`/api/opportunities/${dealId}/evidence`);
const add = (u: TestUser, dealId: string, body: Record<string, unknown>) => u.client.post(`/api/opportunities/${dealId}/evidence`, body);
const day = shanghaiDay;

/** a deal proven up to 商务达成: lead 30 days ago, solution 20, commercial 10 */
async function provenDeal(rep: TestUser) {
  const d = await dealWithContacts(rep);
  const lead = await activityOn(rep, d.dealId, day(-30), '首次拜访，确认采购意向');
  const solutionDoc = await documentOn(server, t.tenantId, d.dealId, 'tech_comparison', '技术方案确认函.pdf');
  const commercial = await activityOn(rep, d.dealId, day(-10), '商务谈判，价格条款达成一致', 'email');
  for (const body of [
    { stage: 'lead', activityId: lead },
    { stage: 'solution_confirmed', attachmentId: solutionDoc, documentDate: day(-20) },
    { stage: 'commercial_agreed', activityId: commercial },
  ]) {
    const res = await add(rep, d.dealId, body);
    expect(res.statusCode, res.body).toBe(201);
  }
  return d;
}

describe('evidence stages', () => {
  it('a deal with no proofs has no evidence stage and no weight (unknown, not zero)', async () => {
    const d = await dealWithContacts(team.rep);
    const res = await evidence(team.rep, d.dealId);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ evidenceStage: null, credibility: { evidenceStage: null, stageWeight: null, weight: null, decayFactor: 1 } });
    expect(body.stages.map((s: { key: string; label: string; status: string }) => [s.key, s.label, s.status])).toEqual([
      ['lead', '线索', 'missing'],
      ['solution_confirmed', '方案确认', 'missing'],
      ['commercial_agreed', '商务达成', 'missing'],
      ['legal_closed', '法务闭环', 'missing'],
    ]);
  });

  it('proofs in order climb the stages; 法务闭环 signed by a decision maker reaches 90%', async () => {
    const d = await provenDeal(team.rep);
    expect((await evidence(team.rep, d.dealId)).json()).toMatchObject({ evidenceStage: 'commercial_agreed', credibility: { stageWeight: 0.6, weight: 0.6 } });
    const contract = await documentOn(server, t.tenantId, d.dealId);
    const res = await add(team.rep, d.dealId, { stage: 'legal_closed', attachmentId: contract, documentDate: day(-2), signerContactId: d.decisionMaker, note: '院长签字盖章' });
    expect(res.statusCode, res.body).toBe(201);
    const state = res.json();
    expect(state).toMatchObject({ evidenceStage: 'legal_closed', failures: [], credibility: { evidenceStage: 'legal_closed', stageWeight: 0.9, weight: 0.9, decayFactor: 1 } });
    const legal = state.stages[3];
    expect(legal).toMatchObject({ key: 'legal_closed', status: 'passed', firstDate: day(-2), weight: 0.9 });
    expect(legal.proofs[0]).toMatchObject({ source: 'attachment', date: day(-2), passed: true, signer: { contactId: d.decisionMaker, name: '张院长', decisionRole: 'decision_maker' }, attachment: { filename: '采购合同（盖章版）.pdf' }, note: '院长签字盖章' });
    expect(state.stages[0].proofs[0]).toMatchObject({ source: 'activity', date: day(-30), activity: { subject: '首次拜访，确认采购意向', type: 'meeting' } });
    const events = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('events').select('type').where('type', '=', 'deal_evidence.added').where('payload', '@>', JSON.stringify({ opportunityId: d.dealId })).execute());
    expect(events).toHaveLength(4);
  });
});

describe('the time-logic and signing-authority checks', () => {
  it('refuses a proof dated before an earlier stage’s, with the reason, and writes nothing', async () => {
    const d = await provenDeal(team.rep);
    const before = await evidenceCount(server, t.tenantId, d.dealId);
    const early = await documentOn(server, t.tenantId, d.dealId);
    const res = await add(team.rep, d.dealId, { stage: 'legal_closed', attachmentId: early, documentDate: day(-15), signerContactId: d.decisionMaker });
    expect(res.statusCode).toBe(422);
    const error = res.json().error;
    expect(error).toMatchObject({ code: 'unprocessable', details: { reason: 'evidence_check_failed', checks: [{ code: 'out_of_order', stage: 'legal_closed', params: { date: day(-15), earlierStage: 'commercial_agreed', earlierDate: day(-10) } }] } });
    expect(error.message).toContain('a later stage cannot be proven before an earlier one');
    // a further 线索 proof dated later is in order: the stage was first proven 30 days ago
    const late = await activityOn(team.rep, d.dealId, day(-5), '补充需求调研');
    const res2 = await add(team.rep, d.dealId, { stage: 'lead', activityId: late });
    expect(res2.statusCode, res2.body).toBe(201);
    expect(await evidenceCount(server, t.tenantId, d.dealId)).toBe(before + 1);
  });

  it('refuses an earlier-stage proof that would put an existing later proof out of order, naming that proof', async () => {
    const d = await dealWithContacts(team.rep);
    const commercial = await activityOn(team.rep, d.dealId, day(-10), '报价确认');
    const proofId = (await add(team.rep, d.dealId, { stage: 'commercial_agreed', activityId: commercial })).json().stages[2].proofs[0].id;
    const late = await activityOn(team.rep, d.dealId, day(-4), '首次接触');
    const res = await add(team.rep, d.dealId, { stage: 'lead', activityId: late });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.checks).toEqual([expect.objectContaining({ code: 'out_of_order', proofId, params: { date: day(-10), earlierStage: 'lead', earlierDate: day(-4) } })]);
    expect(await evidenceCount(server, t.tenantId, d.dealId)).toBe(1);
  });

  it('refuses a document dated in the future', async () => {
    const d = await dealWithContacts(team.rep);
    const doc = await documentOn(server, t.tenantId, d.dealId, 'minutes', '会议纪要.docx');
    const res = await add(team.rep, d.dealId, { stage: 'lead', attachmentId: doc, documentDate: day(3) });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details.checks).toEqual([expect.objectContaining({ code: 'future_date', params: { date: day(3), today: day(0) } })]);
    expect(res.json().error.message).toContain('cannot come from the future');
    expect(await evidenceCount(server, t.tenantId, d.dealId)).toBe(0);
  });

  it('refuses a signer who is not a decision maker, or not of the deal’s account', async () => {
    const d = await provenDeal(team.rep);
    const contract = await documentOn(server, t.tenantId, d.dealId);
    const influencer = await add(team.rep, d.dealId, { stage: 'legal_closed', attachmentId: contract, documentDate: day(-1), signerContactId: d.influencer });
    expect(influencer.statusCode).toBe(422);
    expect(influencer.json().error.details.checks).toEqual([expect.objectContaining({ code: 'signer_not_decision_maker', params: expect.objectContaining({ signer: '李主任', decisionRole: 'influencer' }) })]);
    expect(influencer.json().error.message).toContain('only a decision maker has signing authority');
    const stranger = (await dealWithContacts(team.rep)).decisionMaker;
    const elsewhere = await add(team.rep, d.dealId, { stage: 'legal_closed', attachmentId: contract, documentDate: day(-1), signerContactId: stranger });
    expect(elsewhere.json().error.details.checks[0].code).toBe('signer_not_account_contact');
    expect((await evidence(team.rep, d.dealId)).json().evidenceStage).toBe('commercial_agreed');
  });

  it('re-checks on read: when the signer loses the decision-maker role the deal is held at 商务达成, saying why', async () => {
    const d = await provenDeal(team.rep);
    const contract = await documentOn(server, t.tenantId, d.dealId);
    expect((await add(team.rep, d.dealId, { stage: 'legal_closed', attachmentId: contract, documentDate: day(-1), signerContactId: d.decisionMaker })).statusCode).toBe(201);
    expect((await team.rep.client.patch(`/api/contacts/${d.decisionMaker}`, { decisionRole: 'user' })).statusCode).toBe(200);
    const state = (await evidence(team.rep, d.dealId)).json();
    expect(state).toMatchObject({ evidenceStage: 'commercial_agreed', credibility: { weight: 0.6 } });
    expect(state.stages[3]).toMatchObject({ status: 'failed', proofs: [{ passed: false, checks: [{ code: 'signer_not_decision_maker' }] }] });
    expect(state.credibility.reasons.join(' ')).toContain('Held at 商务达成');
  });
});

describe('the evidence API', () => {
  it('bad requests get 400/409/422 and write nothing', async () => {
    const d = await dealWithContacts(team.rep);
    const act = await activityOn(team.rep, d.dealId, day(-3));
    const doc = await documentOn(server, t.tenantId, d.dealId);
    const otherDeal = await dealWithContacts(team.rep);
    const foreignAct = await activityOn(team.rep, otherDeal.dealId, day(-3));
    const foreignDoc = await documentOn(server, t.tenantId, otherDeal.dealId);
    const cases: Array<[Record<string, unknown>, number]> = [
      [{ stage: 'lead' }, 400],
      [{ stage: 'lead', activityId: act, attachmentId: doc, documentDate: day(-3) }, 400],
      [{ stage: 'lead', attachmentId: doc }, 400],
      [{ stage: 'lead', activityId: act, documentDate: day(-3) }, 400],
      [{ stage: 'legal_closed', attachmentId: doc, documentDate: day(-3) }, 400],
      [{ stage: 'lead', activityId: act, signerContactId: d.decisionMaker }, 400],
      [{ stage: 'won', activityId: act }, 400],
      [{ stage: 'lead', activityId: 'not-an-id' }, 400],
      [{ stage: 'lead', attachmentId: doc, documentDate: '2026-02-30' }, 400],
      [{ stage: 'lead', activityId: act, extra: 1 }, 400],
      [{ stage: 'lead', activityId: foreignAct }, 422],
      [{ stage: 'lead', attachmentId: foreignDoc, documentDate: day(-3) }, 422],
    ];
    for (const [body, status] of cases) expect((await add(team.rep, d.dealId, body)).statusCode, JSON.stringify(body)).toBe(status);
    expect(await evidenceCount(server, t.tenantId, d.dealId)).toBe(0);
    expect((await add(team.rep, d.dealId, { stage: 'lead', activityId: act })).statusCode).toBe(201);
    expect((await add(team.rep, d.dealId, { stage: 'lead', activityId: act })).statusCode).toBe(409);
    expect(await evidenceCount(server, t.tenantId, d.dealId)).toBe(1);
  });

  it("other tenants and reps outside the deal's scope get 404; the rep's manager sees it; only the adder or a leader removes", async () => {
    const d = await dealWithContacts(team.rep);
    const act = await activityOn(team.rep, d.dealId, day(-3));
    const state = (await add(team.rep, d.dealId, { stage: 'lead', activityId: act })).json();
    const proofId = state.stages[0].proofs[0].id;
    const other = await makeTenant(server, '别的租户');
    for (const u of [other.admin, team.outsider]) {
      expect((await evidence(u, d.dealId)).statusCode).toBe(404);
      expect((await add(u, d.dealId, { stage: 'lead', activityId: act })).statusCode).toBe(404);
      expect((await u.client.delete(`/api/opportunities/${d.dealId}/evidence/${proofId}`)).statusCode).toBe(404);
    }
    expect((await evidence(team.manager, d.dealId)).statusCode).toBe(200);
    const colleague = await t.user('rep', { teamId: team.teamId });
    expect((await colleague.client.get(`/api/opportunities/${d.dealId}/evidence`)).statusCode).toBe(404);
    expect((await team.rep.client.delete(`/api/opportunities/${d.dealId}/evidence/00000000-0000-7000-8000-000000000000`)).statusCode).toBe(404);
    const removed = await team.manager.client.delete(`/api/opportunities/${d.dealId}/evidence/${proofId}`);
    expect(removed.statusCode, removed.body).toBe(200);
    expect(removed.json().evidenceStage).toBeNull();
    expect(await evidenceCount(server, t.tenantId, d.dealId)).toBe(0);
  });

  it('the stage weights are the tenant’s: admins change them, bad ones are refused, reps read but may not write', async () => {
    const tenant = await makeTenant(server, '权重租户');
    const rep = await tenant.user('rep');
    const put = (u: TestUser, body: unknown) => u.client.raw({ method: 'PUT', url: '/api/deal-evidence/settings', payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await rep.client.get('/api/deal-evidence/settings')).json()).toMatchObject({ isDefault: true, stageWeights: { lead: 0.1, solution_confirmed: 0.3, commercial_agreed: 0.6, legal_closed: 0.9 }, decayCurve: [{ daysPast: 3, factor: 0.6 }] });
    const good = { stageWeights: { lead: 0.05, solution_confirmed: 0.25, commercial_agreed: 0.5, legal_closed: 0.95 }, decayCurve: [{ daysPast: 3, factor: 0.6 }, { daysPast: 14, factor: 0.3 }] };
    expect((await put(rep, good)).statusCode).toBe(403);
    for (const bad of [
      { ...good, stageWeights: { ...good.stageWeights, lead: 0 } },
      { ...good, stageWeights: { ...good.stageWeights, legal_closed: 1.5 } },
      { ...good, stageWeights: { ...good.stageWeights, commercial_agreed: 0.2 } },
      { ...good, decayCurve: [{ daysPast: 14, factor: 0.3 }, { daysPast: 3, factor: 0.6 }] },
      { ...good, decayCurve: [{ daysPast: 3, factor: 0 }] },
      { stageWeights: good.stageWeights },
    ]) {
      expect((await put(tenant.admin, bad)).statusCode, JSON.stringify(bad)).toBe(400);
    }
    expect((await rep.client.get('/api/deal-evidence/settings')).json().isDefault).toBe(true);
    expect((await put(tenant.admin, good)).statusCode).toBe(200);
    const d = await dealWithContacts(rep);
    const act = await activityOn(rep, d.dealId, day(-1));
    expect((await add(rep, d.dealId, { stage: 'lead', activityId: act })).json().credibility.weight).toBe(0.05);
    expect((await t.admin.client.get('/api/deal-evidence/settings')).json().isDefault).toBe(true);
  });

  it('loadCredibility gives the roll-up each deal’s weight, null where evidence is missing, and nothing for other tenants’ ids', async () => {
    const proven = await provenDeal(team.rep);
    const bare = await dealWithContacts(team.rep);
    const other = await makeTenant(server, '第三租户');
    const theirs = await dealWithContacts(await other.user('rep'));
    const map = await inTenant(server.db.kysely, t.tenantId, (trx) => loadCredibility(trx, t.tenantId, [proven.dealId, bare.dealId, theirs.dealId], new Date()));
    expect([...map.keys()].sort()).toEqual([proven.dealId, bare.dealId].sort());
    expect(map.get(proven.dealId)).toMatchObject({ evidenceStage: 'commercial_agreed', stageWeight: 0.6, decayFactor: 1, daysPastClose: null, weight: 0.6 });
    expect(map.get(bare.dealId)).toMatchObject({ evidenceStage: null, stageWeight: null, weight: null, decayFactor: 1 });
    expect(map.get(bare.dealId)?.reasons.join(' ')).toContain('unknown');
  });
});
