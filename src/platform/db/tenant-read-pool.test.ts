// The pipelined read lanes (PostgreSQL only; on PGlite readInTenant is an ordinary transaction):
// statements of different tenants written behind each other on one connection each see only
// their own tenant, a failing statement leaves its neighbours alone, session changes are refused,
// and a lost connection is replaced by the next read.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { openTenantReadPool, withRequestTenant } from './tenant-read-pool.ts';
import type { Database } from './schema.ts';

let server: TestServer;
let a: TestTenant;
let b: TestTenant;
/** one lane, so every statement below shares one pipelined connection */
let lane: Kysely<Database> | null = null;

beforeAll(async () => {
  server = await startTestServer();
  a = await makeTenant(server, '管道甲');
  b = await makeTenant(server, '管道乙');
  await a.admin.client.post('/api/accounts', { name: '甲方客户' });
  await b.admin.client.post('/api/accounts', { name: '乙方客户' });
  if (server.db.reads) lane = openTenantReadPool(server.db.connectionString, 1);
});
afterAll(async () => {
  await lane?.destroy();
  await server?.stop();
});

const names = (tenantId: string) =>
  withRequestTenant(tenantId, () => (lane as Kysely<Database>).selectFrom('accounts').select('name').execute()).then((rows) => rows.map((r) => r.name).sort());

describe('reads pipelined on one connection', () => {
  it('gives each of many interleaved statements only its own tenant’s rows', async () => {
    if (!lane) return;
    const turns = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? a : b));
    const results = await Promise.all(turns.map((t) => names(t.tenantId)));
    results.forEach((rows, i) => expect(rows).toEqual(turns[i] === a ? ['甲方客户'] : ['乙方客户']));
  });

  it('answers the statements around a failing one as if it were not there', async () => {
    if (!lane) return;
    const [before, failed, after] = await Promise.allSettled([
      names(a.tenantId),
      withRequestTenant(b.tenantId, () => sql`select 1 / 0`.execute(lane as Kysely<Database>)),
      names(b.tenantId),
    ]);
    expect(before).toEqual({ status: 'fulfilled', value: ['甲方客户'] });
    expect(failed.status).toBe('rejected');
    expect((failed as PromiseRejectedResult).reason).toMatchObject({ code: '22012' });
    expect(after).toEqual({ status: 'fulfilled', value: ['乙方客户'] });
  });

  it('refuses transactions and session changes, which would reach the statements behind them', async () => {
    if (!lane) return;
    for (const text of ['begin', 'set role postgres', 'reset role', 'SAVEPOINT x', 'lock table accounts', "select set_config('app.tenant_id', '', false)"]) {
      await expect(withRequestTenant(a.tenantId, () => sql.raw(text).execute(lane as Kysely<Database>))).rejects.toThrow(/one read-only statement at a time/);
    }
    await expect(withRequestTenant(a.tenantId, () => (lane as Kysely<Database>).deleteFrom('accounts').execute())).rejects.toThrow(/read-only/);
    expect(await names(a.tenantId)).toEqual(['甲方客户']);
  });

  it('refuses a read outside readInTenant', async () => {
    if (!lane) return;
    await expect((lane).selectFrom('accounts').select('name').execute()).rejects.toThrow(/outside readInTenant/);
  });

  it('opens a new session after its connection was cut', async () => {
    if (!lane) return;
    expect(await names(a.tenantId)).toEqual(['甲方客户']);
    const { rows } = await withRequestTenant(a.tenantId, () => sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(lane as Kysely<Database>));
    await server.db.pool.query('select pg_terminate_backend($1)', [rows[0].pid]);
    let recovered: string[] | null = null;
    for (let attempt = 0; attempt < 5 && !recovered; attempt++) recovered = await names(b.tenantId).catch(() => null);
    expect(recovered).toEqual(['乙方客户']);
    expect(await names(a.tenantId)).toEqual(['甲方客户']);
  });
});
