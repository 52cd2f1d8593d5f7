// The fake-visit (伪拜访) rules as pure functions: one rep's check-in track and touch days in,
// flags with their evidence out. No database here, so every rule is tested on built tracks.
import { haversineMeters, type LatLng } from './geo.ts';

export interface VisitSettings {
  /** a check-in farther than this from the account's location is flagged */
  farFromAccountM: number;
  /** a stay at least this long ... */
  longStayHours: number;
  /** ... at the same place on this many consecutive days with no touch is flagged */
  longStayDays: number;
  /** two check-ins closer than this are "the same place" */
  samePlaceM: number;
  /** travel between consecutive check-ins faster than this is impossible */
  maxSpeedKmh: number;
  /** the same exact coordinates on this many different visits point to a mock-location app */
  repeatedCoordinateVisits: number;
  /** this many consecutive GPS fixes with the same reported accuracy point to a mock-location app */
  constantAccuracyCheckins: number;
  /** a check-out this far from its own check-in is a teleport jump */
  teleportKm: number;
}

export const defaultVisitSettings: VisitSettings = {
  farFromAccountM: 1000,
  longStayHours: 4,
  longStayDays: 3,
  samePlaceM: 300,
  maxSpeedKmh: 150,
  repeatedCoordinateVisits: 3,
  constantAccuracyCheckins: 5,
  teleportKm: 5,
};

export const flagRules = ['far_from_account', 'long_stay', 'impossible_speed', 'mock_repeated_coordinates', 'mock_zero_accuracy', 'mock_constant_accuracy', 'mock_teleport'] as const;
export type FlagRule = (typeof flagRules)[number];

export interface Fix extends LatLng {
  /** reported GPS accuracy radius; null when the phone did not say (unknown, never 0) */
  accuracyM: number | null;
  at: Date;
}

export interface TrackVisit {
  id: string;
  accountId: string;
  /** the account's location at check-in; null when it has none (distance unknown) */
  account: LatLng | null;
  in: Fix;
  out: Fix | null;
  /** the check-in's calendar date in the tenant's time zone, 'YYYY-MM-DD' */
  localDate: string;
}

export interface Track {
  ownerId: string;
  /** sorted by check-in time */
  visits: TrackVisit[];
  /** `${accountId}|${localDate}` for every day the rep logged a touch for that account */
  touchDays: ReadonlySet<string>;
}

export interface VisitFlag {
  rule: FlagRule;
  /** stable per cause, so re-running the analysis never raises the same flag twice */
  key: string;
  visitId: string;
  accountId: string;
  evidence: Record<string, unknown>;
}

/** Below this, a jump between fixes is GPS noise, not travel. */
const MIN_TRAVEL_KM = 1;
/** Real GPS fixes carry at least this many decimals; typed-in round numbers are not evidence of a mock app. */
const MOCK_COORDINATE_DECIMALS = 5;
const MAX_LISTED_VISITS = 20;

/** 'recent' needs only the latest fixes (run on every check-in); 'all' adds the multi-day rules. */
export type RuleSet = 'recent' | 'all';

