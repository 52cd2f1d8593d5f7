// A deal as it stood at a past moment, rebuilt from its audit history, and the neutral forecast
// learned from such history: no later outcome leaks into an earlier state or into the forecast.
import { describe, expect, it } from 'vitest';
import { dealPaceAt, dealStateAt, type DealRecord } from './deal-history.ts';
import { neutralForecast } from './neutral-forecast.ts';
import { inTimeProbabilities } from './in-time-probabilities.ts';
import type { LoadedHistories } from '../win-model/load-histories.ts';

const at = (d: string) => new Date(`${d}T02:00:00Z`);

/** the same deals as the win model loads them (load-histories.ts): audit entries with their action, no touches or contacts */
const asHistories = (deals: DealRecord[]): LoadedHistories => ({
  histories: deals.map((d) => ({
    deal: { id: d.id, ownerId: d.ownerId, createdAt: d.createdAt, stage: d.stage, amountCents: Number(d.amountCents), expectedCloseDate: d.expectedCloseDate, closedAt: d.closedAt, industry: null, size: null, billingModel: null, region: null },
    changes: d.changes.map((c) => ({ at: c.at, action: 'stage' in c.before ? 'opportunity.stage_changed' : 'opportunity.updated', before: c.before, after: c.after })),
    touches: [],
    notes: [],
    contacts: [],
    lines: [],
    annotations: [],
  })),
  context: { owners: new Map(), competitors: [] },
});

describe('deal state at a past moment', () => {
  const deal: DealRecord = {
    id: 'd1',
    name: '影像设备',
    ownerId: 'r1',
    createdAt: at('2026-01-05'),
    stage: 'won',
    forecastCategory: 'closed',
    amountCents: 80_000_00n,
    expectedCloseDate: '2026-03-31',
    closedAt: at('2026-03-20'),
    changes: [
      { at: at('2026-02-01'), before: { stage: 'lead', forecastCategory: 'pipeline', closedAt: null }, after: { stage: 'quoted', forecastCategory: 'commit', closedAt: null } },
      { at: at('2026-02-20'), before: { expectedCloseDate: '2026-02-28' }, after: { expectedCloseDate: '2026-03-31' } },
      { at: at('2026-03-01'), before: { amount: '100000.00' }, after: { amount: '80000.00' } },
      { at: at('2026-03-20'), before: { stage: 'quoted', forecastCategory: 'commit', closedAt: null }, after: { stage: 'won', forecastCategory: 'closed', closedAt: at('2026-03-20').toISOString() } },
    ],
  };
  it('undoes every change made after the moment', () => {
    expect(dealStateAt(deal, at('2026-01-10'))).toMatchObject({ stage: 'lead', forecastCategory: 'pipeline', amountCents: 100_000_00n, expectedCloseDate: '2026-02-28', open: true, closedAt: null });
    expect(dealStateAt(deal, at('2026-02-25'))).toMatchObject({ stage: 'quoted', forecastCategory: 'commit', amountCents: 100_000_00n, expectedCloseDate: '2026-03-31', open: true });
    expect(dealStateAt(deal, at('2026-03-25'))).toMatchObject({ stage: 'won', open: false, amountCents: 80_000_00n });
    expect(dealStateAt(deal, at('2026-01-01'))).toBeNull();
  });
  it('never shows a later outcome: a closed deal with no history is of unknown stage before its close', () => {
    const bare = { ...deal, changes: [] };
    expect(dealStateAt(bare, at('2026-02-25'))).toMatchObject({ stage: 'unknown', forecastCategory: 'unknown', open: true });
  });
  it('knows how long the deal had sat in its stage and how often its close date had been pushed, by then', () => {
    expect(dealPaceAt(deal, at('2026-01-25'))).toEqual({ daysInStage: 20, closeDatePushes: 0 });
    expect(dealPaceAt(deal, at('2026-02-25'))).toEqual({ daysInStage: 24, closeDatePushes: 1 });
  });
});

