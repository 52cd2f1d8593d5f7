// Durable jobs on pg-boss, on whichever engine the run uses: typed payloads are checked before
// anything is queued, jobs queued inside a transaction exist only if it commits, failures retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sql } from 'kysely';
import { defineJob, enqueue } from './define-job.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from './jobs-test-server.ts';
import { AppError } from '../http/errors.ts';
import { inTenant } from '../tenancy/context.ts';
import { makeTenant } from '../../testing/harness.ts';

const received: Array<{ note: string; count: number }> = [];
const echo = defineJob({
  id: 'test.jobs.echo',
  payload: z.object({ note: z.string().min(1).max(200), count: z.number().int().nonnegative() }),
  async handler(_deps, payload) {
    received.push(payload);
  },
});

let flakyRuns = 0;
const flaky = defineJob({
  id: 'test.jobs.flaky',
  payload: z.object({ failTimes: z.number().int() }),
  retryLimit: 2,
  async handler(_deps, payload) {
    flakyRuns++;
    if (flakyRuns <= payload.failTimes) throw new Error(`failing on purpose (run ${flakyRuns})`);
  },
});

let server: JobsTestServer;
beforeAll(async () => {
  server = await startJobsTestServer({ dispatch: false });
  console.log(`jobs runtime startup on ${server.db.kind}: ${server.jobs.startupMs} ms`);
});
afterAll(async () => server.stop());

const queuedFor = async (note: string) =>
  (await sql<{ n: number }>`select count(*)::int as n from pgboss.job where name = 'test.jobs.echo' and data->>'note' = ${note}`.execute(server.db.kysely)).rows[0].n;

describe('jobs', () => {
  it('runs a queued job with its payload, Chinese text and emoji intact', async () => {
    const id = await enqueue(server.jobs, echo, { note: '跟进华东医疗 🚀', count: 3 });
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    await waitFor(() => received.some((r) => r.note === '跟进华东医疗 🚀'));
    expect(received.find((r) => r.note === '跟进华东医疗 🚀')).toEqual({ note: '跟进华东医疗 🚀', count: 3 });
  });

  it('refuses a payload that does not fit the schema and queues nothing', async () => {
    for (const bad of [{ note: '', count: 1 }, { note: 'x'.repeat(201), count: 1 }, { note: 'neg', count: -1 }, { note: "'; drop table events; --", count: 1.5 }]) {
      const err = await enqueue(server.jobs, echo, bad).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('validation_failed');
      expect((err as AppError).message).toContain('test.jobs.echo');
      expect(await queuedFor(bad.note)).toBe(0);
    }
    const err = await enqueue(server.jobs, echo, { note: 'missing count' } as unknown as { note: string; count: number }).catch((e: unknown) => e);
    expect((err as AppError).code).toBe('validation_failed');
  });

  it('a job queued in a transaction that rolls back never exists; one that commits runs', async () => {
    await server.db.kysely
      .transaction()
      .execute(async (trx) => {
        await enqueue(server.jobs, echo, { note: 'rolled back', count: 0 }, { trx });
        throw new Error('abort');
      })
      .catch(() => undefined);
    await server.db.kysely.transaction().execute((trx) => enqueue(server.jobs, echo, { note: 'committed', count: 0 }, { trx }));
    await waitFor(() => received.some((r) => r.note === 'committed'));
    expect(await queuedFor('rolled back')).toBe(0);
    expect(received.some((r) => r.note === 'rolled back')).toBe(false);
  });

  it('a job can be queued from inside a tenant transaction (the app role may add jobs)', async () => {
    const tenant = await makeTenant(server, '排程租户');
    await inTenant(server.db.kysely, tenant.tenantId, (trx) => enqueue(server.jobs, echo, { note: `tenant ${tenant.tenantId}`, count: 1 }, { trx }));
    await waitFor(() => received.some((r) => r.note === `tenant ${tenant.tenantId}`));
  });

  it('a failing job is retried until it succeeds', async () => {
    await enqueue(server.jobs, flaky, { failTimes: 1 });
    await waitFor(() => flakyRuns >= 2, 15_000);
    expect(flakyRuns).toBe(2);
  });
});
