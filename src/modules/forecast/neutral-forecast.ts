// The neutral forecast, pure: not the reps' typed numbers but won-so-far + each open deal
// expected in the period × the share of such deals' value that the tenant's own history turned
// into wins before the period ended (by stage, forecast category and whether the close date had
// already passed), + the revenue that historically arrives from deals not yet in the period's
// pipeline. History is read as it stood then (deal-history.ts), in windows shaped like this
// period (same time elapsed and remaining) ending at past month ends before the as-of moment, so
// nothing the as-of moment could not know is used.
import { dealStateAt, type DealRecord, type DealState } from './deal-history.ts';
import { localDateAt } from '../../platform/tenancy/tenant-clock.ts';

/** fewer samples than this in a rate's group fall back to a coarser group */
export const MIN_SAMPLES = 15;

export interface PeriodWindow {
  /** local dates, end included */
  start: string;
  end: string;
  /** instants: [from, to) */
  from: Date;
  to: Date;
}

export interface Rate {
  basis: string;
  rate: number;
  samples: number;
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
  lateCents: bigint | null;
  /** late revenue as a share of the revenue from deals known at this point in past windows */
  lateFactor: number | null;
  openDeals: number;
  unknownStageDeals: number;
  learning: { windows: number; samples: number; firstWindow: string | null; lastWindow: string | null };
  rates: Rate[];
  /** per owner (null: deals with no owner): won so far + open contributions, with the late factor */
  perOwner: Map<string | null, bigint>;
  /** the open deals that move the number most, largest contribution first */
  drivers: Driver[];
  flags: string[];
}

/**
 * The ends of the learning windows: every past month end (as instants, the period's own end moved
 * back whole months), so each window ends where real periods end — reps bunch expected close
 * dates at month ends, and a window that ended mid-month would give those deals more time than
 * the period has. Windows must end by asOf (their outcome known) and start within the history.
 */
function windowEnds(period: PeriodWindow, asOf: Date, remaining: number, elapsed: number, earliest: number): number[] {
  const out: number[] = [];
  const endDay = Date.parse(`${period.end}T00:00:00Z`);
  for (let k = 1; k < 240; k++) {
    const d = new Date(endDay);
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - k + 1);
    d.setUTCDate(0); // the last day of the month k months before the period's last month
    const vTo = period.to.getTime() - (endDay - d.getTime());
    if (vTo - remaining - elapsed < earliest) break;
    if (vTo <= asOf.getTime()) out.push(vTo);
  }
  return out;
}

const inPeriod = (d: string | null, w: { start: string; end: string }) => d !== null && d >= w.start && d <= w.end;
/** when the deal was expected, relative to the period: its date passed, ahead in the period, after it, or none typed */
export type Timing = 'overdue' | 'due' | 'later' | 'undated';
const keys = (s: DealState, timing: Timing) => [`${s.stage}|${s.forecastCategory}|${timing}`, `${s.stage}|${timing}`, timing, ...(timing === 'due' || timing === 'overdue' ? ['dated'] : [])];
function timingOf(s: DealState, w: { start: string; end: string }, today: string): Timing {
  if (s.expectedCloseDate === null) return 'undated';
  if (s.expectedCloseDate > w.end) return 'later';
  if (s.expectedCloseDate < today) return 'overdue';
  return 'due';
}

interface Tally {
  amount: number;
  won: number;
  count: number;
  wonCount: number;
  /** the amounts, as typed at the anchor, of the deals that were then won */
  wonAnchorAmount: number;
}

