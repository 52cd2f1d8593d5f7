// The tenant's calendar: its time zone, today's date there, the date of an instant there, and
// whole days between two such dates. Periods, decay, scenarios and warnings all count in it.
import { sql } from 'kysely';
import type { Tx } from './context.ts';

export interface TenantClock {
  timeZone: string;
  today: string;
}

// building an Intl formatter costs far more than using one: one per time zone, kept
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** 'YYYY-MM-DD' of an instant in a time zone */
export function localDateAt(instant: Date, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) dateFormats.set(timeZone, (format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return format.format(instant);
}

/** whole days from one 'YYYY-MM-DD' date to another (negative when `to` is earlier) */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

export async function tenantClock(trx: Tx, tenantId: string, now: Date): Promise<TenantClock> {
  const { rows } = await sql<{ time_zone: string }>`select time_zone from tenants where id = ${tenantId}`.execute(trx);
  if (!rows[0]) throw new Error(`Tenant ${tenantId} does not exist.`);
  return { timeZone: rows[0].time_zone, today: localDateAt(now, rows[0].time_zone) };
}
