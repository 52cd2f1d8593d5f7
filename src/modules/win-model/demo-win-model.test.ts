// The demo tenant's history teaches the model something: its audit chain (with the seeded past
// changes) verifies, its closed deals train boosted trees that beat chance on deals they never
// saw, and every open deal gets a score.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../testing/harness.ts';
import { seedDemo } from '../demo/seed-demo.ts';
import { verifyAuditChain } from '../../platform/events/audit-chain.ts';
import { trainWinModel } from './train-win-model.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe('the demo tenant', () => {
  it('has a verifiable past that trains a useful model and scores every open deal', async () => {
    const run = `${process.pid}-${Date.now()}`;
    const { tenantId } = await seedDemo(server.db.kysely, { tenantName: '演示赢率', slug: `demo-win-${run}`, emailDomain: `win-${run}.demo.local`, now: new Date('2026-11-22T12:00:00+08:00') });
    expect((await verifyAuditChain(server.db.kysely, tenantId)).problems).toEqual([]);
    const { model, scoring } = await trainWinModel(server.db.kysely, tenantId, { trigger: 'admin' });
    expect(model.kind).toBe('gbdt');
    expect(model.trainingRows).toBeGreaterThan(500);
    expect(model.metrics?.auc).toBeGreaterThan(0.8);
    expect(scoring.scored).toBeGreaterThan(100);
  }, 60_000);
});
