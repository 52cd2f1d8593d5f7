// A pipeline-changes period: a month ('2026-11') or a quarter ('2026-Q4') of the tenant's
// calendar, turned into its first and last day and the instants it starts and ends in the
// tenant's time zone; a period still running ends now.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import type { Period } from './change-buckets.ts';

export const periodParam = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, "must be a month like 2026-11 or a quarter like 2026-Q4");

export interface ResolvedPeriod extends Period {
  key: string;
  kind: 'month' | 'quarter';
  timeZone: string;
  /** true while the period is still running (its end is now) */
  running: boolean;
}

export function periodDays(key: string): { kind: 'month' | 'quarter'; fromDate: string; toDate: string } {
  const year = Number(key.slice(0, 4));
  const quarter = key[5] === 'Q';
  const firstMonth = quarter ? (Number(key[6]) - 1) * 3 + 1 : Number(key.slice(5, 7));
  const months = quarter ? 3 : 1;
  const pad = (n: number) => String(n).padStart(2, '0');
  const lastMonth = firstMonth + months - 1;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return { kind: quarter ? 'quarter' : 'month', fromDate: `${year}-${pad(firstMonth)}-01`, toDate: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}

/** the tenant's current month, as a period key */
export async function currentMonth(trx: Tx, tenantId: string): Promise<string> {
  const { rows } = await sql<{ key: string }>`select to_char(now() at time zone time_zone, 'YYYY-MM') as key from tenants where id = ${tenantId}`.execute(trx);
  return rows[0].key;
}

export async function resolvePeriod(trx: Tx, tenantId: string, key: string, now = new Date()): Promise<ResolvedPeriod> {
  const days = periodDays(key);
  const { rows } = await sql<{ start: Date; period_end: Date; time_zone: string }>`
    select (${days.fromDate}::date::timestamp at time zone time_zone) as start, ((${days.toDate}::date + 1)::timestamp at time zone time_zone) as period_end, time_zone
    from tenants where id = ${tenantId}`.execute(trx);
  const { start, period_end: periodEnd, time_zone: timeZone } = rows[0];
  if (start > now) throw new AppError('validation_failed', `The period ${key} has not started yet; pick the current or an earlier month or quarter.`, { period: key });
  const running = periodEnd > now;
  return { key, ...days, timeZone, start, end: running ? now : periodEnd, running };
}
