// Outbox events reach their subscribers promptly and exactly once; a failing subscriber is
// retried later while every other event and subscriber carries on; what a subscriber writes or
// enqueues commits with the "dispatched" mark, or not at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { sql } from 'kysely';
import { dispatchBatch, subscribe, type DispatchedEvent } from './dispatcher.ts';
import { defineJob, enqueue } from '../jobs/define-job.ts';
import { startJobsTestServer, waitFor, type JobsTestServer } from '../jobs/jobs-test-server.ts';
import { makeTenant, type TestTenant } from '../../testing/harness.ts';
import { recordEvent } from './outbox.ts';
import { inTenant } from '../tenancy/context.ts';
import { newId } from '../ids.ts';

const seen = new Map<string, number>(); // event id → when the subscriber saw it
const seenByType: DispatchedEvent[] = [];
subscribe('account.created', async function watchAccounts(_deps, event) {
  seen.set(event.id, performance.now());
  seenByType.push(event);
});

const failOnce = new Set<string>();
const steadyCalls = new Map<string, number>();
subscribe('probe.flaky', async function steady(_deps, event) {
  steadyCalls.set(event.id, (steadyCalls.get(event.id) ?? 0) + 1);
});
subscribe('probe.flaky', async function flaky(_deps, event, { trx, ctx }) {
  await trx.insertInto('notes').values({ id: newId(), tenant_id: ctx.tenantId, entity: 'accounts', entity_id: event.entityId as string, body: `flaky saw ${event.id}`, updated_at: new Date() }).execute();
  if (failOnce.delete(event.id)) throw new Error('CRM 同步失败 (on purpose)');
});

const counted = new Map<string, number>();
subscribe('probe.count', async function countOnce(_deps, event) {
  counted.set(event.id, (counted.get(event.id) ?? 0) + 1);
});

const followUps: string[] = [];
const followUp = defineJob({
  id: 'test.dispatch.follow-up',
  payload: z.object({ accountId: z.uuid() }),
  async handler(_deps, payload) {
    followUps.push(payload.accountId);
  },
});
subscribe('account.deleted', async function queueFollowUp(deps, event, { trx }) {
  await enqueue(deps.jobs, followUp, { accountId: event.entityId as string }, { trx });
});

let server: JobsTestServer;
let live: TestTenant; // dispatched by the running loop
let manual: TestTenant; // dispatched by hand, batch by batch
beforeAll(async () => {
  server = await startJobsTestServer();
  live = await makeTenant(server, '实时租户');
  server.tenants.push(live.tenantId);
  manual = await makeTenant(server, '手动租户');
});
afterAll(async () => server.stop());

async function probe(tenantId: string, type: string): Promise<string> {
  return inTenant(server.db.kysely, tenantId, (trx) =>
    recordEvent(trx, { tenantId, actor: { userId: null, role: 'admin', teamId: null } }, { type, entity: 'accounts', entityId: newId(), after: { 名称: '测试 🚀' } }),
  );
}
const eventRow = (id: string) => server.db.kysely.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const manualBatch = (retryBaseSeconds = 0) => dispatchBatch(server.jobs.deps, { onlyTenants: [manual.tenantId], retryBaseSeconds });

describe('event dispatch', () => {
  it('a subscriber sees an account created through the API shortly after the write commits', async () => {
    const latencies: number[] = [];
    for (let i = 0; i < 10; i++) {
      const res = await live.admin.client.post('/api/accounts', { name: `华东医疗 ${i}` });
      expect(res.statusCode).toBe(201);
      const committed = performance.now();
      const event = await server.db.kysely.selectFrom('events').select('id').where('entity_id', '=', res.json().id).where('type', '=', 'account.created').executeTakeFirstOrThrow();
      await waitFor(() => seen.has(event.id), 5000);
      latencies.push(Math.max(0, (seen.get(event.id) as number) - committed));
      await waitFor(async () => (await eventRow(event.id)).dispatched_at !== null, 5000);
    }
    latencies.sort((a, b) => a - b);
    console.log(`write → subscriber latency on ${server.db.kind}: median ${latencies[5].toFixed(0)} ms, max ${latencies[9].toFixed(0)} ms`);
    expect(latencies[5]).toBeLessThan(1000);
    expect(seenByType.find((e) => seen.has(e.id))?.tenantId).toBe(live.tenantId);
  });

  it('a job a subscriber enqueues runs after the dispatch commits', async () => {
    const created = await live.admin.client.post('/api/accounts', { name: '待删除客户' });
    expect((await live.admin.client.delete(`/api/accounts/${created.json().id}`)).statusCode).toBe(204);
    await waitFor(() => followUps.includes(created.json().id), 8000);
  });

  it('a failing subscriber is retried later; the other subscriber and other events are not held up or repeated', async () => {
    const bad = await probe(manual.tenantId, 'probe.flaky');
    const good = await probe(manual.tenantId, 'probe.flaky');
    failOnce.add(bad);

    const first = await manualBatch(3600);
    expect(first.failed).toBe(1);
    const badRow = await eventRow(bad);
    expect(badRow.dispatched_at).toBeNull();
    expect(badRow.dispatch_attempts).toBe(1);
    expect(badRow.dispatch_error).toContain('flaky: CRM 同步失败');
    expect(badRow.dispatched_to).toEqual(['steady']);
    expect(badRow.dispatch_after).not.toBeNull();
    expect((await eventRow(good)).dispatched_at).not.toBeNull();
    const notesFor = async (id: string) => (await sql<{ n: number }>`select count(*)::int as n from notes where body = ${`flaky saw ${id}`}`.execute(server.db.kysely)).rows[0].n;
    expect(await notesFor(bad)).toBe(0); // the failed subscriber's write was rolled back
    expect(await notesFor(good)).toBe(1);

    // not due yet: the back-off holds it
    expect((await manualBatch()).claimed).toBe(0);
    await sql`update events set dispatch_after = now() where id = ${bad}`.execute(server.db.kysely);
    const second = await manualBatch();
    expect(second).toEqual({ claimed: 1, failed: 0 });
    const retried = await eventRow(bad);
    expect(retried.dispatched_at).not.toBeNull();
    expect(retried.dispatched_to).toEqual(['steady', 'flaky']);
    expect(retried.dispatch_error).toBeNull();
    expect(steadyCalls.get(bad)).toBe(1);
    expect(await notesFor(bad)).toBe(1);
  });

  it('four dispatchers racing over 200 events handle each exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 200 }, () => probe(manual.tenantId, 'probe.count')));
    const started = performance.now();
    const race = async () => {
      while ((await dispatchBatch(server.jobs.deps, { onlyTenants: [manual.tenantId], batchSize: 10 })).claimed > 0);
    };
    await Promise.all([race(), race(), race(), race()]);
    console.log(`200 events through 4 racing dispatchers on ${server.db.kind}: ${(performance.now() - started).toFixed(0)} ms`);
    expect(ids.every((id) => counted.get(id) === 1)).toBe(true);
    const left = await sql<{ n: number }>`select count(*)::int as n from events where tenant_id = ${manual.tenantId} and dispatched_at is null`.execute(server.db.kysely);
    expect(left.rows[0].n).toBe(0);
  });

  it('a subscriber cannot be registered twice or without a name', () => {
    expect(() => subscribe('probe.count', async function countOnce() {})).toThrow(/already has a subscriber/);
    expect(() => subscribe('probe.count', async () => {})).toThrow(/Name the subscriber/);
  });
});
