// The neutral forecast replayed on history: for each past period, what the neutral forecast
// would have said at its middle (from the state then, reconstructed from the audit log) against
// what was then won. Used by the backtest bench; no outcome after the as-of moment is read.
import type { Tx } from '../../platform/tenancy/context.ts';
import { loadDealRecords, type DealRecord } from './deal-history.ts';
import { neutralForecast } from './neutral-forecast.ts';
import { periodInstants, type Period } from './periods.ts';

export interface BacktestRow {
  period: string;
  asOf: string;
  neutralCents: bigint | null;
  wonSoFarCents: bigint;
  actualCents: bigint;
  /** |forecast − actual| / actual; null when actual is 0 or there is no forecast */
  error: number | null;
  learningWindows: number;
  flags: string[];
}

export function wonIn(deals: readonly DealRecord[], from: Date, to: Date): bigint {
  let sum = 0n;
  for (const d of deals) if (d.stage === 'won' && d.closedAt && d.closedAt >= from && d.closedAt < to) sum += d.amountCents;
  return sum;
}

export async function backtestNeutral(trx: Tx, tenantId: string, timeZone: string, periods: readonly Period[]): Promise<BacktestRow[]> {
  const deals = await loadDealRecords(trx, tenantId);
  const out: BacktestRow[] = [];
  for (const p of periods) {
    const { from, to } = await periodInstants(trx, timeZone, p);
    const asOf = new Date(from.getTime() + (to.getTime() - from.getTime()) / 2);
    const f = neutralForecast(deals, { start: p.start, end: p.end, from, to }, asOf, timeZone);
    const actual = wonIn(deals, from, to);
    const error = f.neutralCents === null || actual === 0n ? null : Math.abs(Number(f.neutralCents - actual)) / Number(actual);
    out.push({ period: p.key, asOf: asOf.toISOString(), neutralCents: f.neutralCents, wonSoFarCents: f.wonSoFarCents, actualCents: actual, error: error === null ? null : Math.round(error * 10_000) / 10_000, learningWindows: f.learning.windows, flags: f.flags });
  }
  return out;
}
