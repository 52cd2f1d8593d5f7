// Conversion rates learned from past deals: when a deal's close date stands where, which cells a
// deal falls in, and how a sparsely seen cell leans on its broader one.
import { describe, expect, it } from 'vitest';
import { cellsOf, ConversionTable, PRIOR_WEIGHT, timingOf } from './conversion-rates.ts';

const pace = { daysInStage: 10, closeDatePushes: 0 };

describe('close-date timing relative to a period', () => {
  const q4 = { start: '2026-10-01', end: '2026-12-31' };
  it('tells apart dates before the period, passed in it, ahead in it, after it and none', () => {
    expect(timingOf('2026-09-30', q4, '2026-11-15')).toBe('lapsed');
    expect(timingOf('2026-11-14', q4, '2026-11-15')).toBe('overdue');
    expect(timingOf('2026-11-15', q4, '2026-11-15')).toBe('due');
    expect(timingOf('2027-01-01', q4, '2026-11-15')).toBe('later');
    expect(timingOf(null, q4, '2026-11-15')).toBe('undated');
  });
});

describe('cells', () => {
  it('go from the finest (stage, timing, category, time in stage, pushes) to all deals', () => {
    expect(cellsOf({ stage: 'negotiation', forecastCategory: 'commit' }, 'due', { daysInStage: 95, closeDatePushes: 2 })).toEqual(['negotiation|due|commit|stale|pushed_again', 'negotiation|due|stale', 'negotiation|due', 'due', 'all']);
  });
  it('start at the timing for a deal whose stage the history cannot tell', () => {
    expect(cellsOf({ stage: 'unknown', forecastCategory: 'unknown' }, 'overdue', pace)).toEqual(['overdue', 'all']);
  });
});

describe('shrunk conversion rates', () => {
  // 100 deals seen in the broad cell, half of them won; then the cells below it
  const table = new ConversionTable();
  const add = (cells: string[], n: number, won: number, signedShare = 1) => {
    for (let i = 0; i < n; i++) table.add(cells, 100_000n, i < won ? BigInt(Math.round(100_000 * signedShare)) : 0n);
  };
  add(['quoted|due', 'all'], 100, 100);
  add(['lead|due', 'all'], 2, 2);
  add(['solution|due', 'all'], 98, 0);

  it('a well-seen cell speaks for itself, pulled only slightly towards its parent', () => {
    // all: 102 of 200 won; quoted|due: 100 of 100 → (100 + 10 × 0.51) / 110
    expect(table.rateOf(['quoted|due', 'all'])).toEqual({ basis: 'quoted|due', rate: Math.round(((100 + PRIOR_WEIGHT * 0.51) / (100 + PRIOR_WEIGHT)) * 10_000) / 10_000, samples: 100 });
  });
  it('a cell seen twice leans on its parent instead of claiming certainty', () => {
    const r = table.rateOf(['lead|due', 'all']);
    expect(r?.rate).toBeCloseTo((2 + PRIOR_WEIGHT * 0.51) / (2 + PRIOR_WEIGHT), 4);
    expect(r?.rate).toBeLessThan(0.65);
  });
  it('a cell never seen takes its parent’s rate; nothing seen at all is unknown, not zero', () => {
    expect(table.rateOf(['negotiation|due', 'all'])).toEqual({ basis: 'all', rate: 0.51, samples: 200 });
    expect(new ConversionTable().rateOf(['quoted|due', 'all'])).toBeNull();
  });
  it('counts amount cuts between the moment and the signature', () => {
    const cut = new ConversionTable();
    for (let i = 0; i < 40; i++) cut.add(['quoted|due', 'all'], 100_000n, i % 2 === 0 ? 80_000n : 0n);
    expect(cut.rateOf(['quoted|due', 'all'])?.rate).toBe(0.4); // half won, each for 80% of the amount
  });
});
