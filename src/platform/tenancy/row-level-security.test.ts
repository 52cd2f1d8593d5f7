import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeTenant, startTestServer, type TestServer, type TestTenant } from '../../testing/harness.ts';
import { inTenant, readInTenant } from './context.ts';
import { newId } from '../ids.ts';

let server: TestServer;
let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  server = await startTestServer();
  a = await makeTenant(server, '甲公司');
  b = await makeTenant(server, '乙公司');
  await a.admin.client.post('/api/accounts', { name: '甲的客户' });
  await b.admin.client.post('/api/accounts', { name: '乙的客户' });
});
afterAll(() => server?.stop());

describe('row-level security, the second wall behind tenant filters', () => {
  it('shows a tenant only its own rows even when a query forgets the tenant filter', async () => {
    const names = await inTenant(server.db.kysely, a.tenantId, (trx) => trx.selectFrom('accounts').select('name').execute());
    expect(names.map((r) => r.name)).toContain('甲的客户');
    expect(names.map((r) => r.name)).not.toContain('乙的客户');
  });

  it("refuses to write a row into another tenant's space", async () => {
    await expect(
      inTenant(server.db.kysely, a.tenantId, (trx) =>
        trx.insertInto('accounts').values({ id: newId(), tenant_id: b.tenantId, name: '越界', custom: '{}', updated_at: new Date() }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("cannot update or delete another tenant's rows even by id", async () => {
    const theirs = await inTenant(server.db.kysely, b.tenantId, (trx) => trx.selectFrom('accounts').select('id').executeTakeFirstOrThrow());
    const updated = await inTenant(server.db.kysely, a.tenantId, (trx) => trx.updateTable('accounts').set({ name: 'hacked' }).where('id', '=', theirs.id).executeTakeFirst());
    expect(updated.numUpdatedRows).toBe(0n);
    const deleted = await inTenant(server.db.kysely, a.tenantId, (trx) => trx.deleteFrom('accounts').where('id', '=', theirs.id).executeTakeFirst());
    expect(deleted.numDeletedRows).toBe(0n);
  });

  it('sees nothing at all without a tenant set', async () => {
    const rows = await server.db.kysely.transaction().execute(async (trx) => {
      await sql`select set_config('role', 'sightline_app', true)`.execute(trx);
      return trx.selectFrom('accounts').select('id').execute();
    });
    expect(rows).toEqual([]);
  });

  it('keeps reads without a transaction (the tenant read pool) to the tenant of each request, turn by turn', async () => {
    const names = (tenantId: string) => readInTenant(server.db, tenantId, (trx) => trx.selectFrom('accounts').select('name').execute()).then((rows) => rows.map((r) => r.name));
    for (let round = 0; round < 3; round++) {
      const [ofA, ofB] = await Promise.all([names(a.tenantId), names(b.tenantId)]);
      expect(ofA).toContain('甲的客户');
      expect(ofA).not.toContain('乙的客户');
      expect(ofB).toContain('乙的客户');
      expect(ofB).not.toContain('甲的客户');
    }
  });

  it('gives timestamps on the read path as the ISO strings presenters make of them (PostgreSQL read pool) or as Dates', async () => {
    const viaRead = await readInTenant(server.db, a.tenantId, (trx) => trx.selectFrom('accounts').select(['id', 'created_at']).executeTakeFirstOrThrow());
    const viaTransaction = await inTenant(server.db.kysely, a.tenantId, (trx) => trx.selectFrom('accounts').select('created_at').where('id', '=', viaRead.id).executeTakeFirstOrThrow());
    expect(viaTransaction.created_at).toBeInstanceOf(Date);
    const iso = viaTransaction.created_at.toISOString();
    if (server.db.reads) expect(viaRead.created_at).toBe(iso);
    else expect(viaRead.created_at.toISOString()).toBe(iso);
    const res = await a.admin.client.get(`/api/accounts/${viaRead.id}`);
    expect(res.json<{ createdAt: string }>().createdAt).toBe(iso);
  });

  it('refuses a write through the read path on PostgreSQL (its sessions are read-only)', async () => {
    if (!server.db.reads) return; // PGlite: readInTenant is an ordinary tenant transaction
    await expect(
      readInTenant(server.db, a.tenantId, (trx) => trx.insertInto('accounts').values({ id: newId(), tenant_id: a.tenantId, name: '只读', custom: '{}', updated_at: new Date() }).execute()),
    ).rejects.toThrow(/read-only/);
  });
});
