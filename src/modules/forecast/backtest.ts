// The neutral forecast replayed on history: for each past period, what the neutral forecast
// would have said at several moments in it (from the state then, reconstructed from the audit
// log) against what was then won. Used by the backtest bench; no outcome after the as-of moment
// is read.
import type { Tx } from '../../platform/tenancy/context.ts';
import { loadDealRecords, type DealRecord } from './deal-history.ts';
import { neutralForecast } from './neutral-forecast.ts';
import { inTimeProbabilities } from './in-time-probabilities.ts';
import { loadHistories } from '../win-model/load-histories.ts';
import { periodInstants, type Period } from './periods.ts';

export interface BacktestRow {
  period: string;
  /** how far into the period the forecast was made (0.5: its middle) */
  cutOff: number;
  asOf: string;
  /** whole days between the first deal the tenant has and the as-of moment */
  historyDays: number;
  neutralCents: bigint | null;
  wonSoFarCents: bigint;
  openExpectedCents: bigint | null;
  lateCents: bigint | null;
  spreadCents: bigint | null;
  actualCents: bigint;
  /** (forecast − actual) / actual; null when actual is 0 or there is no forecast */
  signedError: number | null;
  /** |forecast − actual| / actual */
  error: number | null;
  /** (forecast − actual) / the forecast's spread: how many standard deviations off */
  errorInSpreads: number | null;
  learningWindows: number;
  modelRatedDeals: number;
  flags: string[];
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

export function wonIn(deals: readonly DealRecord[], from: Date, to: Date): bigint {
  let sum = 0n;
  for (const d of deals) if (d.stage === 'won' && d.closedAt && d.closedAt >= from && d.closedAt < to) sum += d.amountCents;
  return sum;
}

/** `method`: 'model' (the live way: the win model trained at each as-of moment on the learning windows, cells where it cannot be) or 'cells' only, to compare */
export async function backtestNeutral(trx: Tx, tenantId: string, timeZone: string, periods: readonly Period[], cutOffs: readonly number[] = [0.5], method: 'model' | 'cells' = 'model'): Promise<BacktestRow[]> {
  const deals = await loadDealRecords(trx, tenantId);
  const histories = method === 'model' ? await loadHistories(trx, tenantId, deals.map((d) => d.id)) : null;
  const earliest = Math.min(...deals.map((d) => d.createdAt.getTime()));
  const out: BacktestRow[] = [];
  for (const p of periods) {
    const { from, to } = await periodInstants(trx, timeZone, p);
    const actual = wonIn(deals, from, to);
    for (const cutOff of cutOffs) {
      const asOf = new Date(from.getTime() + (to.getTime() - from.getTime()) * cutOff);
      const window = { start: p.start, end: p.end, from, to };
      const f = neutralForecast(deals, window, asOf, timeZone, { inTimeProbabilities: histories ? inTimeProbabilities(histories, deals, window, asOf) : undefined });
      const signed = f.neutralCents === null || actual === 0n ? null : Number(f.neutralCents - actual) / Number(actual);
      const inSpreads = f.neutralCents === null || !f.spreadCents ? null : Number(f.neutralCents - actual) / Number(f.spreadCents);
      out.push({
        period: p.key,
        cutOff,
        asOf: asOf.toISOString(),
        historyDays: Math.floor((asOf.getTime() - earliest) / 86_400_000),
        neutralCents: f.neutralCents,
        wonSoFarCents: f.wonSoFarCents,
        openExpectedCents: f.openExpectedCents,
        lateCents: f.lateCents,
        spreadCents: f.spreadCents,
        actualCents: actual,
        signedError: signed === null ? null : round(signed, 4),
        error: signed === null ? null : round(Math.abs(signed), 4),
        errorInSpreads: inSpreads === null ? null : round(inSpreads, 2),
        learningWindows: f.learning.windows,
        modelRatedDeals: f.modelRatedDeals,
        flags: f.flags,
      });
    }
  }
  return out;
}