export function neutralForecast(deals: readonly DealRecord[], period: PeriodWindow, asOf: Date, timeZone: string, opts: { drivers?: number } = {}): NeutralForecast {
  const elapsed = Math.max(0, asOf.getTime() - period.from.getTime());
  const remaining = Math.max(0, period.to.getTime() - asOf.getTime());
  const earliest = Math.min(...deals.map((d) => d.createdAt.getTime()));
  const tallies = new Map<string, Tally>();
  let lateSum = 0;
  let knownSum = 0;
  let windows = 0;
  let samples = 0;
  let firstWindow: string | null = null;
  let lastWindow: string | null = null;
  const won = (d: DealRecord, from: number, to: number) => d.stage === 'won' && d.closedAt !== null && d.closedAt.getTime() >= from && d.closedAt.getTime() < to;

  // learning windows: as-of a, virtual period [a − elapsed, a + remaining), ended by asOf
  for (const vTo of windowEnds(period, asOf, remaining, elapsed, earliest)) {
    const a = vTo - remaining;
    const vFrom = a - elapsed;
    const w = { start: localDateAt(new Date(vFrom), timeZone), end: localDateAt(new Date(vTo - 1), timeZone) };
    const aDate = localDateAt(new Date(a), timeZone);
    const anchor = new Date(a);
    windows++;
    lastWindow ??= w.start;
    firstWindow = w.start;
    for (const d of deals) {
      const s = dealStateAt(d, anchor);
      const wonLater = won(d, a, vTo);
      if (won(d, vFrom, a + 1) && s && !s.open) {
        knownSum += Number(d.amountCents);
        continue;
      }
      if (s && s.open && s.forecastCategory !== 'omitted' && !(s.expectedCloseDate !== null && s.expectedCloseDate < w.start)) {
        const outcome = wonLater ? Number(d.amountCents) : 0;
        knownSum += outcome;
        if (s.stage === 'unknown') continue;
        samples++;
        for (const k of keys(s, timingOf(s, w, aDate))) {
          const t = tallies.get(k) ?? { amount: 0, won: 0, count: 0, wonCount: 0, wonAnchorAmount: 0 };
          t.amount += Number(s.amountCents);
          t.won += outcome;
          t.count++;
          if (outcome > 0) {
            t.wonCount++;
            t.wonAnchorAmount += Number(s.amountCents);
          }
          tallies.set(k, t);
        }
      } else if (wonLater) {
        lateSum += Number(d.amountCents);
      }
    }
  }

  /**
 * The expected share of a deal's amount that is won in the window: the share of such deals won
 * (counted, so one huge deal does not set the rate for all) × how much of their amount survived
 * to the signature (amount cuts).
 */
function groupRate(t: Tally): number {
  const retained = t.wonAnchorAmount > 0 ? t.won / t.wonAnchorAmount : 1;
  return Math.round((t.wonCount / t.count) * retained * 10_000) / 10_000;
}

const rateFor = (s: DealState, timing: Timing): Rate | null => {
    for (const k of keys(s, timing)) {
      const t = tallies.get(k);
      if (t && t.count >= MIN_SAMPLES && t.amount > 0) return { basis: k, rate: groupRate(t), samples: t.count };
    }
    return null;
  };

  const today = localDateAt(asOf, timeZone);
  const perOwner = new Map<string | null, bigint>();
  const bump = (owner: string | null, v: bigint) => perOwner.set(owner, (perOwner.get(owner) ?? 0n) + v);
  let wonSoFar = 0n;
  let openExpected = 0n;
  let openDeals = 0;
  let unknownStage = 0;
  let unrated = 0;
  const drivers: Driver[] = [];
  for (const d of deals) {
    if (won(d, period.from.getTime(), asOf.getTime() + 1)) {
      wonSoFar += d.amountCents;
      bump(d.ownerId, d.amountCents);
      continue;
    }
    const s = dealStateAt(d, asOf);
    if (!s || !s.open || s.forecastCategory === 'omitted' || (s.expectedCloseDate !== null && s.expectedCloseDate < period.start)) continue;
    const timing = timingOf(s, period, today);
    const overdue = timing === 'overdue';
    if (inPeriod(s.expectedCloseDate, period)) openDeals++;
    if (s.stage === 'unknown') unknownStage++;
    const rate = s.stage === 'unknown' ? rateFor({ ...s, stage: '?', forecastCategory: '?' }, timing) : rateFor(s, timing);
    if (!rate) {
      unrated++;
      continue;
    }
    const contribution = BigInt(Math.round(Number(s.amountCents) * rate.rate));
    openExpected += contribution;
    bump(d.ownerId, contribution);
    drivers.push({ id: d.id, name: d.name, ownerId: d.ownerId, stage: s.stage, forecastCategory: s.forecastCategory, amountCents: s.amountCents, expectedCloseDate: s.expectedCloseDate, overdue, timing, rate: rate.rate, basis: rate.basis, samples: rate.samples, contributionCents: contribution });
  }
  drivers.sort((a, b) => (b.contributionCents > a.contributionCents ? 1 : b.contributionCents < a.contributionCents ? -1 : a.id.localeCompare(b.id)));

  const flags: string[] = [];
  if (windows === 0 || samples === 0) flags.push('no_history');
  if (unknownStage) flags.push('stage_history_missing');
  if (unrated) flags.push('some_deals_unrated');
  const lateFactor = knownSum > 0 ? Math.round((lateSum / knownSum) * 10_000) / 10_000 : null;
  const learned = windows > 0 && samples > 0 && lateFactor !== null;
  const scale = (v: bigint) => BigInt(Math.round(Number(v) * (1 + (lateFactor ?? 0))));
  if (learned) for (const [k, v] of perOwner) perOwner.set(k, scale(v));
  const known = wonSoFar + openExpected;
  return {
    asOf,
    neutralCents: learned ? scale(known) : null,
    wonSoFarCents: wonSoFar,
    openExpectedCents: learned ? openExpected : null,
    lateCents: learned ? scale(known) - known : null,
    lateFactor,
    openDeals,
    unknownStageDeals: unknownStage,
    learning: { windows, samples, firstWindow, lastWindow },
    rates: [...tallies.entries()].filter(([, t]) => t.count >= MIN_SAMPLES).map(([basis, t]) => ({ basis, rate: groupRate(t), samples: t.count })).sort((a, b) => a.basis.localeCompare(b.basis)),
    perOwner: learned ? perOwner : new Map<string | null, bigint>(),
    drivers: drivers.slice(0, opts.drivers ?? 20),
    flags,
  };
}
