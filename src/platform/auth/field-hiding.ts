// Field-level hiding per role (e.g. margin hidden from reps), configured per tenant in
// field_policies and applied by every presenter's caller.
import type { RequestContext, Tx } from '../tenancy/context.ts';
import { cachedForTenant } from '../tenancy/tenant-cache.ts';

export async function hiddenFields(trx: Tx, ctx: RequestContext, entity: string): Promise<Set<string>> {
  const rows = await cachedForTenant(ctx.tenantId, `field_policies:${entity}`, () =>
    trx.selectFrom('field_policies').select(['field', 'hidden_for']).where('tenant_id', '=', ctx.tenantId).where('entity', '=', entity).execute(),
  );
  return new Set(rows.filter((r) => r.hidden_for.includes(ctx.actor.role)).map((r) => r.field));
}

export function stripHidden<T extends Record<string, unknown>>(record: T, hidden: Set<string>): T {
  if (hidden.size === 0) return record;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) if (!hidden.has(k)) out[k] = v;
  return out as T;
}
