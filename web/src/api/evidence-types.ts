// API shapes of evidence-based forecasting: a deal's evidence and credibility, its scenarios with flags, the rules and the decay board.
export const evidenceStageKeys = ['lead', 'solution_confirmed', 'commercial_agreed', 'legal_closed'] as const;
export type EvidenceStageKey = (typeof evidenceStageKeys)[number];
export type CheckCode = 'future_date' | 'out_of_order' | 'signer_missing' | 'signer_not_account_contact' | 'signer_not_decision_maker';

export interface EvidenceCheck {
  code: CheckCode;
  stage: EvidenceStageKey;
  proofId: string | null;
  message: string;
  params: Record<string, string>;
}

export interface Proof {
  id: string;
  stage: EvidenceStageKey;
  source: 'attachment' | 'activity';
  date: string;
  attachment: { id: string; filename: string; documentType: string } | null;
  activity: { id: string; type: string; subject: string; occurredAt: string } | null;
  signer: { contactId: string; name: string; decisionRole: string | null; ofDealAccount: boolean } | null;
  note: string | null;
  addedBy: string | null;
  createdAt: string;
  passed: boolean;
  checks: EvidenceCheck[];
}

export interface Credibility {
  evidenceStage: EvidenceStageKey | null;
  stageWeight: number | null;
  decayFactor: number;
  daysPastClose: number | null;
  weight: number | null;
  reasons: string[];
}

export interface DecayStep {
  daysPast: number;
  factor: number;
}

export interface EvidenceState {
  opportunityId: string;
  today: string;
  evidenceStage: EvidenceStageKey | null;
  stages: Array<{ key: EvidenceStageKey; label: string; labelEn: string; weight: number; status: 'passed' | 'failed' | 'missing'; firstDate: string | null; proofs: Proof[] }>;
  failures: EvidenceCheck[];
  credibility: Credibility;
  decay: { forecastCategory: string; closeDate: string | null; daysPastClose: number | null; daysWithoutUpdate: number | null; factor: number; lastUpdateAt: string; lastUpdateKind: 'record' | 'touch' | 'evidence'; curve: DecayStep[] };
}

export interface EvidenceSettings {
  stageWeights: Record<EvidenceStageKey, number>;
  decayCurve: DecayStep[];
  isDefault?: boolean;
}

export type FlagState = 'ok' | 'flagged' | 'unknown';
export type Similarity = 'industry_size_product' | 'industry_size' | 'industry' | 'tenant';

export interface ScenarioFlag {
  state: FlagState;
  z: number | null;
  n: number;
  similarity: Similarity | null;
  reason: string;
  mean: string | number | null;
  sigma: number | null;
  band: { low: string | number | null; high: string | number | null } | null;
  cycleDays?: number;
  /** cycle flags: measured from entering the deal's stage, or from its creation when too few won deals have that stage on record */
  measure?: 'from_stage' | 'from_creation';
  stage?: string | null;
}

export interface ScenarioValue {
  amount: string;
  closeDate: string;
  amountFlag: ScenarioFlag;
  cycleFlag: ScenarioFlag;
}

export const scenarioKinds = ['optimistic', 'neutral', 'pessimistic'] as const;
export type ScenarioKind = (typeof scenarioKinds)[number];

export interface Scenarios {
  opportunityId: string;
  scenarios: Record<ScenarioKind, ScenarioValue> | null;
  history: { similarity: Similarity | null; n: number; minimum: number; tried: Array<{ level: Similarity; n: number | null }> };
  updatedBy: string | null;
  updatedAt: string | null;
}

export interface DecayedDeal {
  id: string;
  name: string;
  accountId: string;
  accountName: string;
  ownerId: string | null;
  ownerName: string | null;
  amount: string;
  currency: string;
  expectedCloseDate: string;
  daysPastClose: number;
  daysWithoutUpdate: number;
  factor: number;
  evidenceStage: EvidenceStageKey | null;
  stageWeight: number | null;
  weight: number | null;
  decayedAmount: string;
  weightedAmount: string | null;
  lastUpdateAt: string;
  lastUpdateKind: 'record' | 'touch' | 'evidence';
  decayedSince: string | null;
  reasons: string[];
}

export interface DecayBoard {
  items: DecayedDeal[];
  nextCursor: string | null;
  today: string;
  curve: DecayStep[];
  total: { deals: number; amount: string };
}
