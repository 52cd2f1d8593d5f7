// The forecast API's shapes as the app reads them (money as decimal strings).
import type { Stage } from './types.ts';

export const forecastCategories = ['pipeline', 'best_case', 'commit', 'closed', 'omitted'] as const;
export type ForecastCategory = (typeof forecastCategories)[number];

export interface ForecastOverride {
  amount: string;
  original: string;
  computedNow: string;
  note: string | null;
  by: { id: string; name: string | null } | null;
  at: string;
}

export interface ForecastNode {
  key: string;
  kind: 'company' | 'team' | 'user';
  id: string | null;
  name: string;
  parentId: string | null;
  childTeams: string[];
  members: string[];
  categories: Record<ForecastCategory, string>;
  computed: Record<ForecastCategory, string>;
  overrides: { commit: ForecastOverride | null; best_case: ForecastOverride | null };
  quota: string | null;
  attainment: number | null;
  commitForecast: string;
  bestCaseForecast: string;
  neutral: string | null;
  /** open deals of the period at their evidence weight; deals without evidence summed apart; null for a past view */
  credibilityWeighted: { weighted: string; withoutEvidence: string; dealsWithoutEvidence: number } | null;
  canManage: boolean;
}

export interface ForecastResponse {
  period: { key: string; kind: 'month' | 'quarter'; start: string; end: string; mid: string };
  timeZone: string;
  asOf: string;
  company: ForecastNode | null;
  roots: string[];
  teams: ForecastNode[];
  users: ForecastNode[];
  neutral: {
    amount: string | null;
    /** one standard deviation of what the open deals bring in; null when the amount is */
    spread: string | null;
    wonSoFar: string;
    openExpected: string | null;
    late: string | null;
    lateFactor: number | null;
    openDeals: number;
    learning: { windows: number; samples: number; firstWindow: string | null; lastWindow: string | null };
    flags: string[];
  };
}

export interface ForecastDeal {
  id: string;
  name: string;
  owner: { id: string; name: string | null } | null;
  stage: Stage;
  forecastCategory: ForecastCategory;
  amount: string;
  expectedCloseDate: string | null;
  closedAt: string | null;
  neutralContribution: string;
  rate: number | null;
  basis: string | null;
  samples: number | null;
}

export interface AccuracyRow {
  period: string;
  figure: 'commit' | 'neutral';
  forecast: string | null;
  actual: string;
  accuracy: number | null;
  recordedAt: string;
}

export interface Deviation {
  id: string;
  opportunity: { id: string; name: string };
  owner: { id: string; name: string | null } | null;
  kind: 'slipped' | 'lost' | 'amount_cut' | 'unforecast_win';
  forecastCategory: string | null;
  forecast: string;
  actual: string;
  deviation: string;
  proposed: { tag: string; evidence: string[] }[];
  confirmedTags: string[] | null;
  confirmedBy: { id: string; name: string | null } | null;
  confirmedAt: string | null;
  canConfirm: boolean;
}

export interface RootCauseTag {
  key: string;
  label: string;
  labelEn: string;
  builtin: boolean;
  active: boolean;
}
