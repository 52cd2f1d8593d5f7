import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, startTestServer, type Client, type TestServer, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { attachDocuments, createDeal, eventsOf } from './fixtures.ts';

let server: TestServer;
let acme: TestTenant;
let rep: TestUser;
let manager: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  acme = await makeTenant(server, '华东医疗器械');
  manager = await acme.user('manager');
  const team = await acme.team('华东区', { managerId: manager.id });
  rep = await acme.user('rep', { teamId: team });
});
afterAll(() => server?.stop());

const move = (client: Client, id: string, stage: string, reason?: string) => client.post(`/api/opportunities/${id}/stage`, reason === undefined ? { stage } : { stage, reason });

async function dealAt(stages: string[]) {
  const deal = await createDeal(rep.client);
  for (const stage of stages) {
    if (stage === 'quoted') await attachDocuments(server, acme.tenantId, deal.id, ['price_comparison', 'tech_comparison', 'reference_case']);
    const res = await move(rep.client, deal.id, stage);
    expect(res.statusCode, res.body).toBe(200);
  }
  return deal.id;
}

describe('moving a deal through the stages', () => {
  it('advances one stage and records who moved it, from, to and why', async () => {
    const deal = await createDeal(rep.client);
    const res = await move(rep.client, deal.id, 'qualified', '客户确认了预算 💰');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stage: 'qualified', forecastCategory: 'pipeline', closedAt: null });
    expect(Date.parse(res.json().stageChangedAt)).toBeGreaterThanOrEqual(Date.parse(deal.stageChangedAt as string));
    const changes = (await eventsOf(server, acme.tenantId, deal.id)).filter((e) => e.type === 'opportunity.stage_changed');
    expect(changes).toHaveLength(1);
    expect(changes[0].actor_id).toBe(rep.id);
    expect(changes[0].payload).toEqual({ from: 'lead', to: 'qualified', reason: '客户确认了预算 💰', actor: { id: rep.id, role: 'rep' } });
  });

  it('refuses a skipped stage with transition_not_allowed and the allowed moves', async () => {
    const deal = await createDeal(rep.client);
    const res = await move(rep.client, deal.id, 'negotiation');
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({ code: 'transition_not_allowed', details: { from: 'lead', to: 'negotiation', allowed: ['qualified', 'lost'] } });
    expect((await move(rep.client, deal.id, 'lead')).json().error.code).toBe('transition_not_allowed');
    expect((await rep.client.get(`/api/opportunities/${deal.id}`)).json().stage).toBe('lead');
  });

  it('moving to quoted without evidence is refused and names every missing document', async () => {
    const id = await dealAt(['qualified', 'solution']);
    const res = await move(rep.client, id, 'quoted');
    expect(res.statusCode).toBe(422);
    const body = res.json();
    expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
    expect(body.error.code).toBe('gate_failed');
    expect(body.error.details).toEqual({
      missing: [
        { kind: 'document', name: 'price_comparison', label: '价格对比表', labelEn: 'Price comparison sheet' },
        { kind: 'document', name: 'tech_comparison', label: '技术对比表', labelEn: 'Technical parameter comparison' },
        { kind: 'document', name: 'reference_case', label: '客户成功案例', labelEn: 'Customer reference case' },
      ],
    });

    await attachDocuments(server, acme.tenantId, id, ['price_comparison', 'price_comparison']);
    expect((await move(rep.client, id, 'quoted')).json().error.details.missing.map((m: { name: string }) => m.name)).toEqual(['tech_comparison', 'reference_case']);
    expect((await rep.client.get(`/api/opportunities/${id}`)).json().stage).toBe('solution');

    await attachDocuments(server, acme.tenantId, id, ['tech_comparison', 'reference_case']);
    expect((await move(rep.client, id, 'quoted')).json().stage).toBe('quoted');
  });

  it("another deal's documents do not open the gate", async () => {
    const withDocs = await createDeal(rep.client);
    await attachDocuments(server, acme.tenantId, withDocs.id, ['price_comparison', 'tech_comparison', 'reference_case']);
    const id = await dealAt(['qualified', 'solution']);
    expect((await move(rep.client, id, 'quoted')).json().error.code).toBe('gate_failed');
  });

  it('winning closes the deal and nothing moves a won deal again', async () => {
    const id = await dealAt(['qualified', 'solution', 'quoted', 'negotiation']);
    const won = (await move(rep.client, id, 'won', '签约')).json();
    expect(won).toMatchObject({ stage: 'won', forecastCategory: 'closed' });
    expect(won.closedAt).not.toBeNull();
    for (const stage of ['negotiation', 'lost', 'lead']) expect((await move(manager.client, id, stage)).json().error.code).toBe('transition_not_allowed');
  });

  it('one step back is allowed, two are not', async () => {
    const id = await dealAt(['qualified', 'solution', 'quoted']);
    expect((await move(rep.client, id, 'qualified')).statusCode).toBe(422);
    expect((await move(rep.client, id, 'solution')).json().stage).toBe('solution');
  });

  it('a lost deal is reopened by a manager only, back into the pipeline', async () => {
    const id = await dealAt(['qualified']);
    const lost = (await move(rep.client, id, 'lost', '预算取消')).json();
    expect(lost).toMatchObject({ stage: 'lost', forecastCategory: 'omitted' });
    expect(lost.closedAt).not.toBeNull();
    const byRep = await move(rep.client, id, 'qualified');
    expect(byRep.statusCode).toBe(422);
    expect(byRep.json().error.code).toBe('transition_not_allowed');
    const reopened = (await move(manager.client, id, 'qualified', '预算恢复')).json();
    expect(reopened).toMatchObject({ stage: 'qualified', forecastCategory: 'pipeline', closedAt: null });
    expect((await eventsOf(server, acme.tenantId, id)).filter((e) => e.type === 'opportunity.stage_changed').map((e) => e.payload)).toContainEqual({
      from: 'lost',
      to: 'qualified',
      reason: '预算恢复',
      actor: { id: manager.id, role: 'manager' },
    });
  });

  it("refuses bad bodies, and deals the actor cannot see or another tenant's", async () => {
    const deal = await createDeal(rep.client);
    for (const body of [{}, { stage: 'closed' }, { stage: 42 }, { stage: 'qualified', colour: 'red' }, { stage: 'qualified', reason: 'x'.repeat(1001) }]) {
      expect((await rep.client.post(`/api/opportunities/${deal.id}/stage`, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    const otherRep = await acme.user('rep');
    expect((await move(otherRep.client, deal.id, 'qualified')).statusCode).toBe(404);
    const other = await makeTenant(server, '华南制造');
    expect((await move(other.admin.client, deal.id, 'qualified')).statusCode).toBe(404);
    expect((await move(rep.client, 'not-a-uuid', 'qualified')).statusCode).toBe(400);
    expect((await rep.client.get(`/api/opportunities/${deal.id}`)).json().stage).toBe('lead');
    expect((await eventsOf(server, acme.tenantId, deal.id)).map((e) => e.type)).toEqual(['opportunity.created']);
  });
});
