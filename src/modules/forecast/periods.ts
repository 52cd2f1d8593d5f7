// Forecast periods: a month ('2026-11') or a quarter ('2026-Q4'), as calendar dates in the
// tenant's time zone; the instants they span are computed by the database from that zone.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import type { Tx } from '../../platform/tenancy/context.ts';
import { daysBetween } from '../../platform/tenancy/tenant-clock.ts';

export const periodKeySchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/, 'a month like 2026-11 or a quarter like 2026-Q4');

export interface Period {
  key: string;
  kind: 'month' | 'quarter';
  /** first local date, 'YYYY-MM-DD' */
  start: string;
  /** last local date (included) */
  end: string;
  /** the local date halfway through: the mid-period snapshot's day */
  mid: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function parsePeriod(key: string): Period {
  const m = /^(\d{4})-(?:(0[1-9]|1[0-2])|Q([1-4]))$/.exec(key);
  if (!m) throw new AppError('validation_failed', `"${key}" is not a period: use a month like 2026-11 or a quarter like 2026-Q4.`, { issues: [{ path: 'period', message: 'not a period' }] });
  const year = Number(m[1]);
  const firstMonth = m[2] ? Number(m[2]) : (Number(m[3]) - 1) * 3 + 1;
  const lastMonth = m[2] ? firstMonth : firstMonth + 2;
  const start = iso(year, firstMonth, 1);
  const end = iso(year, lastMonth, daysIn(year, lastMonth));
  return { key, kind: m[2] ? 'month' : 'quarter', start, end, mid: addDays(start, Math.floor(daysBetween(start, end) / 2)) };
}

/** The month or quarter that holds a local date. */
export function periodOf(localDate: string, kind: Period['kind']): Period {
  const [y, mo] = localDate.split('-').map(Number);
  return parsePeriod(kind === 'month' ? `${y}-${pad(mo)}` : `${y}-Q${Math.floor((mo - 1) / 3) + 1}`);
}

export function previousPeriod(p: Period): Period {
  return periodOf(addDays(p.start, -1), p.kind);
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** [start 00:00, day after end 00:00) of a period in the tenant's zone, as instants. */
export async function periodInstants(trx: Tx, timeZone: string, p: Period): Promise<{ from: Date; to: Date }> {
  const { rows } = await sql<{ from: Date; to: Date }>`
    select (${p.start}::date)::timestamp at time zone ${timeZone} as "from",
           (${p.end}::date + 1)::timestamp at time zone ${timeZone} as "to"`.execute(trx);
  return rows[0];
}
