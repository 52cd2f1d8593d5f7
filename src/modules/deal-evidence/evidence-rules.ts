// The evidence checks as a pure function of a deal's proofs: time logic (proofs in stage order,
// none in the future), signing authority (法务闭环 signed by a decision maker of the deal's
// account), and the evidence stage they support — the highest stage that it and every stage
// before it have proofs that all pass; a failing check holds the deal at the stage below.
import { evidenceStageKeys, evidenceStageLabels, stageIndex, type EvidenceStageKey } from './evidence-stages.ts';

export interface SignerFacts {
  contactId: string;
  name: string;
  /** the contact's account is the deal's account */
  ofDealAccount: boolean;
  decisionRole: string | null;
}

export interface ProofFacts {
  id: string;
  stage: EvidenceStageKey;
  /** 'YYYY-MM-DD' in the tenant's zone: the document's date, or the day the activity happened */
  date: string;
  /** legal_closed only: who signed; null when none is named or the contact was deleted */
  signer: SignerFacts | null;
}

export const checkCodes = ['future_date', 'out_of_order', 'signer_missing', 'signer_not_account_contact', 'signer_not_decision_maker'] as const;
export type CheckCode = (typeof checkCodes)[number];

export interface CheckFailure {
  code: CheckCode;
  stage: EvidenceStageKey;
  proofId: string;
  message: string;
  /** the facts behind the message, for the app to word it in the user's language */
  params: Record<string, string>;
}

export type StageStatus = 'passed' | 'failed' | 'missing';

export interface StageResult {
  stage: EvidenceStageKey;
  status: StageStatus;
  /** the earliest proof date of the stage, null without proofs */
  firstDate: string | null;
}

export interface EvidenceResult {
  evidenceStage: EvidenceStageKey | null;
  stages: StageResult[];
  failures: CheckFailure[];
  /** why the deal stands where it stands, one sentence each */
  reasons: string[];
}

const zh = (s: EvidenceStageKey) => evidenceStageLabels[s].label;

export function checkProofs(proofs: readonly ProofFacts[], today: string): CheckFailure[] {
  const failures: CheckFailure[] = [];
  // the date each stage was first evidenced, counting only proofs not dated in the future
  const first = new Map<EvidenceStageKey, string>();
  for (const p of proofs) {
    if (p.date > today) continue;
    const seen = first.get(p.stage);
    if (!seen || p.date < seen) first.set(p.stage, p.date);
  }
  for (const p of proofs) {
    if (p.date > today) {
      failures.push({ code: 'future_date', stage: p.stage, proofId: p.id, params: { date: p.date, today }, message: `The ${zh(p.stage)} proof is dated ${p.date}, after today (${today}): a proof cannot come from the future. Correct its date.` });
    } else {
      // the earlier stage that was evidenced latest is the one this proof most clearly predates
      let worst: { stage: EvidenceStageKey; date: string } | null = null;
      for (const earlier of evidenceStageKeys.slice(0, stageIndex(p.stage))) {
        const d = first.get(earlier);
        if (d && p.date < d && (!worst || d > worst.date)) worst = { stage: earlier, date: d };
      }
      if (worst) {
        failures.push({
          code: 'out_of_order',
          stage: p.stage,
          proofId: p.id,
          params: { date: p.date, earlierStage: worst.stage, earlierDate: worst.date },
          message: `The ${zh(p.stage)} proof is dated ${p.date}, before the first ${zh(worst.stage)} proof (${worst.date}): a later stage cannot be proven before an earlier one. Check both dates.`,
        });
      }
    }
    if (p.stage === 'legal_closed') failures.push(...signerFailures(p));
  }
  return failures;
}

function signerFailures(p: ProofFacts): CheckFailure[] {
  const base = { stage: p.stage, proofId: p.id };
  if (!p.signer) return [{ ...base, code: 'signer_missing', params: {}, message: 'The 法务闭环 proof names no signer: name the contact who signed (a decision maker of the account).' }];
  const params = { signerId: p.signer.contactId, signer: p.signer.name, decisionRole: p.signer.decisionRole ?? '' };
  if (!p.signer.ofDealAccount) return [{ ...base, code: 'signer_not_account_contact', params, message: `The signer ${p.signer.name} is not a contact of this deal's account: the contract must be signed by the customer.` }];
  if (p.signer.decisionRole !== 'decision_maker') {
    return [{ ...base, code: 'signer_not_decision_maker', params, message: `The signer ${p.signer.name} is ${p.signer.decisionRole ? `a ${p.signer.decisionRole.replace('_', ' ')}` : 'of no known role'}, not a decision maker: only a decision maker has signing authority. Mark the signer's role on the contact, or name the decision maker who signed.` }];
  }
  return [];
}

/** The evidence stage the proofs support, each stage's status, and the reasons. */
export function evaluateEvidence(proofs: readonly ProofFacts[], today: string): EvidenceResult {
  const failures = checkProofs(proofs, today);
  const failedStages = new Set(failures.map((f) => f.stage));
  const stages: StageResult[] = evidenceStageKeys.map((stage) => {
    const dates = proofs.filter((p) => p.stage === stage).map((p) => p.date).sort();
    return { stage, status: dates.length === 0 ? 'missing' : failedStages.has(stage) ? 'failed' : 'passed', firstDate: dates[0] ?? null };
  });
  let reached = -1;
  while (reached + 1 < stages.length && stages[reached + 1].status === 'passed') reached++;
  const evidenceStage = reached >= 0 ? evidenceStageKeys[reached] : null;
  const reasons: string[] = [];
  if (proofs.length === 0) reasons.push('No evidence yet: add a proof (a document or an activity) for 线索 first.');
  else reasons.push(evidenceStage ? `Evidence stage ${zh(evidenceStage)}: it and every stage before it have proofs that pass the checks.` : 'No evidence stage: 线索 has no proof that passes the checks.');
  const blocker = stages[reached + 1];
  const higherProven = stages.slice(reached + 1).some((s) => s.status !== 'missing');
  if (blocker && higherProven) {
    const held = evidenceStage ? `Held at ${zh(evidenceStage)}` : 'Held below 线索';
    if (blocker.status === 'missing') reasons.push(`${held}: ${zh(blocker.stage)} has no proof, though a later stage has.`);
    for (const f of failures.filter((x) => x.stage === blocker.stage)) reasons.push(`${held}: ${f.message}`);
  }
  return { evidenceStage, stages, failures, reasons };
}
