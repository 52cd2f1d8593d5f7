// The audit log's hash chain: each entry's hash covers the previous hash and the entry, so
// an edited or deleted entry breaks every link after it and `sightline audit verify` sees it.
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.ts';
import { inTenant, type Tx } from '../tenancy/context.ts';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  seq: string;
  event_id: string;
  actor_id: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: unknown;
  after: unknown;
  at: string; // ISO timestamp, millisecond precision
}

/** JSON with keys sorted at every level, so jsonb's reordering does not change the hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).filter((k) => obj[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function entryHash(prevHash: string, entry: AuditEntry): string {
  return crypto.createHash('sha256').update(prevHash).update(canonicalJson(entry)).digest('hex');
}

/** rows per INSERT: 12 parameters each stays far below the 65,535 a statement may carry */
const AUDIT_ROWS_PER_STATEMENT = 1000;

/**
 * Appends entries to the tenant's chain in the order given, under one lock of the head row
 * (which serialises writers per tenant): the hashes are linked in memory and written a thousand
 * rows per statement, so a chain written in bulk verifies exactly like one written entry by entry.
 */
export async function appendAuditEntries(trx: Tx, tenantId: string, entries: readonly Omit<AuditEntry, 'seq'>[]): Promise<void> {
  if (entries.length === 0) return;
  await trx.insertInto('audit_heads').values({ tenant_id: tenantId, seq: 0, hash: GENESIS_HASH }).onConflict((oc) => oc.column('tenant_id').doNothing()).execute();
  const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).forUpdate().executeTakeFirstOrThrow();
  let seq = BigInt(head.seq);
  let prevHash = head.hash;
  const rows = entries.map((entry) => {
    seq += 1n;
    const full: AuditEntry = { ...entry, seq: seq.toString() };
    const hash = entryHash(prevHash, full);
    const row = {
      tenant_id: tenantId,
      seq: full.seq,
      event_id: full.event_id,
      actor_id: full.actor_id,
      action: full.action,
      entity: full.entity,
      entity_id: full.entity_id,
      before: full.before === null || full.before === undefined ? null : JSON.stringify(full.before),
      after: full.after === null || full.after === undefined ? null : JSON.stringify(full.after),
      at: full.at,
      prev_hash: prevHash,
      hash,
    };
    prevHash = hash;
    return row;
  });
  for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_STATEMENT) await trx.insertInto('audit_log').values(rows.slice(i, i + AUDIT_ROWS_PER_STATEMENT)).execute();
  await trx.updateTable('audit_heads').set({ seq: seq.toString(), hash: prevHash }).where('tenant_id', '=', tenantId).execute();
}

/** Appends one entry to the tenant's chain. */
export async function appendAudit(trx: Tx, tenantId: string, entry: Omit<AuditEntry, 'seq'>): Promise<void> {
  await appendAuditEntries(trx, tenantId, [entry]);
}

export interface AuditProblem {
  seq: string;
  problem: 'edited' | 'missing' | 'head_mismatch';
  message: string;
}

/** Walks a tenant's chain in order and reports every broken link. */
export async function verifyAuditChain(db: Kysely<Database>, tenantId: string): Promise<{ entries: number; problems: AuditProblem[] }> {
  return inTenant(db, tenantId, async (trx) => {
    const problems: AuditProblem[] = [];
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1n;
    let entries = 0;
    let lastSeq = 0n;
    const pageSize = 5000;
    for (;;) {
      const rows = await trx
        .selectFrom('audit_log')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('seq', '>', lastSeq.toString())
        .orderBy('seq')
        .limit(pageSize)
        .execute();
      for (const row of rows) {
        const seq = BigInt(row.seq);
        if (seq !== expectedSeq) {
          problems.push({ seq: expectedSeq.toString(), problem: 'missing', message: `entries ${expectedSeq}..${seq - 1n} are missing (deleted)` });
        }
        const entry: AuditEntry = {
          seq: row.seq,
          event_id: row.event_id,
          actor_id: row.actor_id,
          action: row.action,
          entity: row.entity,
          entity_id: row.entity_id,
          before: row.before,
          after: row.after,
          at: row.at.toISOString(),
        };
        if (row.prev_hash !== prevHash && seq === expectedSeq) {
          problems.push({ seq: row.seq, problem: 'edited', message: `entry ${row.seq} does not link to the entry before it` });
        }
        if (entryHash(row.prev_hash, entry) !== row.hash) {
          problems.push({ seq: row.seq, problem: 'edited', message: `entry ${row.seq} was changed after it was written` });
        }
        prevHash = row.hash;
        expectedSeq = seq + 1n;
        lastSeq = seq;
        entries++;
      }
      if (rows.length < pageSize) break;
    }
    const head = await trx.selectFrom('audit_heads').select(['seq', 'hash']).where('tenant_id', '=', tenantId).executeTakeFirst();
    if (head && (BigInt(head.seq) !== lastSeq || head.hash !== prevHash)) {
      problems.push({ seq: head.seq, problem: 'head_mismatch', message: `the chain ends at ${lastSeq} but the head records ${head.seq}: entries at the end were deleted` });
    }
    return { entries, problems };
  });
}
