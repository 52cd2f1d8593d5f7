// The first probability read on a tenant without a model: answered at once from the stage prior,
// which says it is one, while version 1 trains as a background job; then the deal has its score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTenant, type TestTenant, type TestUser } from '../../testing/harness.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from '../../platform/jobs/jobs-test-server.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { winFixtures } from './win-model-fixtures.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY);

let server: JobsTestServer;
let t: TestTenant;
let rep: TestUser;
let deals: string[];
beforeAll(async () => {
  server = await startJobsTestServer({ dispatchOptions: { pollMs: 100 } });
  t = await makeTenant(server, '首次评分租户');
  server.tenants.push(t.tenantId);
  rep = await t.user('rep');
  const f = winFixtures(server, t.tenantId);
  await f.deals(f.closedHistory(40, rep.id, 5));
  deals = await f.deals([
    { ownerId: rep.id, createdAt: ago(40), moves: [{ at: ago(30), to: 'qualified' }, { at: ago(20), to: 'quoted' }], touches: [ago(2), ago(6)] },
    { ownerId: rep.id, createdAt: ago(40), moves: [{ at: ago(30), to: 'qualified' }], touches: [] },
  ]);
});
afterAll(() => server?.stop());

const runs = () => inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('win_model_runs').select(['id', 'trigger', 'status']).where('tenant_id', '=', t.tenantId).execute());
const storedScores = () => inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('win_scores').select('id').where('tenant_id', '=', t.tenantId).execute());

describe('the first probability read on a tenant', () => {
  it('answers from the stage prior, says so, and queues one training of version 1 for all first reads', async () => {
    const [quoted, qualified] = await Promise.all(deals.map((d) => rep.client.get(`/api/opportunities/${d}/win-probability`)));
    expect(quoted.statusCode, quoted.body).toBe(200);
    const body = quoted.json();
    expect(body.score).toMatchObject({ id: null, model: { id: null, version: null, kind: 'prior' }, confidence: { basis: 'prior', level: 'low', trainingRows: 0, holdoutAuc: null } });
    expect(['queued', 'running', 'succeeded']).toContain(body.training.status);
    // the prior ranks the quoted, recently touched deal above the untouched qualified one, with reasons
    expect(body.score.probability).toBeGreaterThan(0);
    expect(body.score.probability).toBeLessThan(1);
    expect(body.score.topPositive.map((f: { feature: string }) => f.feature)).toContain('stage_rank');
    const sum = body.score.bias + body.score.contributions.reduce((s: number, c: { contribution: number }) => s + c.contribution, 0);
    expect(Math.abs(sum - body.score.raw)).toBeLessThan(1e-9);
    const other = qualified.json();
    if (other.training) {
      expect(other.training.runId).toBe(body.training.runId);
      expect(other.score.probability).toBeLessThan(body.score.probability);
    }
    expect((await runs()).map((r) => r.trigger)).toEqual(['first_use']);
  });

  it('once the job has trained version 1, the deal is read with its stored score from that model', async () => {
    await waitFor(async () => (await runs()).every((r) => r.status === 'succeeded'), 30_000);
    const res = await rep.client.get(`/api/opportunities/${deals[0]}/win-probability`);
    expect(res.json()).toMatchObject({ training: null, score: { model: { version: 1 }, confidence: { basis: 'model' } } });
    expect(res.json().score.id).toEqual(expect.any(String));
    expect((await storedScores()).length).toBe(2);
    const versions = await inTenant(server.db.kysely, t.tenantId, (trx) => trx.selectFrom('win_models').select(['version', 'trigger', 'active']).where('tenant_id', '=', t.tenantId).execute());
    expect(versions).toEqual([{ version: 1, trigger: 'first_use', active: true }]);
  });
});
