// Test factories for deal histories: accounts with decision makers, deals with chosen ages and
// close dates, touches at chosen times, and audited changes dated in the past (as a deal that has
// lived for months would have them).
import { inTenant } from '../../platform/tenancy/context.ts';
import { newId } from '../../platform/ids.ts';
import { appendAudit } from '../../platform/events/audit-chain.ts';
import type { TestServer } from '../../testing/harness.ts';

export const DAY = 86_400_000;
export const daysAgo = (days: number, from = new Date()) => new Date(from.getTime() - days * DAY);
/** the Shanghai calendar date (the tenants' default zone) `days` from now */
export const dateIn = (days: number, from = new Date()) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(from.getTime() + days * DAY));

export function historyFactory(server: TestServer, tenantId: string) {
  const run = <T>(fn: Parameters<typeof inTenant<T>>[2]) => inTenant(server.db.kysely, tenantId, fn);
  return {
    async account(name: string, ownerId: string, contacts: { name: string; role: string | null }[] = []): Promise<{ id: string; contacts: string[] }> {
      const id = newId();
      const ids = contacts.map(() => newId());
      await run(async (trx) => {
        await trx.insertInto('accounts').values({ id, tenant_id: tenantId, name, owner_id: ownerId, custom: '{}', updated_at: new Date() }).execute();
        for (const [i, c] of contacts.entries()) await trx.insertInto('contacts').values({ id: ids[i], tenant_id: tenantId, account_id: id, name: c.name, decision_role: c.role, owner_id: ownerId, custom: '{}', updated_at: new Date() }).execute();
      });
      return { id, contacts: ids };
    },
    async deal(opts: { accountId: string; ownerId: string; name: string; stage?: string; amountCents?: number; closeDate?: string | null; createdAt?: Date; stageChangedAt?: Date; closedAt?: Date | null }): Promise<string> {
      const id = newId();
      const createdAt = opts.createdAt ?? daysAgo(10);
      await run((trx) =>
        trx
          .insertInto('opportunities')
          .values({ id, tenant_id: tenantId, account_id: opts.accountId, owner_id: opts.ownerId, name: opts.name, stage: opts.stage ?? 'solution', amount_cents: opts.amountCents ?? 10_000_000, expected_close_date: opts.closeDate === undefined ? dateIn(60) : opts.closeDate, created_at: createdAt, stage_changed_at: opts.stageChangedAt ?? createdAt, closed_at: opts.closedAt ?? null, custom: '{}', updated_at: new Date() })
          .execute(),
      );
      return id;
    },
    async touch(opts: { accountId: string; dealId?: string; ownerId: string; at: Date; contactIds?: string[]; subject?: string; body?: string; type?: string }): Promise<string> {
      const id = newId();
      await run((trx) =>
        trx
          .insertInto('activities')
          .values({ id, tenant_id: tenantId, type: opts.type ?? 'visit', occurred_at: opts.at, logged_at: opts.at, subject: opts.subject ?? '拜访', body: opts.body ?? null, account_id: opts.accountId, opportunity_id: opts.dealId ?? null, contact_ids: opts.contactIds ?? [], owner_id: opts.ownerId, updated_at: new Date() })
          .execute(),
      );
      return id;
    },
    /** an audited change of a deal at a past moment (the row itself is set separately) */
    async change(dealId: string, at: Date, action: 'opportunity.updated' | 'opportunity.stage_changed', before: Record<string, unknown>, after: Record<string, unknown>): Promise<void> {
      await run(async (trx) => {
        const eventId = newId();
        await trx.insertInto('events').values({ id: eventId, tenant_id: tenantId, type: action, entity: 'opportunities', entity_id: dealId, actor_id: null, payload: JSON.stringify(action === 'opportunity.stage_changed' ? { from: before.stage, to: after.stage } : {}), created_at: at, dispatched_at: at }).execute();
        await appendAudit(trx, tenantId, { event_id: eventId, actor_id: null, action, entity: 'opportunities', entity_id: dealId, before, after, at: at.toISOString() });
      });
    },
    set(dealId: string, columns: Record<string, unknown>) {
      return run((trx) => trx.updateTable('opportunities').set(columns).where('tenant_id', '=', tenantId).where('id', '=', dealId).execute());
    },
  };
}
