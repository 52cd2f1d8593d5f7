// The API's shapes for process control (digests, visits, completeness, touch logging, customer pool) as the app reads them.
import type { Account, Stage } from './types.ts';

export interface Digest {
  id: string;
  userId: string;
  userName: string;
  date: string;
  text: string;
  originalText: string | null;
  status: 'pending' | 'adopted' | 'edited' | 'rejected';
  provider: string;
  model: string | null;
  offline: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface GpsFix {
  at: string;
  lat: number;
  lng: number;
  accuracyM: number | null;
  address: string | null;
}

export interface Visit {
  id: string;
  ownerId: string;
  accountId: string;
  status: 'open' | 'closed';
  checkin: GpsFix;
  checkout: GpsFix | null;
  distanceFromAccountM: number | null;
  durationMinutes: number | null;
  unknown: string[];
}

export const flagRules = ['far_from_account', 'long_stay', 'impossible_speed', 'mock_repeated_coordinates', 'mock_zero_accuracy', 'mock_constant_accuracy', 'mock_teleport'] as const;
export type FlagRule = (typeof flagRules)[number];
export const flagOutcomes = ['accepted', 'confirmed_fake', 'dismissed'] as const;
export type FlagOutcome = (typeof flagOutcomes)[number];

export interface VisitFlag {
  id: string;
  rule: FlagRule;
  ownerId: string;
  visitId: string;
  accountId: string;
  evidence: Record<string, unknown>;
  status: 'open' | 'answered' | 'closed';
  answer: string | null;
  answeredAt: string | null;
  outcome: FlagOutcome | null;
  outcomeNote: string | null;
  outcomeBy: string | null;
  outcomeAt: string | null;
  createdAt: string;
}

export interface VisitHeatmap {
  from: string;
  to: string;
  precision: number;
  cellDegrees: number;
  cells: { lat: number; lng: number; visits: number; reps: number }[];
  byRep: { ownerId: string; name: string; visits: number; cells: number }[];
  truncated: boolean;
}

export interface VisitSettings {
  farFromAccountM: number;
  longStayHours: number;
  longStayDays: number;
  samePlaceM: number;
  maxSpeedKmh: number;
  repeatedCoordinateVisits: number;
  constantAccuracyCheckins: number;
  teleportKm: number;
}

export const completenessChecks = ['touch14', 'decision_maker', 'competition'] as const;
export type CompletenessCheck = (typeof completenessChecks)[number];
/** the summary's field for each check key of the drill-down */
export const checkField = { touch14: 'touch14', decision_maker: 'decisionMaker', competition: 'competition' } as const;

export interface CheckShare {
  met: number;
  /** null when there are no open deals (missing is not zero) */
  share: number | null;
}

export interface CompletenessRow {
  openDeals: number;
  touch14: CheckShare;
  decisionMaker: CheckShare;
  competition: CheckShare;
}

export interface CompletenessSummary {
  groupBy: 'rep' | 'team';
  asOf: string;
  items: (CompletenessRow & { id: string | null; name: string | null })[];
  total: CompletenessRow;
}

export interface OffendingDeal {
  id: string;
  name: string;
  stage: Stage;
  amount?: string | null;
  expectedCloseDate: string | null;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  ownerName: string | null;
  lastTouchAt: string | null;
}

export interface TouchLoggingRow {
  id: string | null;
  name: string | null;
  count: number;
  within15: number;
  share: number;
  medianDelayMinutes: number;
}

export interface TouchLogging {
  from: string;
  to: string;
  groupBy: 'rep' | 'team';
  windowMinutes: number;
  total: TouchLoggingRow | null;
  groups: TouchLoggingRow[];
}

export interface PoolAccount extends Account {
  lastTouchAt: string | null;
  inPoolSince: string | null;
  myCooldownUntil: string | null;
}

export interface PoolSettings {
  recycleAfterDays: number | null;
  recycleAfterDaysBySize: Partial<Record<'small' | 'medium' | 'large' | 'enterprise', number>>;
  claimLimit: number | null;
  protectionDays: number;
  reclaimCooldownDays: number;
}

export interface PoolHolding {
  accountId: string;
  ownerId: string;
  via: 'claimed' | 'assigned';
  heldSince: string;
  protectedUntil: string;
}
