// resolveAlerts(): how a module closes the open alerts it raised once their cause has gone (by
// the dedupe keys it raised them with), in the caller's transaction.
import type { Tx } from '../../platform/tenancy/context.ts';

export async function resolveAlerts(trx: Tx, tenantId: string, dedupeKeys: readonly string[], now: Date): Promise<void> {
  if (dedupeKeys.length === 0) return;
  await trx.updateTable('alerts').set({ resolved_at: now }).where('tenant_id', '=', tenantId).where('resolved_at', 'is', null).where('dedupe_key', 'in', [...dedupeKeys]).execute();
}
