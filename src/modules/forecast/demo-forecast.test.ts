// The live forecast on the demo tenant, whose history is rich enough for the win model's trees:
// GET /api/forecast rates the open deals by the model and says so in its method.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestServer, type TestServer } from '../../testing/harness.ts';
import { DEMO_PASSWORD, seedDemo } from '../demo/seed-demo.ts';
import { periodOf } from './periods.ts';
import { localDateAt } from '../../platform/tenancy/tenant-clock.ts';

const run = `${process.pid}-${Date.now()}`;
const domain = `fc-${run}.demo.test`;
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.db.kysely, { tenantName: '演示公司 预测', slug: `demo-fc-${run}`, emailDomain: domain });
}, 240_000);
afterAll(() => server?.stop());

interface Neutral {
  amount: string | null;
  spread: string | null;
  rating: string;
  modelRatedDeals: number;
  method: string;
}

describe('the live neutral forecast on the demo tenant', () => {
  it('rates the open deals by the win model trained on the past windows, says so, and gives the same figure on the next read', async () => {
    const exec = await signIn(server.app, `exec@${domain}`, DEMO_PASSWORD);
    const quarter = periodOf(localDateAt(new Date(), 'Asia/Shanghai'), 'quarter').key;
    const first = (await exec.get(`/api/forecast?period=${quarter}`)).json<{ neutral: Neutral }>().neutral;
    expect(first.rating).toBe('model');
    expect(first.modelRatedDeals).toBeGreaterThan(50);
    expect(first.method).toContain('gradient-boosted trees');
    expect(Number(first.amount)).toBeGreaterThan(0);
    expect(Number(first.spread)).toBeGreaterThan(0);
    const again = (await exec.get(`/api/forecast?period=${quarter}`)).json<{ neutral: Neutral }>().neutral;
    expect(again.modelRatedDeals).toBe(first.modelRatedDeals);
  });
});
