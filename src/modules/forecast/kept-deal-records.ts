// The tenant's deal records (rows and their audit history) kept between forecast requests: on a
// large tenant rebuilding them is most of a request's cost, and they change far less often than
// the page is read. A cheap fingerprint of the tenant's opportunities (count, latest and summed
// updated_at: every write through the app stamps it) and of its audit log (the last seq) says,
// in the request's own transaction, whether the kept copy is still what the database holds.
import { sql } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { loadDealRecords, type DealRecord } from './deal-history.ts';

/** tenants kept at once (the least recently read is dropped first) */
const MAX_TENANTS = 16;
const kept = new Map<string, { fingerprint: string; deals: DealRecord[] }>();

async function fingerprintOf(trx: Tx, tenantId: string): Promise<string> {
  const { rows } = await sql<{ fingerprint: string }>`
    select concat_ws('|', o.n, o.latest, o.total, (select max(seq) from audit_log where tenant_id = ${tenantId})) as fingerprint
    from (select count(*) as n, max(updated_at) as latest, sum(extract(epoch from updated_at)) as total from opportunities where tenant_id = ${tenantId}) o`.execute(trx);
  return rows[0].fingerprint;
}

/** Every deal of the tenant with its history, as loadDealRecords gives it; read again only when the tenant's deals or audit log changed. */
export async function keptDealRecords(trx: Tx, tenantId: string): Promise<DealRecord[]> {
  const fingerprint = await fingerprintOf(trx, tenantId);
  const hit = kept.get(tenantId);
  kept.delete(tenantId);
  const deals = hit?.fingerprint === fingerprint ? hit.deals : await loadDealRecords(trx, tenantId);
  kept.set(tenantId, { fingerprint, deals });
  if (kept.size > MAX_TENANTS) kept.delete(kept.keys().next().value as string);
  return deals;
}
