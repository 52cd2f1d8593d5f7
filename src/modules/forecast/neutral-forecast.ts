// The neutral forecast, pure: not the reps' typed numbers but won-so-far + each open deal × the
// share of such deals' value that the tenant's own history turned into wins in as much time as
// the period has left (conversion-rates.ts: by stage, close-date timing, category, time in stage
// and close-date pushes, small cells shrunk towards broader ones) + the revenue that deals not yet
// created will bring in before the period ends (the recent rate of new deals × what a new deal
// historically brought in within such a window). History is read as it stood then
// (deal-history.ts), in windows with this period's time remaining, ending at past month ends by
// the as-of moment, so nothing the as-of moment could not know is used. Given per-deal
// probabilities from the win model trained on those same windows (in-time-probabilities.ts), a
// deal is rated by its probability instead of its cells.
import { dealPaceAt, dealStateAt, openStateAt, type DealRecord } from './deal-history.ts';
import { cellsOf, ConversionTable, timingOf, type Rate, type Timing } from './conversion-rates.ts';
import { localDateAt } from '../../platform/tenancy/tenant-clock.ts';

export type { Rate, Timing } from './conversion-rates.ts';

/** how far back the recent rate of new deals looks (less when the history is shorter) */
export const NEW_DEAL_RATE_DAYS = 90;
const DAY_MS = 86_400_000;

export interface PeriodWindow {
  /** local dates, end included */
  start: string;
  end: string;
  /** instants: [from, to) */
  from: Date;
  to: Date;
}

export interface Driver {
  id: string;
  name: string;
  ownerId: string | null;
  stage: string;
  forecastCategory: string;
  amountCents: bigint;
  expectedCloseDate: string | null;
  overdue: boolean;
  timing: Timing;
  rate: number;
  basis: string;
  samples: number;
  contributionCents: bigint;
}

export interface NeutralForecast {
  asOf: Date;
  /** null when there is no history to learn from (missing is not zero) */
  neutralCents: bigint | null;
  wonSoFarCents: bigint;
  openExpectedCents: bigint | null;
  /** expected revenue from deals created after the as-of moment and won in the period */
  lateCents: bigint | null;
  /** one standard deviation of what the open deals bring in, were each won or lost independently at its rate */
  spreadCents: bigint | null;
  /** that late revenue as a share of won so far + open expected */
  lateFactor: number | null;
  openDeals: number;
  unknownStageDeals: number;
  /** open deals rated by the win model rather than by their cells */
  modelRatedDeals: number;
  learning: { windows: number; samples: number; firstWindow: string | null; lastWindow: string | null };
  rates: Rate[];
  /** per owner (null: deals with no owner): won so far + open contributions + late revenue from the deals they have recently been creating */
  perOwner: Map<string | null, bigint>;
  /** the open deals that move the number most, largest contribution first */
  drivers: Driver[];
  flags: string[];
}

/**
 * The ends of the learning windows: every past month end (as instants, the period's own end moved
 * back whole months), so each window ends where real periods end — reps bunch expected close
 * dates at month ends, and a window that ended mid-month would give those deals more time than
 * the period has. Windows must end by asOf (their outcome known) and their anchor (the end less
 * the time remaining) must lie within the history.
 */
export function windowEnds(period: PeriodWindow, asOf: Date, remaining: number, earliest: number): number[] {
  const out: number[] = [];
  const endDay = Date.parse(`${period.end}T00:00:00Z`);
  for (let k = 1; k < 240; k++) {
    const d = new Date(endDay);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - k + 1);
    d.setUTCDate(0); // the last day of the month k months before the period's last month
    const vTo = period.to.getTime() - (endDay - d.getTime());
    if (vTo - remaining < earliest) break;
    if (vTo <= asOf.getTime()) out.push(vTo);
  }
  return out;
}

const inPeriod = (d: string | null, w: { start: string; end: string }) => d !== null && d >= w.start && d <= w.end;
export const wonBetween = (d: DealRecord, from: number, to: number) => d.stage === 'won' && d.closedAt !== null && d.closedAt.getTime() >= from && d.closedAt.getTime() < to;

interface Learned {
  table: ConversionTable;
  windows: number;
  firstWindow: string | null;
  lastWindow: string | null;
  /** deals created inside the windows, and what those were won for before their window closed */
  newDeals: number;
  newDealsWonCents: number;
}

/** Replays each learning window from its anchor: every deal open then is a sample of its cells; every deal created after it, a sample of new-deal revenue. */
function learn(deals: readonly DealRecord[], period: PeriodWindow, asOf: Date, timeZone: string, earliest: number, elapsed: number, remaining: number): Learned {
  const out: Learned = { table: new ConversionTable(), windows: 0, firstWindow: null, lastWindow: null, newDeals: 0, newDealsWonCents: 0 };
  for (const vTo of windowEnds(period, asOf, remaining, earliest)) {
    const a = vTo - remaining;
    const w = { start: localDateAt(new Date(a - elapsed), timeZone), end: localDateAt(new Date(vTo - 1), timeZone) };
    const aDate = localDateAt(new Date(a), timeZone);
    const anchor = new Date(a);
    out.windows++;
    out.lastWindow ??= w.start;
    out.firstWindow = w.start;
    for (const d of deals) {
      // the amount as signed, not as edited after the window
      const wonCents = wonBetween(d, a, vTo) ? (dealStateAt(d, new Date(vTo - 1))?.amountCents ?? 0n) : 0n;
      if (d.createdAt > anchor) {
        if (d.createdAt.getTime() < vTo) {
          out.newDeals++;
          out.newDealsWonCents += Number(wonCents);
        }
        continue;
      }
      const s = openStateAt(d, anchor);
      if (!s || s.stage === 'unknown') continue;
      out.table.add(cellsOf(s, timingOf(s.expectedCloseDate, w, aDate), dealPaceAt(d, anchor)), s.amountCents, wonCents);
    }
  }
  return out;
}

