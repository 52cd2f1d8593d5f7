// Each fake-visit rule on constructed tracks, without a database: what is flagged, what is not, and the evidence.
import { describe, expect, it } from 'vitest';
import { haversineMeters } from './geo.ts';
import { defaultVisitSettings as s, evaluateTrack, type Fix, type Track, type TrackVisit } from './visit-rules.ts';

const HOSPITAL = { lat: 31.230416, lng: 121.473701 };
let seq = 0;
let jitter = 0;
/** a realistic fix: a few metres of noise and a varying accuracy */
const fix = (at: string, where = HOSPITAL, accuracyM: number | null = 8 + (jitter % 17)): Fix => {
  jitter++;
  return { lat: where.lat + (jitter % 7) * 1.3e-6, lng: where.lng - (jitter % 5) * 1.1e-6, accuracyM, at: new Date(at) };
};
const visit = (inFix: Fix, outFix: Fix | null, opts: { account?: TrackVisit['account']; accountId?: string } = {}): TrackVisit => ({
  id: `v${++seq}`,
  accountId: opts.accountId ?? 'hospital',
  account: opts.account === undefined ? HOSPITAL : opts.account,
  in: inFix,
  out: outFix,
  localDate: inFix.at.toISOString().slice(0, 10),
});
const track = (visits: TrackVisit[], touchDays: string[] = []): Track => ({ ownerId: 'rep-1', visits, touchDays: new Set(touchDays) });
const rules = (t: Track, ruleSet: 'recent' | 'all' = 'all') => evaluateTrack(t, s, ruleSet).map((f) => f.rule);

describe('geo', () => {
  it('measures Shanghai to Beijing as about 1,067 km', () => {
    expect(haversineMeters({ lat: 31.2304, lng: 121.4737 }, { lat: 39.9042, lng: 116.4074 }) / 1000).toBeCloseTo(1067, -1);
  });
});

describe('an honest rep', () => {
  it('visiting two customers across town in a day raises nothing', () => {
    const other = { lat: 31.198, lng: 121.436 };
    const t = track([visit(fix('2026-11-16T01:00:00Z'), fix('2026-11-16T02:10:00Z')), visit(fix('2026-11-16T03:30:00Z', other), fix('2026-11-16T04:20:00Z', other), { account: other, accountId: 'factory' })]);
    expect(rules(t)).toEqual([]);
  });
});

describe('check-in far from the account', () => {
  it('flags a check-in 2.2 km away with the distance, threshold and both positions', () => {
    const flags = evaluateTrack(track([visit(fix('2026-11-16T01:00:00Z', { lat: HOSPITAL.lat + 0.02, lng: HOSPITAL.lng }), null)]), s, 'recent');
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ rule: 'far_from_account', evidence: { thresholdM: 1000, account: HOSPITAL } });
    expect(flags[0].evidence.distanceM).toBeGreaterThan(2200);
  });

  it('says nothing (unknown, not far) when the account has no location', () => {
    expect(rules(track([visit(fix('2026-11-16T01:00:00Z', { lat: 0, lng: 0 }), null, { account: null })]))).toEqual([]);
  });

  it('keeps a check-in 800 m away (inside the default 1 km) unflagged', () => {
    expect(rules(track([visit(fix('2026-11-16T01:00:00Z', { lat: HOSPITAL.lat + 0.0072, lng: HOSPITAL.lng }), null)]))).toEqual([]);
  });
});

describe('impossible travel speed', () => {
  it('flags 1,067 km in 2 hours (Beijing after Shanghai) with distance, minutes and speed', () => {
    const beijing = { lat: 39.9042, lng: 116.4074 };
    const flags = evaluateTrack(track([visit(fix('2026-11-16T01:00:00Z'), fix('2026-11-16T02:00:00Z')), visit(fix('2026-11-16T04:00:00Z', beijing), null, { account: beijing })]), s, 'recent');
    const speed = flags.find((f) => f.rule === 'impossible_speed');
    expect(speed?.evidence).toMatchObject({ minutes: 120, thresholdKmh: 150 });
    expect(speed?.evidence.speedKmh).toBeGreaterThan(500);
    expect(speed?.evidence.distanceKm).toBeGreaterThan(1000);
  });

  it('keeps 60 km in an hour (a motorway drive) unflagged', () => {
    const suzhou = { lat: HOSPITAL.lat + 0.54, lng: HOSPITAL.lng };
    expect(rules(track([visit(fix('2026-11-16T01:00:00Z'), fix('2026-11-16T02:00:00Z')), visit(fix('2026-11-16T03:00:00Z', suzhou), null, { account: suzhou })]))).toEqual([]);
  });

  it('flags two check-ins 5 km apart at the same instant', () => {
    const near = { lat: HOSPITAL.lat + 0.045, lng: HOSPITAL.lng };
    const flags = evaluateTrack(track([visit(fix('2026-11-16T01:00:00Z'), null), visit(fix('2026-11-16T01:00:00Z', near), null, { account: near })]), s, 'recent');
    expect(flags.find((f) => f.rule === 'impossible_speed')?.evidence).toMatchObject({ speedKmh: null, sameInstant: true });
  });
});

