// The deal-warning shapes the API returns (see /api/docs, tag deal-warnings).
export const warningKinds = ['no_activity', 'decision_maker_silent', 'stalled_in_stage', 'close_date_pushed', 'amount_cut', 'competitor_appeared'] as const;
export type WarningKind = (typeof warningKinds)[number];
export type Evidence = Record<string, unknown>;

export interface DealWarning {
  id: string;
  opportunityId: string;
  opportunityName: string;
  kind: WarningKind;
  evidence: Evidence;
  expectedCloseDate: string | null;
  daysBeforeClose: number | null;
  raisedAt: string;
  resolvedAt: string | null;
  resolution: string | null;
}

export interface WarningCheck {
  kind: WarningKind;
  status: 'fires' | 'clear' | 'unknown';
  missing?: string;
  evidence?: Evidence;
}

export interface DealWarnings {
  items: DealWarning[];
  checks: WarningCheck[];
  open: boolean;
}

export interface Competitor {
  name: string;
  aliases: string[];
}

export interface WarningSettings {
  noActivityDays: number;
  decisionMakerSilentDays: number;
  stallPercentile: number;
  stallMinWonDeals: number;
  stallFallbackDays: number;
  closePushMinCount: number;
  closePushLookbackDays: number;
  amountCutMinPct: number;
  amountCutLookbackDays: number;
  competitorLookbackDays: number;
  competitors: Competitor[];
}
