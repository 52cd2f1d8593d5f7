// The daily recycling (回收): owned accounts nobody has touched for the tenant's number of days
// (per size when set), and not inside a claim's protection period, go back to the pool.
import { sql } from 'kysely';
import { inTenant, type RequestContext } from '../../platform/tenancy/context.ts';
import type { Db } from '../../platform/db/connection.ts';
import { loadPoolSettings } from './pool-settings.ts';
import { returnToPool } from './pool-moves.ts';

interface Candidate {
  id: string;
  owner_id: string;
  last_touch_at: Date | null;
  idle_since: Date;
  threshold_days: number;
}

/**
 * Idle since the latest of: the last touch by anyone, the account's creation, and when its
 * owner took it from the pool. Returns the accounts recycled.
 */
export async function recycleIdleAccounts(db: Db, tenantId: string, now = new Date()): Promise<{ recycled: number }> {
  const ctx: RequestContext = { tenantId, actor: { userId: null, role: 'admin', teamId: null, name: 'customer pool' } };
  return inTenant(db.kysely, tenantId, async (trx) => {
    const settings = await loadPoolSettings(trx, tenantId);
    const bySize = settings.recycleAfterDaysBySize;
    if (settings.recycleAfterDays === null && Object.keys(bySize).length === 0) return { recycled: 0 };
    const { rows } = await sql<Candidate>`
      select a.id, a.owner_id, t.last_touch_at, c.idle_since, c.threshold_days
      from accounts a
      left join pool_holdings h on h.tenant_id = a.tenant_id and h.account_id = a.id and h.user_id = a.owner_id
      cross join lateral (
        select max(occurred_at) as last_touch_at from activities
        where tenant_id = a.tenant_id and account_id = a.id and occurred_at <= ${now}
      ) t
      cross join lateral (
        select greatest(a.created_at, t.last_touch_at, h.held_since) as idle_since,
          coalesce((${JSON.stringify(bySize)}::jsonb ->> a.size)::int, ${settings.recycleAfterDays}::int) as threshold_days
      ) c
      where a.tenant_id = ${tenantId}
        and a.owner_id is not null
        and (h.protected_until is null or h.protected_until <= ${now})
        and c.threshold_days is not null
        and c.idle_since < ${now}::timestamptz - make_interval(days => c.threshold_days)
      order by a.id
      for update of a skip locked`.execute(trx);
    for (const r of rows) {
      const idleDays = Math.floor((now.getTime() - r.idle_since.getTime()) / (24 * 3600_000));
      await returnToPool(trx, ctx, {
        accountId: r.id,
        formerOwnerId: r.owner_id,
        reason: 'recycled',
        now,
        payload: { idleDays, thresholdDays: r.threshold_days, lastTouchAt: r.last_touch_at?.toISOString() ?? null },
      });
    }
    return { recycled: rows.length };
  });
}
