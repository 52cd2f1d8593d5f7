// The bucket arithmetic on a constructed month of histories: each deal lands where it should,
// and start + additions − subtractions equals end.
import { describe, expect, it } from 'vitest';
import { addToBuckets, classifyDeal, emptyBuckets, stateAt, waterfallEnd } from './change-buckets.ts';
import { asHistory, october, OCTOBER } from './pipeline-changes-fixture.ts';

const byKey = (key: string) => classifyDeal(asHistory(october.find((d) => d.key === key) as (typeof october)[number]), OCTOBER);

describe('pipeline-changes buckets', () => {
  it('rebuilds a deal as it stood at an instant from the changes after it', () => {
    const c = asHistory(october[2]);
    expect(stateAt(c, OCTOBER.start)).toEqual({ stage: 'negotiation', expectedCloseDate: '2026-10-15', amountCents: 30_000_000n });
    expect(stateAt(c, new Date('2026-10-10T00:00:00+08:00'))).toEqual({ stage: 'negotiation', expectedCloseDate: '2026-10-15', amountCents: 24_000_000n });
    expect(stateAt(c, OCTOBER.end)).toEqual(c.current);
  });

  it('puts each deal in its buckets', () => {
    expect(byKey('A stays')).toMatchObject({ startCents: 10_000_000n, entry: null, exit: null, endCents: 10_000_000n, amountDeltaCents: 0n, pushed: false });
    expect(byKey('B raised')).toMatchObject({ startCents: 20_000_000n, endCents: 25_000_000n, amountDeltaCents: 5_000_000n });
    expect(byKey('C cut then pushed out')).toMatchObject({ startCents: 30_000_000n, exit: 'moved_out', endCents: null, amountDeltaCents: -6_000_000n, movedCents: 24_000_000n, pushed: true });
    expect(byKey('D pushed within')).toMatchObject({ exit: null, pushed: true });
    expect(byKey('E pulled in')).toMatchObject({ startCents: null, entry: 'moved_in', endCents: 8_000_000n, pushed: false });
    expect(byKey('F new')).toMatchObject({ entry: 'new', endCents: 5_000_000n });
    expect(byKey('G won')).toMatchObject({ startCents: 40_000_000n, exit: 'won', endCents: null });
    expect(byKey('H lost')).toMatchObject({ exit: 'lost' });
    expect(byKey('I new and won')).toMatchObject({ entry: 'new', exit: 'won', movedCents: 7_000_000n });
    expect(byKey('J changed after the period')).toMatchObject({ startCents: 9_000_000n, endCents: 9_000_000n, pushed: false });
    expect(byKey('K outside')).toBeNull();
    expect(byKey('L closed before')).toBeNull();
  });

  it('adds up: start + new + moved in + up − down − won − lost − moved out = end', () => {
    const b = october.map(asHistory).reduce((acc, d) => {
      const c = classifyDeal(d, OCTOBER);
      return c ? addToBuckets(acc, c) : acc;
    }, emptyBuckets());
    expect(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, [v.count, Number(v.cents / 100n)]]))).toEqual({
      start: [8, 1_370_000],
      new: [2, 120_000],
      moved_in: [1, 80_000],
      amount_up: [1, 50_000],
      amount_down: [1, 60_000],
      won: [2, 470_000],
      lost: [1, 120_000],
      moved_out: [1, 240_000],
      end: [7, 730_000],
      pushed: [2, 390_000],
    });
    expect(waterfallEnd(b)).toBe(b.end.cents);
  });
});
