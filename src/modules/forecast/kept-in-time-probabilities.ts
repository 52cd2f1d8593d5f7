// The live forecast's per-deal probabilities from the win model (in-time-probabilities.ts), kept
// between requests: training is most of a request's cost, so it happens once per tenant, period
// and hour (as of the hour's start) for as long as the tenant's deal records are the kept ones.
// A tenant with more deals than the trees are trained for here is rated by the cells instead.
import type { Tx } from '../../platform/tenancy/context.ts';
import { loadHistories } from '../win-model/load-histories.ts';
import type { DealRecord } from './deal-history.ts';
import { inTimeProbabilities } from './in-time-probabilities.ts';
import type { PeriodWindow } from './neutral-forecast.ts';

/** above this many deals a request would spend seconds training: the cells serve */
export const MODEL_MAX_DEALS = 20_000;
const HOUR_MS = 3_600_000;
/** periods and hours kept per tenant (the oldest is dropped first) */
const KEPT_PER_TENANT = 8;

/** per kept deal-record list (a new list when the tenant's deals change): period key and hour → probabilities */
const kept = new WeakMap<readonly DealRecord[], Map<string, Map<string, number>>>();

/** The probabilities as of the start of asOf's hour (deals created since then are rated by their cells); empty when the model does not serve. */
export async function keptInTimeProbabilities(trx: Tx, tenantId: string, deals: readonly DealRecord[], periodKey: string, period: PeriodWindow, asOf: Date): Promise<Map<string, number>> {
  if (deals.length === 0 || deals.length > MODEL_MAX_DEALS) return new Map();
  const hour = new Date(Math.floor(asOf.getTime() / HOUR_MS) * HOUR_MS);
  const key = `${periodKey}|${hour.toISOString()}`;
  let byKey = kept.get(deals);
  if (!byKey) kept.set(deals, (byKey = new Map<string, Map<string, number>>()));
  let probabilities = byKey.get(key);
  if (!probabilities) {
    probabilities = inTimeProbabilities(await loadHistories(trx, tenantId, deals.map((d) => d.id)), deals, period, hour);
    byKey.set(key, probabilities);
    if (byKey.size > KEPT_PER_TENANT) byKey.delete(byKey.keys().next().value as string);
  }
  return probabilities;
}
