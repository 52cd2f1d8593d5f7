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

/** An audit-logged change of a deal's fields at a past moment, as the app records it (an edit, or a stage move). */
export async function recordDealChange(server: TestServer, tenantId: string, dealId: string, at: Date, before: Record<string, unknown>, after: Record<string, unknown>, action: 'opportunity.updated' | 'opportunity.stage_changed' = 'opportunity.updated') {
  await inTenant(server.db.kysely, tenantId, (trx) => appendAudit(trx, tenantId, { event_id: newId(), actor_id: null, action, entity: 'opportunities', entity_id: dealId, before, after, at: at.toISOString() }));
}

/**
 * A year of deals that went 已报价 → won (two in three) or lost, 40 days after they were created, their
 * moves in the audit log as moveStage records them: history enough for the neutral forecast to learn from.
 */
export async function insertClosedHistory(server: TestServer, tenantId: string, ownerId: string, count = 24): Promise<void> {
  const day = 86_400_000;
  const past = Array.from({ length: count }, (_, i) => ({ i, createdAt: new Date(Date.now() - (380 - i * 14) * day), closedAt: new Date(Date.now() - (340 - i * 14) * day), won: i % 3 !== 0 }));
  const ids = await insertDeals(
    server,
    tenantId,
    past.map((p) => ({ ownerId, amount: 100_000 + p.i * 10_000, stage: p.won ? 'won' : 'lost', category: p.won ? 'closed' : 'omitted', expectedClose: p.closedAt.toISOString().slice(0, 10), createdAt: p.createdAt, closedAt: p.closedAt, name: `历史商机${p.i + 1}` })),
  );
  for (const [k, p] of past.entries()) {
    const outcome = p.won ? { stage: 'won', forecastCategory: 'closed' } : { stage: 'lost', forecastCategory: 'omitted' };
    await recordDealChange(server, tenantId, ids[k], p.closedAt, { stage: 'quoted', forecastCategory: 'commit', closedAt: null }, { ...outcome, closedAt: p.closedAt.toISOString() }, 'opportunity.stage_changed');
  }
}