export function evaluateTrack(track: Track, settings: VisitSettings, ruleSet: RuleSet): VisitFlag[] {
  const flags = [...track.visits.flatMap((v) => [...farFromAccount(v, settings), ...teleport(v, settings), ...zeroAccuracy(v)]), ...impossibleSpeed(track.visits, settings), ...constantAccuracy(track.visits, settings), ...repeatedCoordinates(track, settings)];
  return ruleSet === 'all' ? [...flags, ...longStays(track, settings)] : flags;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
const fixEvidence = (f: Fix) => ({ lat: f.lat, lng: f.lng, accuracyM: f.accuracyM, accuracy: f.accuracyM === null ? 'unknown' : 'reported', at: f.at.toISOString() });

export function farFromAccount(v: TrackVisit, s: VisitSettings): VisitFlag[] {
  if (!v.account) return [];
  const distanceM = haversineMeters(v.in, v.account);
  if (distanceM <= s.farFromAccountM) return [];
  return [{ rule: 'far_from_account', key: `far:${v.id}`, visitId: v.id, accountId: v.accountId, evidence: { distanceM: Math.round(distanceM), thresholdM: s.farFromAccountM, checkin: fixEvidence(v.in), account: v.account } }];
}

export function teleport(v: TrackVisit, s: VisitSettings): VisitFlag[] {
  if (!v.out) return [];
  const distanceKm = haversineMeters(v.in, v.out) / 1000;
  if (distanceKm <= s.teleportKm) return [];
  const minutes = round((v.out.at.getTime() - v.in.at.getTime()) / 60_000);
  return [{ rule: 'mock_teleport', key: `teleport:${v.id}`, visitId: v.id, accountId: v.accountId, evidence: { distanceKm: round(distanceKm, 2), minutes, thresholdKm: s.teleportKm, checkin: fixEvidence(v.in), checkout: fixEvidence(v.out) } }];
}

export function zeroAccuracy(v: TrackVisit): VisitFlag[] {
  const zero = [v.in, v.out].filter((f): f is Fix => f !== null && f.accuracyM === 0);
  if (zero.length === 0) return [];
  return [{ rule: 'mock_zero_accuracy', key: `zero_accuracy:${v.id}`, visitId: v.id, accountId: v.accountId, evidence: { fixes: zero.map(fixEvidence), why: 'a real GPS fix never reports an accuracy of 0 m' } }];
}

export function impossibleSpeed(visits: readonly TrackVisit[], s: VisitSettings): VisitFlag[] {
  const flags: VisitFlag[] = [];
  for (let i = 1; i < visits.length; i++) {
    const prev = visits[i - 1];
    const cur = visits[i];
    const from = prev.out && prev.out.at <= cur.in.at ? prev.out : prev.in;
    const distanceKm = haversineMeters(from, cur.in) / 1000;
    if (distanceKm < MIN_TRAVEL_KM) continue;
    const hours = (cur.in.at.getTime() - from.at.getTime()) / 3_600_000;
    const speedKmh = hours > 0 ? distanceKm / hours : Infinity;
    if (speedKmh <= s.maxSpeedKmh) continue;
    flags.push({
      rule: 'impossible_speed',
      key: `speed:${cur.id}`,
      visitId: cur.id,
      accountId: cur.accountId,
      evidence: { fromVisitId: prev.id, toVisitId: cur.id, distanceKm: round(distanceKm, 2), minutes: round(hours * 60), speedKmh: Number.isFinite(speedKmh) ? Math.round(speedKmh) : null, sameInstant: !Number.isFinite(speedKmh), thresholdKmh: s.maxSpeedKmh, from: fixEvidence(from), to: fixEvidence(cur.in) },
    });
  }
  return flags;
}

export function constantAccuracy(visits: readonly TrackVisit[], s: VisitSettings): VisitFlag[] {
  const fixes = visits.flatMap((v) => [{ visit: v, fix: v.in }, ...(v.out ? [{ visit: v, fix: v.out }] : [])]);
  const flags: VisitFlag[] = [];
  let start = 0;
  for (let i = 1; i <= fixes.length; i++) {
    const same = i < fixes.length && fixes[i].fix.accuracyM !== null && fixes[i].fix.accuracyM === fixes[start].fix.accuracyM;
    if (same) continue;
    const run = fixes.slice(start, i);
    if (run.length >= s.constantAccuracyCheckins && run[0].fix.accuracyM !== null) {
      const visitIds = [...new Set(run.map((r) => r.visit.id))];
      const first = run[0].visit;
      flags.push({
        rule: 'mock_constant_accuracy',
        key: `constant_accuracy:${first.id}`,
        visitId: first.id,
        accountId: first.accountId,
        evidence: { accuracyM: run[0].fix.accuracyM, fixes: run.length, threshold: s.constantAccuracyCheckins, visitIds: visitIds.slice(0, MAX_LISTED_VISITS), visits: visitIds.length, from: run[0].fix.at.toISOString(), to: run[run.length - 1].fix.at.toISOString() },
      });
    }
    start = i;
  }
  return flags;
}

const decimals = (n: number) => {
  const text = String(n);
  const dot = text.indexOf('.');
  return dot < 0 || text.includes('e') ? 0 : text.length - dot - 1;
};

export function repeatedCoordinates(track: Track, s: VisitSettings): VisitFlag[] {
  const byCoordinate = new Map<string, TrackVisit[]>();
  for (const v of track.visits) {
    for (const fix of v.out ? [v.in, v.out] : [v.in]) {
      if (Math.min(decimals(fix.lat), decimals(fix.lng)) < MOCK_COORDINATE_DECIMALS) continue;
      const key = `${fix.lat},${fix.lng}`;
      const list = byCoordinate.get(key) ?? [];
      if (list[list.length - 1] !== v) list.push(v);
      byCoordinate.set(key, list);
    }
  }
  const flags: VisitFlag[] = [];
  for (const [coordinate, list] of byCoordinate) {
    if (list.length < s.repeatedCoordinateVisits) continue;
    const [lat, lng] = coordinate.split(',').map(Number);
    flags.push({
      rule: 'mock_repeated_coordinates',
      key: `repeated:${track.ownerId}:${coordinate}`,
      visitId: list[0].id,
      accountId: list[0].accountId,
      evidence: { lat, lng, visits: list.length, threshold: s.repeatedCoordinateVisits, visitIds: list.slice(0, MAX_LISTED_VISITS).map((v) => v.id), why: 'real GPS never repeats a position to this many decimals on different visits' },
    });
  }
  return flags;
}

const nextDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const previousDate = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** Same place for over N hours on M consecutive days with no touch logged for the account on any of them. */
export function longStays(track: Track, s: VisitSettings): VisitFlag[] {
  const minMs = s.longStayHours * 3_600_000;
  const stays = new Map<string, TrackVisit[]>();
  for (const v of track.visits) {
    if (!v.out || v.out.at.getTime() - v.in.at.getTime() < minMs) continue;
    stays.set(v.localDate, [...(stays.get(v.localDate) ?? []), v]);
  }
  const near = (date: string, anchor: TrackVisit) => stays.get(date)?.find((v) => haversineMeters(v.in, anchor.in) <= s.samePlaceM);
  const flags: VisitFlag[] = [];
  for (const [date, list] of stays) {
    for (const anchor of list) {
      if (near(previousDate(date), anchor)) continue; // the run is reported from its first day
      const run = [anchor];
      for (let d = nextDate(date), v = near(d, anchor); v; d = nextDate(d), v = near(d, anchor)) run.push(v);
      if (run.length < s.longStayDays) continue;
      if (run.some((v) => track.touchDays.has(`${v.accountId}|${v.localDate}`))) continue;
      flags.push({
        rule: 'long_stay',
        key: `long_stay:${anchor.id}`,
        visitId: anchor.id,
        accountId: anchor.accountId,
        evidence: {
          days: run.map((v) => ({ date: v.localDate, visitId: v.id, accountId: v.accountId, hours: round(((v.out as Fix).at.getTime() - v.in.at.getTime()) / 3_600_000), checkin: fixEvidence(v.in) })),
          touchesLogged: 0,
          thresholdHours: s.longStayHours,
          thresholdDays: s.longStayDays,
          samePlaceM: s.samePlaceM,
        },
      });
    }
  }
  return flags;
}
