// Events recorded in bulk land in the audit chain in the order given, linked exactly as if they
// had been recorded one by one: the chain verifies, tampering with a bulk-written entry is found,
// and a batch that fails part-way leaves nothing behind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeTenant, startTestServer, type TestServer } from '../../testing/harness.ts';
import { inTenant } from '../tenancy/context.ts';
import { newId } from '../ids.ts';
import { recordEvent, recordEvents, type DomainEvent } from './outbox.ts';
import { verifyAuditChain } from './audit-chain.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => server?.stop());

const actor = { userId: null, role: 'admin' as const, teamId: null };
/** more than one statement's worth, so the chain crosses a statement boundary */
const manyEvents = (n: number): DomainEvent[] =>
  Array.from({ length: n }, (_, i) => ({ type: 'account.updated', entity: 'accounts', entityId: newId(), before: { name: `客户${i}` }, after: { name: `华东医疗 ${i} 🚀` } }));

async function tenantWithBulkHistory(name: string, n = 2500) {
  const t = await makeTenant(server, name);
  const ctx = { tenantId: t.tenantId, actor };
  const events = manyEvents(n);
  const ids = await inTenant(server.db.kysely, t.tenantId, async (trx) => {
    await recordEvent(trx, ctx, { type: 'probe.before', entity: 'accounts', entityId: newId() });
    const bulk = await recordEvents(trx, ctx, events);
    await recordEvent(trx, ctx, { type: 'probe.after', entity: 'accounts', entityId: newId() });
    return bulk;
  });
  return { t, events, ids };
}

const auditRows = (tenantId: string) =>
  server.db.kysely.selectFrom('audit_log').select(['seq', 'event_id', 'action', 'entity_id', 'after']).where('tenant_id', '=', tenantId).orderBy('seq').execute();

describe('recording events in bulk', () => {
  it('chains the entries in the order given, between single writes, and the chain verifies', async () => {
    const { t, events, ids } = await tenantWithBulkHistory('批量事件租户');
    const rows = (await auditRows(t.tenantId)).filter((r) => r.action !== 'tenant.created' && !r.action.startsWith('user.'));
    const probes = rows.filter((r) => r.action.startsWith('probe.'));
    expect(probes.map((r) => r.action)).toEqual(['probe.before', 'probe.after']);
    const bulk = rows.filter((r) => r.action === 'account.updated');
    expect(bulk.map((r) => r.event_id)).toEqual(ids);
    expect(bulk.map((r) => r.entity_id)).toEqual(events.map((e) => e.entityId));
    expect(bulk[2499].after).toEqual({ name: '华东医疗 2499 🚀' });
    expect(BigInt(probes[1].seq) - BigInt(probes[0].seq)).toBe(2501n);
    const stored = await server.db.kysely.selectFrom('events').select(['id', 'type']).where('tenant_id', '=', t.tenantId).where('id', 'in', ids).execute();
    expect(stored).toHaveLength(2500);
    expect(await verifyAuditChain(server.db.kysely, t.tenantId)).toMatchObject({ problems: [] });
  });

  it('finds an edited entry and a deleted entry among those written in bulk', async () => {
    const { t } = await tenantWithBulkHistory('批量篡改租户');
    const [first] = await auditRows(t.tenantId).then((rows) => rows.filter((r) => r.action === 'account.updated'));
    const edited = (BigInt(first.seq) + 1200n).toString();
    const deleted = (BigInt(first.seq) + 1800n).toString();
    await sql`update audit_log set after = '{"name":"改过的名字"}' where tenant_id = ${t.tenantId} and seq = ${edited}`.execute(server.db.kysely);
    await sql`delete from audit_log where tenant_id = ${t.tenantId} and seq = ${deleted}`.execute(server.db.kysely);
    const { problems } = await verifyAuditChain(server.db.kysely, t.tenantId);
    expect(problems).toEqual(expect.arrayContaining([expect.objectContaining({ seq: edited, problem: 'edited' }), expect.objectContaining({ seq: deleted, problem: 'missing' })]));
  });

  it('writes nothing when one event of the batch cannot be stored', async () => {
    const t = await makeTenant(server, '批量失败租户');
    const ctx = { tenantId: t.tenantId, actor };
    const countOf = async (table: 'events' | 'audit_log') => Number((await server.db.kysely.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('tenant_id', '=', t.tenantId).executeTakeFirstOrThrow()).n);
    const before = { events: await countOf('events'), audit: await countOf('audit_log') };
    const events = [...manyEvents(1500), { type: 'account.updated', entity: 'accounts', entityId: '不是编号' }];
    await expect(inTenant(server.db.kysely, t.tenantId, (trx) => recordEvents(trx, ctx, events))).rejects.toThrow();
    expect({ events: await countOf('events'), audit: await countOf('audit_log') }).toEqual(before);
    expect(await verifyAuditChain(server.db.kysely, t.tenantId)).toMatchObject({ problems: [] });
  });
});
