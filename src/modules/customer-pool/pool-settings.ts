// The tenant's pool rules (公海规则): when idle accounts go back to the pool (optionally per
// account size), how many pool accounts a person may hold, how long a claim is protected, and
// how long before someone may re-claim an account they let go.
import { z } from 'zod';
import type { Selectable } from 'kysely';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { iso } from '../../platform/http/schemas.ts';
import type { CustomerPoolSettingsTable } from '../../platform/db/schema.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { accountSizes } from '../accounts/accounts-resource.ts';

const days = (max = 3650) => z.number().int().min(1).max(max);

export const poolSettingsSchema = z
  .object({
    /** days without a touch before an owned account returns to the pool; null: never (recycling off) */
    recycleAfterDays: days().nullable(),
    /** per account size, overriding recycleAfterDays */
    recycleAfterDaysBySize: z.partialRecord(z.enum(accountSizes), days()).default({}),
    /** how many claimed pool accounts one person may hold at once; null: no limit */
    claimLimit: z.number().int().min(0).max(100_000).nullable(),
    /** days after claiming (or being assigned) during which the account is never recycled */
    protectionDays: z.number().int().min(0).max(3650),
    /** days after letting an account go (released or recycled) before the same person may claim it again */
    reclaimCooldownDays: z.number().int().min(0).max(3650),
  })
  .strict();
export type PoolSettings = z.output<typeof poolSettingsSchema>;

/** Until an admin sets them: recycling off (it takes customers away from people, so it never starts by itself), 50 accounts, 7 days, 30 days. */
export const defaultPoolSettings: PoolSettings = { recycleAfterDays: null, recycleAfterDaysBySize: {}, claimLimit: 50, protectionDays: 7, reclaimCooldownDays: 30 };

const fromRow = (r: Selectable<CustomerPoolSettingsTable>): PoolSettings => ({
  recycleAfterDays: r.recycle_after_days,
  recycleAfterDaysBySize: r.recycle_after_days_by_size as PoolSettings['recycleAfterDaysBySize'],
  claimLimit: r.claim_limit,
  protectionDays: r.protection_days,
  reclaimCooldownDays: r.reclaim_cooldown_days,
});

/** The rules in force (no permission check: claims and the recycle job read them too). */
export async function loadPoolSettings(trx: Tx, tenantId: string): Promise<PoolSettings> {
  const row = await trx.selectFrom('customer_pool_settings').selectAll().where('tenant_id', '=', tenantId).executeTakeFirst();
  return row ? fromRow(row) : defaultPoolSettings;
}

export async function readPoolSettings(trx: Tx, ctx: RequestContext) {
  authorize(ctx, 'customer_pool_settings', 'read');
  const row = await trx.selectFrom('customer_pool_settings').selectAll().where('tenant_id', '=', ctx.tenantId).executeTakeFirst();
  return row ? { ...fromRow(row), isDefault: false, updatedBy: row.updated_by, updatedAt: iso(row.updated_at) } : { ...defaultPoolSettings, isDefault: true, updatedBy: null, updatedAt: null };
}

export async function writePoolSettings(trx: Tx, ctx: RequestContext, input: PoolSettings) {
  authorize(ctx, 'customer_pool_settings', 'update');
  const settings = poolSettingsSchema.parse(input);
  const before = await loadPoolSettings(trx, ctx.tenantId);
  const cols = {
    recycle_after_days: settings.recycleAfterDays,
    recycle_after_days_by_size: JSON.stringify(settings.recycleAfterDaysBySize),
    claim_limit: settings.claimLimit,
    protection_days: settings.protectionDays,
    reclaim_cooldown_days: settings.reclaimCooldownDays,
    updated_by: ctx.actor.userId,
    updated_at: new Date(),
  };
  await trx
    .insertInto('customer_pool_settings')
    .values({ tenant_id: ctx.tenantId, ...cols })
    .onConflict((oc) => oc.column('tenant_id').doUpdateSet(cols))
    .execute();
  await recordEvent(trx, ctx, { type: 'customer_pool.settings_changed', entity: 'customer_pool_settings', entityId: null, before, after: settings });
  return readPoolSettings(trx, ctx);
}
