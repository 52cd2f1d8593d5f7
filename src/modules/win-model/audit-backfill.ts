// Appends many past changes to a tenant's hash-chained audit log at once (demo history, test
// fixtures): entries are chained in time order after the current head, exactly as appendAudit would.
import { GENESIS_HASH, entryHash, type AuditEntry } from '../../platform/events/audit-chain.ts';
import { newId } from '../../platform/ids.ts';
import type { Tx } from '../../platform/tenancy/context.ts';

export interface PastChange {
  at: Date;
  action: string;
  entity: string;
  entityId: string;
  actorId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export async function backfillAudit(trx: Tx, tenantId: string, changes: PastChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  await trx.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
  let seq = BigInt(head.seq);
  let prev = head.hash;
  const rows = [...changes]
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .map((c) => {
      seq += 1n;
      const entry: AuditEntry = { seq: seq.toString(), event_id: newId(), actor_id: c.actorId, action: c.action, entity: c.entity, entity_id: c.entityId, before: c.before, after: c.after, at: c.at.toISOString() };
      const hash = entryHash(prev, entry);
      const row = { tenant_id: tenantId, seq: entry.seq, event_id: entry.event_id, actor_id: entry.actor_id, action: entry.action, entity: entry.entity, entity_id: entry.entity_id, before: c.before === null ? null : JSON.stringify(c.before), after: c.after === null ? null : JSON.stringify(c.after), at: entry.at, prev_hash: prev, hash };
      prev = hash;
      return row;
    });
  for (let i = 0; i < rows.length; i += 1000) await trx.insertInto('audit_log').values(rows.slice(i, i + 1000)).execute();
  await trx.updateTable('audit_heads').set({ seq: seq.toString(), hash: prev }).where('tenant_id', '=', tenantId).execute();
  return rows.length;
}
