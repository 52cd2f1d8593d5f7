// How likely an open deal is to be won before a period ends, learned from what became of deals
// that stood the same way at past moments: cells from the finest (stage, close-date timing,
// forecast category, time in stage, close-date pushes) to the coarsest (all deals), each cell's
// rate shrunk towards its parent's by a fixed weight of pseudo-samples, so a cell seen a few
// times leans on the broader one and a well-seen cell speaks for itself.
import type { DealPace, DealState } from './deal-history.ts';

/** a cell's own samples count n / (n + PRIOR_WEIGHT) against its parent's rate */
export const PRIOR_WEIGHT = 10;

/** when the deal was expected, relative to the period: before the period began, passed in it, ahead in it, after it, or none typed */
export type Timing = 'lapsed' | 'overdue' | 'due' | 'later' | 'undated';

export function timingOf(expectedCloseDate: string | null, period: { start: string; end: string }, today: string): Timing {
  if (expectedCloseDate === null) return 'undated';
  if (expectedCloseDate > period.end) return 'later';
  if (expectedCloseDate < period.start) return 'lapsed';
  if (expectedCloseDate < today) return 'overdue';
  return 'due';
}

const ageBand = (days: number) => (days < 30 ? 'fresh' : days < 90 ? 'aging' : 'stale');
const pushBand = (n: number) => (n === 0 ? 'unpushed' : n === 1 ? 'pushed' : 'pushed_again');

/**
 * The cells a deal falls in, finest first. A deal whose stage the history cannot tell starts at
 * the timing cell: its stage cells would be learned from nothing.
 */
export function cellsOf(s: Pick<DealState, 'stage' | 'forecastCategory'>, timing: Timing, pace: DealPace): string[] {
  const coarse = [timing, 'all'];
  if (s.stage === 'unknown') return coarse;
  const age = ageBand(pace.daysInStage);
  return [`${s.stage}|${timing}|${s.forecastCategory}|${age}|${pushBand(pace.closeDatePushes)}`, `${s.stage}|${timing}|${age}`, `${s.stage}|${timing}`, ...coarse];
}

interface Tally {
  count: number;
  wonCount: number;
  /** amounts as they stood at the anchor, and as signed, of the deals that were won */
  wonAnchorCents: number;
  wonCents: number;
}

export interface Rate {
  /** the finest cell with samples of its own */
  basis: string;
  /** expected share of the deal's amount won: P(won) × the share of amount that survives to the signature */
  rate: number;
  samples: number;
}

export class ConversionTable {
  private readonly tallies = new Map<string, Tally>();
  samples = 0;

  /** one open deal at a past moment, and what it was won for before the window closed (0n: not won) */
  add(cells: readonly string[], anchorCents: bigint, wonCents: bigint): void {
    this.samples++;
    for (const cell of cells) {
      const t = this.tallies.get(cell) ?? { count: 0, wonCount: 0, wonAnchorCents: 0, wonCents: 0 };
      t.count++;
      if (wonCents > 0n) {
        t.wonCount++;
        t.wonAnchorCents += Number(anchorCents);
        t.wonCents += Number(wonCents);
      }
      this.tallies.set(cell, t);
    }
  }

  /** The shrunk rate along a deal's cells (finest first); null when even the coarsest has no samples. */
  rateOf(cells: readonly string[]): Rate | null {
    let won: number | null = null;
    let retained = 1;
    let basis: string | null = null;
    let samples = 0;
    for (let i = cells.length - 1; i >= 0; i--) {
      const t = this.tallies.get(cells[i]);
      if (!t) continue;
      const share = t.wonCount / t.count;
      const ownRetained = t.wonAnchorCents > 0 ? t.wonCents / t.wonAnchorCents : 1;
      retained = won === null ? ownRetained : (t.wonCount * ownRetained + PRIOR_WEIGHT * retained) / (t.wonCount + PRIOR_WEIGHT);
      won = won === null ? share : (t.count * share + PRIOR_WEIGHT * won) / (t.count + PRIOR_WEIGHT);
      basis = cells[i];
      samples = t.count;
    }
    if (won === null || basis === null) return null;
    return { basis, rate: Math.round(won * retained * 10_000) / 10_000, samples };
  }

  /** every cell down to stage × timing with its shrunk rate, for the page's table of rates */
  summary(): Rate[] {
    const out: Rate[] = [];
    for (const cell of this.tallies.keys()) {
      const parts = cell.split('|');
      if (parts.length > 2) continue;
      const chain = parts.length === 2 ? [cell, parts[1], 'all'] : cell === 'all' ? ['all'] : [cell, 'all'];
      const r = this.rateOf(chain);
      if (r) out.push(r);
    }
    return out.sort((a, b) => a.basis.localeCompare(b.basis));
  }
}
