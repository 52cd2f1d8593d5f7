// The demo tenant shows every named warning on rep.east1's deals and has pipeline history worth
// looking at: each bucket of the last quarter holds deals, and the waterfall balances.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../../testing/harness.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { systemActor } from '../../platform/events/dispatcher.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed-demo.ts';
import { evaluateWarnings } from './evaluate-warnings.ts';
import { warningKinds } from './warning-rules.ts';

const run = `${process.pid}-${Date.now()}`;
const domain = `w-${run}.demo.test`;
let server: TestServer;
let tenantId: string;

beforeAll(async () => {
  server = await startTestServer();
  ({ tenantId } = await seedDemo(server.db.kysely, { tenantName: '演示公司 W', slug: `demo-w-${run}`, emailDomain: domain }));
}, 240_000);
afterAll(() => server?.stop());

describe('the demo tenant', () => {
  it('raises every named warning, each on a deal of rep.east1 among others', async () => {
    const result = await inTenant(server.db.kysely, tenantId, (trx) => evaluateWarnings(trx, systemActor(tenantId)));
    expect(result.raised).toBeGreaterThan(0);
    const rep = await signIn(server.app, `rep.east1@${domain}`, DEMO_PASSWORD);
    const kinds = new Set<string>();
    for (let cursor: string | null = null, first = true; first || cursor; first = false) {
      const page: { items: { kind: string }[]; nextCursor: string | null } = (await rep.get(`/api/deal-warnings?limit=200${cursor ? `&cursor=${cursor}` : ''}`)).json<{ items: { kind: string }[]; nextCursor: string | null }>();
      for (const w of page.items) kinds.add(w.kind);
      cursor = page.nextCursor;
    }
    expect([...kinds].sort()).toEqual([...warningKinds].sort());
    const stalled = (await rep.get('/api/deal-warnings?kind=stalled_in_stage&limit=200')).json<{ items: { evidence: { basis: string } }[] }>();
    expect(stalled.items.some((w) => w.evidence.basis === 'tenant_history')).toBe(true);
  });

  it('has pipeline history: the current quarter moves in every bucket, and every period balances', async () => {
    const exec = await signIn(server.app, `exec@${domain}`, DEMO_PASSWORD);
    const now = new Date(Date.now() + 8 * 3_600_000);
    const key = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    const res = (await exec.get(`/api/pipeline/changes?period=${key}`)).json<{ buckets: Record<string, { count: number }>; balanced: boolean }>();
    expect(res.balanced).toBe(true);
    for (const bucket of ['start', 'new', 'moved_in', 'moved_out', 'pushed', 'amount_up', 'amount_down', 'won', 'lost']) expect(res.buckets[bucket].count, bucket).toBeGreaterThan(0);
    const month = (await exec.get('/api/pipeline/changes')).json<{ balanced: boolean; buckets: Record<string, { count: number }> }>();
    expect(month.balanced).toBe(true);
    expect(month.buckets.start.count).toBeGreaterThan(0);
  });
});