export interface NeutralOptions {
  drivers?: number;
  /** deal id → P(won before the period ends) from the win model trained on these windows (in-time-probabilities.ts): a deal with one is rated by it, not by its cells */
  inTimeProbabilities?: ReadonlyMap<string, number>;
}

export function neutralForecast(deals: readonly DealRecord[], period: PeriodWindow, asOf: Date, timeZone: string, opts: NeutralOptions = {}): NeutralForecast {
  const elapsed = Math.max(0, asOf.getTime() - period.from.getTime());
  const remaining = Math.max(0, period.to.getTime() - asOf.getTime());
  const earliest = Math.min(...deals.map((d) => d.createdAt.getTime()));
  const learned = learn(deals, period, asOf, timeZone, earliest, elapsed, remaining);
  const { table } = learned;

  const today = localDateAt(asOf, timeZone);
  const perOwner = new Map<string | null, bigint>();
  const bump = (owner: string | null, v: bigint) => perOwner.set(owner, (perOwner.get(owner) ?? 0n) + v);
  let wonSoFar = 0n;
  let openExpected = 0n;
  let openDeals = 0;
  let unknownStage = 0;
  let unrated = 0;
  let modelRated = 0;
  let variance = 0;
  const drivers: Driver[] = [];
  const trailing = Math.min(NEW_DEAL_RATE_DAYS * DAY_MS, asOf.getTime() - earliest);
  const recentByOwner = new Map<string | null, number>();
  for (const d of deals) {
    if (d.createdAt <= asOf && d.createdAt.getTime() > asOf.getTime() - trailing) recentByOwner.set(d.ownerId, (recentByOwner.get(d.ownerId) ?? 0) + 1);
    if (wonBetween(d, period.from.getTime(), asOf.getTime() + 1)) {
      wonSoFar += d.amountCents;
      bump(d.ownerId, d.amountCents);
      continue;
    }
    const s = openStateAt(d, asOf);
    if (!s) continue;
    const timing = timingOf(s.expectedCloseDate, period, today);
    if (inPeriod(s.expectedCloseDate, period)) openDeals++;
    if (s.stage === 'unknown') unknownStage++;
    const modelled = opts.inTimeProbabilities?.get(d.id);
    const rate: Rate | null = modelled === undefined ? table.rateOf(cellsOf(s, timing, dealPaceAt(d, asOf))) : { basis: 'model', rate: Math.round(modelled * 10_000) / 10_000, samples: table.samples };
    if (modelled !== undefined) modelRated++;
    if (!rate) {
      unrated++;
      continue;
    }
    const contribution = BigInt(Math.round(Number(s.amountCents) * rate.rate));
    variance += Number(s.amountCents) ** 2 * rate.rate * (1 - Math.min(1, rate.rate));
    openExpected += contribution;
    bump(d.ownerId, contribution);
    drivers.push({ id: d.id, name: d.name, ownerId: d.ownerId, stage: s.stage, forecastCategory: s.forecastCategory, amountCents: s.amountCents, expectedCloseDate: s.expectedCloseDate, overdue: timing === 'overdue', timing, rate: rate.rate, basis: rate.basis, samples: rate.samples, contributionCents: contribution });
  }
  drivers.sort((a, b) => (b.contributionCents > a.contributionCents ? 1 : b.contributionCents < a.contributionCents ? -1 : a.id.localeCompare(b.id)));

  const flags: string[] = [];
  const known = learned.windows > 0 && table.samples > 0 && trailing > 0;
  if (!known) flags.push('no_history');
  if (unknownStage) flags.push('stage_history_missing');
  if (unrated) flags.push('some_deals_unrated');
  // new deals expected in the time remaining, at each owner's recent pace, each worth what a new deal brought in within such a window
  const yieldPerNewDeal = learned.newDeals > 0 ? learned.newDealsWonCents / learned.newDeals : 0;
  let late = 0n;
  if (known) {
    for (const [owner, created] of recentByOwner) {
      const v = BigInt(Math.round(yieldPerNewDeal * created * (remaining / trailing)));
      late += v;
      bump(owner, v);
    }
  }
  const base = wonSoFar + openExpected;
  return {
    asOf,
    neutralCents: known ? base + late : null,
    wonSoFarCents: wonSoFar,
    openExpectedCents: known ? openExpected : null,
    lateCents: known ? late : null,
    spreadCents: known ? BigInt(Math.round(Math.sqrt(variance))) : null,
    lateFactor: known && base > 0n ? Math.round((Number(late) / Number(base)) * 10_000) / 10_000 : null,
    openDeals,
    unknownStageDeals: unknownStage,
    modelRatedDeals: modelRated,
    learning: { windows: learned.windows, samples: table.samples, firstWindow: learned.firstWindow, lastWindow: learned.lastWindow },
    rates: table.summary(),
    perOwner: known ? perOwner : new Map<string | null, bigint>(),
    drivers: drivers.slice(0, opts.drivers ?? 20),
    flags,
  };
}
