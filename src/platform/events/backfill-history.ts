// Writes many past changes at once into the tenant's hash-chained audit log, as the app would
// have recorded them, for imported history, the demo's past and test fixtures. The audit log is
// where every reader of history looks; no outbox events are written, since nothing should be
// dispatched for the past.
import { GENESIS_HASH, entryHash, type AuditEntry } from './audit-chain.ts';
import { newId } from '../ids.ts';
import type { Tx } from '../tenancy/context.ts';

export interface PastChange {
  at: Date;
  /** the event type, e.g. 'opportunity.stage_changed' */
  action: string;
  entity: string;
  entityId: string;
  actorId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const BATCH = 1_000;

/** appends the changes, oldest first, after the tenant's current audit head; returns how many */
export async function backfillHistory(trx: Tx, tenantId: string, changes: readonly PastChange[]): Promise<number> {
  if (changes.length === 0) return 0;
  await trx.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
  let seq = BigInt(head.seq);
  let prev = head.hash;
  const audit = [];
  for (const c of [...changes].sort((a, b) => a.at.getTime() - b.at.getTime())) {
    seq += 1n;
    const entry: AuditEntry = { seq: seq.toString(), event_id: newId(), actor_id: c.actorId, action: c.action, entity: c.entity, entity_id: c.entityId, before: c.before, after: c.after, at: c.at.toISOString() };
    const hash = entryHash(prev, entry);
    audit.push({ tenant_id: tenantId, seq: entry.seq, event_id: entry.event_id, actor_id: entry.actor_id, action: entry.action, entity: entry.entity, entity_id: entry.entity_id, before: c.before === null ? null : JSON.stringify(c.before), after: c.after === null ? null : JSON.stringify(c.after), at: entry.at, prev_hash: prev, hash });
    prev = hash;
  }
  for (let i = 0; i < audit.length; i += BATCH) await trx.insertInto('audit_log').values(audit.slice(i, i + BATCH)).execute();
  await trx.updateTable('audit_heads').set({ seq: seq.toString(), hash: prev }).where('tenant_id', '=', tenantId).execute();
  return audit.length;
}