describe('mock-location signs', () => {
  it('flags identical coordinates to six decimals on three different visits', () => {
    const mocked = { lat: 31.230416, lng: 121.473701, accuracyM: 12, at: new Date('2026-11-16T01:00:00Z') };
    const visits = [0, 1, 2].map((d) => visit({ ...mocked, at: new Date(Date.parse('2026-11-16T01:00:00Z') + d * 86_400_000), accuracyM: 10 + d }, null));
    const flags = evaluateTrack(track(visits), s, 'recent').filter((f) => f.rule === 'mock_repeated_coordinates');
    expect(flags).toHaveLength(1);
    expect(flags[0].evidence).toMatchObject({ lat: 31.230416, lng: 121.473701, visits: 3, visitIds: visits.map((v) => v.id) });
  });

  it('does not treat round typed-in coordinates as a mock app', () => {
    const typed = { lat: 31.23, lng: 121.47 };
    const visits = [0, 1, 2].map((d) => visit({ ...typed, accuracyM: 10 + d, at: new Date(Date.parse('2026-11-16T01:00:00Z') + d * 86_400_000) }, null, { account: typed }));
    expect(rules(track(visits))).toEqual([]);
  });

  it('flags an accuracy of exactly 0 m but never a missing accuracy', () => {
    expect(rules(track([visit(fix('2026-11-16T01:00:00Z', HOSPITAL, 0), null)]))).toEqual(['mock_zero_accuracy']);
    const unknown = [0, 1, 2, 3, 4, 5].map((h) => visit(fix(`2026-11-16T0${h}:00:00Z`, HOSPITAL, null), null));
    expect(rules(track(unknown))).toEqual([]);
  });

  it('flags five fixes in a row with the same accuracy', () => {
    const visits = [1, 3, 5].map((h) => visit(fix(`2026-11-16T0${h}:00:00Z`, HOSPITAL, 5), fix(`2026-11-16T0${h}:40:00Z`, HOSPITAL, 5)));
    const flags = evaluateTrack(track(visits), s, 'recent').filter((f) => f.rule === 'mock_constant_accuracy');
    expect(flags).toHaveLength(1);
    expect(flags[0].evidence).toMatchObject({ accuracyM: 5, fixes: 6, visits: 3 });
  });

  it('flags a check-out 12 km from its own check-in (a teleport jump)', () => {
    const far = { lat: HOSPITAL.lat + 0.11, lng: HOSPITAL.lng };
    const flags = evaluateTrack(track([visit(fix('2026-11-16T01:00:00Z'), fix('2026-11-16T01:05:00Z', far))]), s, 'recent');
    expect(flags.map((f) => f.rule)).toEqual(['mock_teleport']);
    expect(flags[0].evidence).toMatchObject({ minutes: 5, thresholdKm: 5 });
  });
});

describe('same place for hours on consecutive days', () => {
  const coffeeShop = { lat: HOSPITAL.lat + 0.0003, lng: HOSPITAL.lng };
  const days = (n: number) => Array.from({ length: n }, (_, d) => visit(fix(`2026-11-${16 + d}T01:00:00Z`, coffeeShop), fix(`2026-11-${16 + d}T06:00:00Z`, coffeeShop)));

  it('flags 5-hour stays on three consecutive days with no touch, once, from the first day', () => {
    const visits = days(4);
    const flags = evaluateTrack(track(visits), s, 'all').filter((f) => f.rule === 'long_stay');
    expect(flags).toHaveLength(1);
    expect(flags[0].visitId).toBe(visits[0].id);
    expect(flags[0].evidence).toMatchObject({ touchesLogged: 0, thresholdHours: 4, thresholdDays: 3 });
    expect((flags[0].evidence.days as Array<{ date: string; hours: number }>).map((d) => [d.date, d.hours])).toEqual([
      ['2026-11-16', 5],
      ['2026-11-17', 5],
      ['2026-11-18', 5],
      ['2026-11-19', 5],
    ]);
  });

  it('does not flag a legitimate three-day customer workshop with a touch logged', () => {
    expect(rules(track(days(3), ['hospital|2026-11-17']))).toEqual([]);
  });

  it('does not flag two days, or three days with a gap', () => {
    expect(rules(track(days(2)))).toEqual([]);
    const gap = days(4);
    gap.splice(1, 1);
    expect(rules(track(gap))).toEqual([]);
  });

  it('is left to the nightly run: check-in time analysis ("recent") does not judge it', () => {
    expect(rules(track(days(3)), 'recent')).toEqual([]);
  });
});