describe('neutral forecast', () => {
  // every month a 10k negotiation deal expected that month wins, and a 10k lead deal does not
  const deals: DealRecord[] = [];
  for (let m = 1; m <= 10; m++) {
    const month = String(m).padStart(2, '0');
    const moveTo = (stage: string) => [{ at: at(`2026-${month}-02`), before: { stage: 'lead', forecastCategory: 'pipeline', closedAt: null }, after: { stage, forecastCategory: 'commit', closedAt: null } }];
    for (let i = 0; i < 4; i++) {
      const close = at(`2026-${month}-2${i}`);
      deals.push({ id: `w${m}-${i}`, name: 'win', ownerId: 'r1', createdAt: at(`2026-${month}-01`), stage: 'won', forecastCategory: 'closed', amountCents: 1_000_000n, expectedCloseDate: `2026-${month}-28`, closedAt: close, changes: [...moveTo('negotiation'), { at: close, before: { stage: 'negotiation', forecastCategory: 'commit', closedAt: null }, after: { stage: 'won', forecastCategory: 'closed', closedAt: close.toISOString() } }] });
      deals.push({ id: `o${m}-${i}`, name: 'lead', ownerId: 'r2', createdAt: at(`2026-${month}-01`), stage: 'lead', forecastCategory: 'pipeline', amountCents: 1_000_000n, expectedCloseDate: `2026-${month}-28`, closedAt: null, changes: [] });
    }
  }
  const period = { start: '2026-10-01', end: '2026-10-31', from: new Date('2026-09-30T16:00:00Z'), to: new Date('2026-10-31T16:00:00Z') };

  it('learns per stage from history and explains the number by its deals', () => {
    const f = neutralForecast(deals, period, at('2026-10-15'), 'Asia/Shanghai');
    // at Oct 15 the four negotiation deals are open and such deals always won in time; leads never did
    expect(f.wonSoFarCents).toBe(0n);
    expect(f.drivers.slice(0, 4).map((d) => d.stage)).toEqual(['negotiation', 'negotiation', 'negotiation', 'negotiation']);
    expect(f.drivers[0].rate).toBeGreaterThan(0.95);
    expect(f.drivers.find((d) => d.stage === 'lead')?.rate).toBeLessThan(0.1);
    expect(Number(f.neutralCents)).toBeGreaterThan(3_800_000);
    expect(Number(f.neutralCents)).toBeLessThan(4_400_000);
    expect(f.perOwner.get('r1')).toBeGreaterThan(3_800_000n);
    // windows with October's 16½ days left, each ending at a past month end, January to September
    expect(f.learning).toMatchObject({ windows: 9, lastWindow: '2026-08-31' });
  });

  it('does not read any outcome after the as-of moment: deals lost instead of won later leave the forecast unchanged', () => {
    const asOf = at('2026-10-15');
    const lostLater = deals.map((d) => {
      if (!d.closedAt || d.closedAt <= asOf) return d;
      const last = d.changes[d.changes.length - 1];
      return { ...d, stage: 'lost', forecastCategory: 'omitted', changes: [...d.changes.slice(0, -1), { ...last, after: { ...last.after, stage: 'lost', forecastCategory: 'omitted' } }] };
    });
    const a = neutralForecast(deals, period, asOf, 'Asia/Shanghai');
    const b = neutralForecast(lostLater, period, asOf, 'Asia/Shanghai');
    expect(b.neutralCents).toBe(a.neutralCents);
    expect(b.drivers).toEqual(a.drivers);
  });

  it('rates deals by the win model trained at the as-of moment without reading any later outcome either', () => {
    const asOf = at('2026-10-15');
    const lostLater = deals.map((d) => (d.closedAt && d.closedAt > asOf ? { ...d, stage: 'lost', forecastCategory: 'omitted', changes: d.changes.map((c) => (c.at > asOf ? { ...c, after: { ...c.after, stage: 'lost', forecastCategory: 'omitted' } } : c)) } : d));
    const pa = inTimeProbabilities(asHistories(deals), deals, period, asOf);
    const pb = inTimeProbabilities(asHistories(lostLater), lostLater, period, asOf);
    // the windows hold enough deals of each outcome for the trees: every deal open at the moment is rated
    expect(pa.size).toBe(deals.filter((d) => d.createdAt <= asOf && (!d.closedAt || d.closedAt > asOf)).length);
    expect(pb).toEqual(pa);
    const a = neutralForecast(deals, period, asOf, 'Asia/Shanghai', { inTimeProbabilities: pa });
    const b = neutralForecast(lostLater, period, asOf, 'Asia/Shanghai', { inTimeProbabilities: pb });
    expect(b.neutralCents).toBe(a.neutralCents);
    expect(b.drivers).toEqual(a.drivers);
    // and it learned what the windows show: negotiation deals expected this month win in time, leads do not
    expect(a.drivers.find((d) => d.stage === 'negotiation')?.rate).toBeGreaterThan(0.8);
    expect(a.drivers.find((d) => d.stage === 'lead')?.rate).toBeLessThan(0.2);
  });

  it('counts a modelled deal as amount × its probability, with the spread of independent wins at those probabilities', () => {
    const asOf = at('2026-10-15');
    const open = (id: string, amountCents: bigint): DealRecord => ({ id, name: id, ownerId: 'r9', createdAt: at('2026-10-03'), stage: 'quoted', forecastCategory: 'best_case', amountCents, expectedCloseDate: '2026-10-30', closedAt: null, changes: [] });
    const mine = [open('m1', 2_000_000n), open('m2', 3_000_000n), open('m3', 1_000_000n)];
    const probabilities = new Map([['m1', 0.25], ['m2', 0.6]]);
    const without = neutralForecast([...deals, ...mine], period, asOf, 'Asia/Shanghai', { drivers: 100 });
    const f = neutralForecast([...deals, ...mine], period, asOf, 'Asia/Shanghai', { drivers: 100, inTimeProbabilities: probabilities });
    const cellRate = (fc: typeof f, id: string) => fc.drivers.find((d) => d.id === id)?.rate as number;
    // m3 has no probability: it keeps its cells' rate; m1 and m2 count 0.25 × 20k and 0.6 × 30k
    expect(cellRate(f, 'm3')).toBe(cellRate(without, 'm3'));
    expect(f.drivers.find((d) => d.id === 'm1')).toMatchObject({ basis: 'model', rate: 0.25, contributionCents: 500_000n });
    expect(f.drivers.find((d) => d.id === 'm2')).toMatchObject({ basis: 'model', rate: 0.6, contributionCents: 1_800_000n });
    expect(f.modelRatedDeals).toBe(2);
    const others = without.drivers.filter((d) => d.id !== 'm1' && d.id !== 'm2');
    expect(f.openExpectedCents).toBe(others.reduce((s, d) => s + d.contributionCents, 0n) + 500_000n + 1_800_000n);
    const variance = (ds: typeof others) => ds.reduce((s, d) => s + Number(d.amountCents) ** 2 * d.rate * (1 - d.rate), 0);
    expect(Number(f.spreadCents)).toBeCloseTo(Math.sqrt(variance(others) + 2_000_000 ** 2 * 0.25 * 0.75 + 3_000_000 ** 2 * 0.6 * 0.4), -1);
  });

  it('expects revenue from deals not yet created when such deals used to arrive and win within the time left, credited to the reps who create them', () => {
    const quick: DealRecord[] = [];
    for (let m = 1; m <= 10; m++) {
      const month = String(m).padStart(2, '0');
      const close = at(`2026-${month}-19`);
      quick.push({ id: `q${m}`, name: 'quick', ownerId: 'r3', createdAt: at(`2026-${month}-16`), stage: 'won', forecastCategory: 'closed', amountCents: 500_000n, expectedCloseDate: `2026-${month}-28`, closedAt: close, changes: [{ at: close, before: { stage: 'lead', forecastCategory: 'pipeline', closedAt: null }, after: { stage: 'won', forecastCategory: 'closed', closedAt: close.toISOString() } }] });
    }
    const without = neutralForecast(deals, period, at('2026-10-15'), 'Asia/Shanghai');
    const withQuick = neutralForecast([...deals, ...quick], period, at('2026-10-15'), 'Asia/Shanghai');
    expect(without.lateCents).toBe(0n);
    expect(withQuick.lateCents).toBeGreaterThan(0n);
    expect(withQuick.perOwner.get('r3')).toBeGreaterThan(0n);
    expect(withQuick.neutralCents).toBe(withQuick.wonSoFarCents + (withQuick.openExpectedCents ?? 0n) + (withQuick.lateCents ?? 0n));
  });

  it('says it does not know (null) when there is no history to learn from, rather than 0', () => {
    const f = neutralForecast(deals.filter((d) => d.createdAt >= at('2026-10-01')), period, at('2026-10-15'), 'Asia/Shanghai');
    expect(f.neutralCents).toBeNull();
    expect(f.flags).toContain('no_history');
  });
});
