// Report periods are whole days in the tenant's time zone: from/to 'YYYY-MM-DD' (both included)
// become the instants [start of from, start of the day after to); a missing `to` is today and a
// missing `from` is `defaultDays` before it.
import { sql } from 'kysely';
import { AppError } from '../../platform/http/errors.ts';
import type { Tx } from '../../platform/tenancy/context.ts';

export interface Period {
  from: string;
  to: string;
  start: Date;
  end: Date;
}

export async function tenantDays(trx: Tx, tenantId: string, asked: { from?: string; to?: string }, defaultDays = 30): Promise<Period> {
  if (asked.from && asked.to && asked.from > asked.to) throw new AppError('validation_failed', `The period starts (${asked.from}) after it ends (${asked.to}). Swap from and to.`, asked);
  const { rows } = await sql<Period>`
    with p as (
      select coalesce(${asked.to ?? null}::date, (now() at time zone time_zone)::date) as to_day, time_zone from tenants where id = ${tenantId}
    ), d as (
      select coalesce(${asked.from ?? null}::date, to_day - ${defaultDays - 1}::int) as from_day, to_day, time_zone from p
    )
    select to_char(from_day, 'YYYY-MM-DD') as "from", to_char(to_day, 'YYYY-MM-DD') as "to",
      (from_day::timestamp at time zone time_zone) as start, ((to_day + 1)::timestamp at time zone time_zone) as "end"
    from d`.execute(trx);
  const period = rows[0];
  if (period.from > period.to) throw new AppError('validation_failed', `The period starts (${period.from}) after it ends (${period.to}). Send both from and to.`, { from: period.from, to: period.to });
  return period;
}
