// The four evidence stages a forecast deal climbs (线索 → 方案确认 → 商务达成 → 法务闭环), in
// order, with their labels and the credibility weight each sets by default.
export const evidenceStageKeys = ['lead', 'solution_confirmed', 'commercial_agreed', 'legal_closed'] as const;
export type EvidenceStageKey = (typeof evidenceStageKeys)[number];

export const evidenceStageLabels: Record<EvidenceStageKey, { label: string; labelEn: string }> = {
  lead: { label: '线索', labelEn: 'Lead' },
  solution_confirmed: { label: '方案确认', labelEn: 'Solution confirmed' },
  commercial_agreed: { label: '商务达成', labelEn: 'Commercial terms agreed' },
  legal_closed: { label: '法务闭环', labelEn: 'Legal closed (signed)' },
};

/**
 * Default credibility weight per evidence stage, the share of the amount the forecast may count:
 * a proven lead is interest only (10%); a confirmed solution means the customer chose our answer
 * but not our price (30%); agreed commercial terms leave legal and procurement (60%); a contract
 * signed by a decision maker still slips sometimes (budget freeze, PO delay), so 90%, not 100%.
 */
export const defaultStageWeights: Record<EvidenceStageKey, number> = { lead: 0.1, solution_confirmed: 0.3, commercial_agreed: 0.6, legal_closed: 0.9 };

export const stageIndex = (stage: EvidenceStageKey): number => evidenceStageKeys.indexOf(stage);
export const isEvidenceStage = (v: string): v is EvidenceStageKey => (evidenceStageKeys as readonly string[]).includes(v);
