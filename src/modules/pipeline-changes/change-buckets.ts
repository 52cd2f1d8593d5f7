// The pipeline-changes arithmetic as pure functions: a deal's state at an instant rebuilt from
// its current row and the before-images of the changes after that instant, and the buckets a
// deal falls in for a period. The period's pipeline is its open deals whose expected close date
// lies in the period. Per deal, with S the period start and E its end (or now):
//   start      open at S with a close date (as of S) in the period        +amount at S
//   new        not in at S, created during the period, in it later       +amount at E
//   moved_in   not in at S, existed at S, in it later (pulled in)        +amount at E
//   amount     in at S: amount at E − amount at S (up or down)
//   won / lost closed during the period                                    −amount at E
//   moved_out  in at some point, open at E but its close date left         −amount at E
//   end        open at E with a close date in the period                  (amount at E)
// so start + new + moved_in + up − down − won − lost − moved_out = end, exactly. "pushed" (close
// date moved later during the period, within or out of it) is shown beside, not in the sum.

export interface DealState {
  stage: string;
  expectedCloseDate: string | null;
  amountCents: bigint;
}

/** one audited change of a deal: the fields it changed, with their values before and after */
export interface DealChange {
  at: Date;
  before: Partial<DealState>;
  after: Partial<DealState>;
}

export interface DealHistory {
  id: string;
  createdAt: Date;
  /** set when the deal was won or lost; the change history tells when if it was audited */
  closedAt: Date | null;
  current: DealState;
  /** oldest first */
  changes: DealChange[];
}

export interface Period {
  /** first and last day of the period, tenant calendar, inclusive */
  fromDate: string;
  toDate: string;
  /** the instants the period starts and ends (end: the period's end, or now if sooner) */
  start: Date;
  end: Date;
}

export const closedStages = ['won', 'lost'];
const isOpen = (stage: string) => !closedStages.includes(stage);

/** The deal as it stood at instant t: each field takes the before-value of its first change after t. */
export function stateAt(deal: DealHistory, t: Date): DealState {
  const state: DealState = { ...deal.current };
  const fixed = new Set<keyof DealState>();
  for (const change of deal.changes) {
    if (change.at <= t) continue;
    for (const key of Object.keys(change.before) as (keyof DealState)[]) {
      if (fixed.has(key)) continue;
      fixed.add(key);
      (state as unknown as Record<string, unknown>)[key] = change.before[key];
    }
  }
  return state;
}

export type EntryBucket = 'new' | 'moved_in';
export type ExitBucket = 'won' | 'lost' | 'moved_out';

export interface Classification {
  id: string;
  /** in the period's pipeline at its start, with the amount then */
  startCents: bigint | null;
  entry: EntryBucket | null;
  exit: ExitBucket | null;
  /** in the period's pipeline at its end, with the amount then */
  endCents: bigint | null;
  /** amount at E minus amount at S, for deals in at the start */
  amountDeltaCents: bigint;
  /** the amount an entry or exit moves: the amount at E */
  movedCents: bigint;
  pushed: boolean;
}

const inPeriod = (date: string | null, p: Period) => date !== null && date >= p.fromDate && date <= p.toDate;

/** The buckets one deal falls in; null when the period's pipeline never held it. */
export function classifyDeal(deal: DealHistory, p: Period): Classification | null {
  if (deal.createdAt > p.end) return null;
  const existedAtStart = deal.createdAt <= p.start;
  const s = existedAtStart ? stateAt(deal, p.start) : null;
  const e = stateAt(deal, p.end);
  const startIn = s !== null && isOpen(s.stage) && inPeriod(s.expectedCloseDate, p);
  const endIn = isOpen(e.stage) && inPeriod(e.expectedCloseDate, p);
  const closedByChange = deal.changes.some((c) => c.at > p.start && c.at <= p.end && c.after.stage !== undefined && !isOpen(c.after.stage));
  const closedByDate = deal.closedAt !== null && deal.closedAt > p.start && deal.closedAt <= p.end;
  const closedIn = !isOpen(e.stage) && (s === null || isOpen(s.stage)) && (closedByChange || closedByDate);
  if (!startIn && !endIn && !closedIn) return null;
  const pushed = deal.changes.some((c) => c.at > p.start && c.at <= p.end && c.before.expectedCloseDate && c.after.expectedCloseDate && c.after.expectedCloseDate > c.before.expectedCloseDate);
  return {
    id: deal.id,
    startCents: startIn && s ? s.amountCents : null,
    entry: startIn ? null : existedAtStart ? 'moved_in' : 'new',
    exit: closedIn ? (e.stage === 'won' ? 'won' : 'lost') : endIn ? null : 'moved_out',
    endCents: closedIn || !endIn ? null : e.amountCents,
    amountDeltaCents: startIn && s ? e.amountCents - s.amountCents : 0n,
    movedCents: e.amountCents,
    pushed: Boolean(pushed),
  };
}

export const bucketKeys = ['start', 'new', 'moved_in', 'amount_up', 'amount_down', 'won', 'lost', 'moved_out', 'end', 'pushed'] as const;
export type BucketKey = (typeof bucketKeys)[number];
export type Buckets = Record<BucketKey, { count: number; cents: bigint }>;

export function emptyBuckets(): Buckets {
  return Object.fromEntries(bucketKeys.map((k) => [k, { count: 0, cents: 0n }])) as Buckets;
}

/** Adds one classified deal to the totals (amount_down holds the size of the cuts, positive). */
export function addToBuckets(b: Buckets, c: Classification): Buckets {
  const add = (k: BucketKey, cents: bigint) => {
    b[k].count++;
    b[k].cents += cents;
  };
  if (c.startCents !== null) add('start', c.startCents);
  if (c.entry) add(c.entry, c.movedCents);
  if (c.amountDeltaCents > 0n) add('amount_up', c.amountDeltaCents);
  if (c.amountDeltaCents < 0n) add('amount_down', -c.amountDeltaCents);
  if (c.exit) add(c.exit, c.movedCents);
  if (c.endCents !== null) add('end', c.endCents);
  if (c.pushed) add('pushed', c.movedCents);
  return b;
}

/** start + additions − subtractions: equals end when the buckets are consistent */
export function waterfallEnd(b: Buckets): bigint {
  return b.start.cents + b.new.cents + b.moved_in.cents + b.amount_up.cents - b.amount_down.cents - b.won.cents - b.lost.cents - b.moved_out.cents;
}
