// Decay as pure rules: a commit past its close date keeps 100% through day 2 and drops to 60% on
// day 3 without an update; an update after the close date restarts the clock; the curve validates.
import { describe, expect, it } from 'vitest';
import { decayCurveSchema, decayOf, defaultDecayCurve, factorFor } from './decay-curve.ts';

const commit = { forecastCategory: 'commit', open: true, closeDate: '2026-11-01', lastUpdateDate: '2026-10-20' };

describe('decay curve', () => {
  it('day 2 past the close date is still 100%, day 3 drops to 60%', () => {
    expect(decayOf({ ...commit, today: '2026-11-03' }, defaultDecayCurve)).toEqual({ daysPastClose: 2, daysWithoutUpdate: 2, factor: 1 });
    expect(decayOf({ ...commit, today: '2026-11-04' }, defaultDecayCurve)).toEqual({ daysPastClose: 3, daysWithoutUpdate: 3, factor: 0.6 });
  });

  it('an update after the close date resets the clock', () => {
    expect(decayOf({ ...commit, lastUpdateDate: '2026-11-04', today: '2026-11-04' }, defaultDecayCurve).factor).toBe(1);
    expect(decayOf({ ...commit, lastUpdateDate: '2026-11-04', today: '2026-11-06' }, defaultDecayCurve).factor).toBe(1);
    expect(decayOf({ ...commit, lastUpdateDate: '2026-11-04', today: '2026-11-07' }, defaultDecayCurve)).toMatchObject({ daysPastClose: 6, daysWithoutUpdate: 3, factor: 0.6 });
    // an update on or before the close date does not
    expect(decayOf({ ...commit, lastUpdateDate: '2026-11-01', today: '2026-11-04' }, defaultDecayCurve).factor).toBe(0.6);
  });

  it('only open commits decay', () => {
    expect(decayOf({ ...commit, forecastCategory: 'best_case', today: '2026-11-30' }, defaultDecayCurve)).toEqual({ daysPastClose: 29, daysWithoutUpdate: null, factor: 1 });
    expect(decayOf({ ...commit, open: false, today: '2026-11-30' }, defaultDecayCurve)).toEqual({ daysPastClose: null, daysWithoutUpdate: null, factor: 1 });
    expect(decayOf({ ...commit, closeDate: null, today: '2026-11-30' }, defaultDecayCurve).factor).toBe(1);
    expect(decayOf({ ...commit, today: '2026-10-25' }, defaultDecayCurve)).toEqual({ daysPastClose: 0, daysWithoutUpdate: null, factor: 1 });
  });

  it('a longer curve steps down by days', () => {
    const curve = [{ daysPast: 3, factor: 0.6 }, { daysPast: 10, factor: 0.3 }];
    expect([2, 3, 9, 10, 40].map((d) => factorFor(curve, d))).toEqual([1, 0.6, 0.6, 0.3, 0.3]);
  });

  it('refuses curves with factors outside (0, 1], days not ascending, or credibility restored later', () => {
    for (const bad of [[], [{ daysPast: 3, factor: 0 }], [{ daysPast: 3, factor: 1.2 }], [{ daysPast: 0, factor: 0.5 }], [{ daysPast: 5, factor: 0.6 }, { daysPast: 5, factor: 0.5 }], [{ daysPast: 5, factor: 0.6 }, { daysPast: 3, factor: 0.5 }], [{ daysPast: 3, factor: 0.5 }, { daysPast: 9, factor: 0.7 }], [{ daysPast: 2.5, factor: 0.5 }]]) {
      expect(decayCurveSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    expect(decayCurveSchema.safeParse([{ daysPast: 3, factor: 0.6 }, { daysPast: 14, factor: 0.3 }, { daysPast: 30, factor: 0.1 }]).success).toBe(true);
  });
});
