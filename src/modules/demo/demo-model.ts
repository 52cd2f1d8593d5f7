// The demo world kept in memory while it is built: later parts (deals, activities, contracts)
// read what earlier parts decided (who owns which customer, which deals were won).
import type { Insertable } from 'kysely';
import type { Database } from '../../platform/db/schema.ts';
import type { Clock } from './demo-calendar.ts';
import type { AccountSize, Industry, Stage } from './demo-catalog.ts';
import type { City, Region } from './demo-geo.ts';
import type { Random } from './demo-random.ts';

export type Row<T extends keyof Database> = Insertable<Database[T]>;

/** What every builder gets: its own random stream, the seed's clock and the tenant. */
export interface BuildContext {
  rng: Random;
  clock: Clock;
  tenantId: string;
}

export interface DemoTeam {
  id: string;
  key: 'company' | 'east' | 'south' | 'north';
  name: string;
  managerId: string;
  regions: readonly Region[];
}

export interface DemoUser {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'executive' | 'manager' | 'rep';
  team: DemoTeam;
  hiredOn: string;
  /** regions whose customers this rep covers (empty for non-reps) */
  territory: readonly Region[];
  /** relative win rate: the leaderboard should have a spread */
  skill: number;
}

export interface DemoContact {
  id: string;
  name: string;
  title: string;
  decisionRole: 'decision_maker' | 'influencer' | 'user' | 'gatekeeper';
}

export interface DemoAccount {
  id: string;
  name: string;
  /** the brand as people say it, used in deal names: 瑞康医疗 */
  shortName: string;
  industry: Industry;
  city: City;
  size: AccountSize;
  monthlyBilling: boolean;
  owner: DemoUser;
  createdAt: Date;
  emailDomain: string;
  contacts: DemoContact[];
}

export interface DemoOpportunity {
  id: string;
  name: string;
  account: DemoAccount;
  owner: DemoUser;
  amountCents: number;
  stage: Stage;
  /** the furthest open stage reached (0 = lead … 4 = negotiation) */
  reachedStage: number;
  createdAt: Date;
  closedAt: Date | null;
  /** an open deal nobody has touched for weeks */
  stale: boolean;
  /** when the last customer touch may happen: close, the start of staleness, or now */
  activeUntil: Date;
  /** the close date first planned, when the deal slipped past it */
  slippedFrom: string | null;
}
