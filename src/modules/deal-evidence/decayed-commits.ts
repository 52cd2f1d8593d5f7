// The one SQL definition of a decayed commit, shared by the live board and the daily run: an open
// deal in forecast category commit whose decay clock (days since the later of its expected close
// date and its last update, as decay-curve.ts defines "update") has reached the curve's first step.
import { sql, type SqlBool } from 'kysely';
import type { Tx } from '../../platform/tenancy/context.ts';
import { openStages } from '../pipeline/stages.ts';
import type { TenantClock } from '../../platform/tenancy/tenant-clock.ts';
import type { DecayStep } from './decay-curve.ts';

export function decayedCommits(trx: Tx, tenantId: string, clock: TenantClock, now: Date, curve: readonly DecayStep[]) {
  const firstStep = Math.min(...curve.map((s) => s.daysPast));
  const at = now.toISOString();
  const lastUpdate = sql<Date>`greatest(o.updated_at,
    coalesce((select max(x.occurred_at) from activities x where x.tenant_id = o.tenant_id and x.opportunity_id = o.id and x.type <> 'note' and x.occurred_at <= ${at}::timestamptz), o.updated_at),
    coalesce((select max(e.created_at) from deal_evidence e where e.tenant_id = o.tenant_id and e.opportunity_id = o.id and e.created_at <= ${at}::timestamptz), o.updated_at))`;
  return trx
    .selectFrom('opportunities as o')
    .where('o.tenant_id', '=', tenantId)
    .where('o.forecast_category', '=', 'commit')
    .where('o.stage', 'in', openStages)
    .where('o.expected_close_date', '<', clock.today)
    .where(sql<SqlBool>`${clock.today}::date - greatest(o.expected_close_date, (${lastUpdate} at time zone ${clock.timeZone})::date) >= ${firstStep}`);
}

/** amount × fraction in exact minor units (the fraction has at most four decimals), rounded half up */
export function scaleCents(cents: string, fraction: number): string {
  const bp = BigInt(Math.round(fraction * 10_000));
  const v = BigInt(cents) * bp;
  return ((v + 5_000n) / 10_000n).toString();
}
