// The demo tenant's evidence: a realistic share of deals carry proofs that pass the checks, won
// deals reach 法务闭环, a few are held back by a signer without signing authority, and the decay
// board has a few decayed commits to show.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { seedDemo, type SeededDemo } from '../demo/seed-demo.ts';
import { evaluateDeals } from './credibility.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { decayedCommits } from './decayed-commits.ts';
import { defaultDecayCurve } from './decay-curve.ts';

const NOW = new Date('2026-11-20T02:00:00Z');
const run = `${process.pid}-${Date.now()}`;
let server: TestServer;
let demo: SeededDemo;
beforeAll(async () => {
  server = await startTestServer();
  demo = await seedDemo(server.db.kysely, { tenantName: '演示证据', slug: `demo-ev-${run}`, emailDomain: `ev-${run}.demo.test`, now: NOW });
}, 240_000);
afterAll(() => server?.stop());

describe('demo evidence', () => {
  it('proves a realistic share of deals, in stage order, and shows a few held-back and decayed commits', async () => {
    const { tenantId } = demo;
    await inTenant(server.db.kysely, tenantId, async (trx) => {
      const ids = (await trx.selectFrom('opportunities').select('id').where('tenant_id', '=', tenantId).execute()).map((r) => r.id);
      const { deals } = await evaluateDeals(trx, tenantId, ids, NOW);
      const withEvidence = deals.filter((d) => d.proofs.length > 0);
      expect(withEvidence.length / deals.length).toBeGreaterThan(0.4);
      expect(withEvidence.length / deals.length).toBeLessThan(0.8);
      const won = deals.filter((d) => d.deal.stage === 'won' && d.proofs.length > 0);
      expect(won.filter((d) => d.evidence.evidenceStage === 'legal_closed').length / won.length).toBeGreaterThan(0.8);
      const failing = deals.filter((d) => d.evidence.failures.length > 0);
      expect(failing.length).toBeGreaterThanOrEqual(1);
      expect(failing.length).toBeLessThanOrEqual(4);
      expect(failing.every((d) => d.evidence.failures.every((f) => f.code === 'signer_not_decision_maker'))).toBe(true);
      const clock = await tenantClock(trx, tenantId, NOW);
      const decayed = await decayedCommits(trx, tenantId, clock, NOW, defaultDecayCurve).select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow();
      expect(decayed.n).toBeGreaterThanOrEqual(3);
      const scenarios = await trx.selectFrom('deal_scenarios').select(sql<number>`count(*)::int`.as('n')).where('tenant_id', '=', tenantId).executeTakeFirstOrThrow();
      expect(scenarios.n).toBeGreaterThan(20);
    });
  });
});
