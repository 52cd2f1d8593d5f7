// Test factories for the forecast: deals written straight into the table (stage, category,
// close dates and wins exactly as a test needs them) and their audit-log history.
import { newId } from '../../platform/ids.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { appendAudit } from '../../platform/events/audit-chain.ts';
import type { TestServer } from '../../testing/harness.ts';

export interface DealSpec {
  ownerId: string | null;
  amount: number;
  stage?: string;
  category?: string;
  expectedClose?: string | null;
  closedAt?: Date | null;
  createdAt?: Date;
  name?: string;
}

export async function insertDeals(server: TestServer, tenantId: string, deals: DealSpec[]): Promise<string[]> {
  return inTenant(server.db.kysely, tenantId, async (trx) => {
    const accountId = newId();
    await trx.insertInto('accounts').values({ id: accountId, tenant_id: tenantId, name: `客户${accountId.slice(-6)}`, updated_at: new Date() }).execute();
    const ids: string[] = [];
    for (const d of deals) {
      const id = newId();
      ids.push(id);
      await trx
        .insertInto('opportunities')
        .values({
          id,
          tenant_id: tenantId,
          account_id: accountId,
          name: d.name ?? `商机${ids.length}`,
          amount_cents: String(Math.round(d.amount * 100)),
          stage: d.stage ?? 'quoted',
          forecast_category: d.category ?? 'commit',
          expected_close_date: d.expectedClose ?? null,
          owner_id: d.ownerId,
          closed_at: d.closedAt ?? null,
          created_at: d.createdAt ?? new Date(Date.now() - 30 * 86_400_000),
          stage_changed_at: new Date(),
          updated_at: new Date(),
        })
        .execute();
    }
    return ids;
  });
}

/** An audit-logged change of a deal's fields at a past moment, as the app records it. */
export async function recordDealChange(server: TestServer, tenantId: string, dealId: string, at: Date, before: Record<string, unknown>, after: Record<string, unknown>) {
  await inTenant(server.db.kysely, tenantId, (trx) => appendAudit(trx, tenantId, { event_id: newId(), actor_id: null, action: 'opportunity.updated', entity: 'opportunities', entity_id: dealId, before, after, at: at.toISOString() }));
}
