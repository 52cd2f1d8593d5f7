// The evidence rules as pure functions: stage order, no future proofs, signing authority, and
// the evidence stage a deal's proofs support (a failing check holds it at the stage below).
import { describe, expect, it } from 'vitest';
import { checkProofs, evaluateEvidence, type ProofFacts } from './evidence-rules.ts';

const TODAY = '2026-11-20';
const dm = { contactId: 'c1', name: '张总', ofDealAccount: true, decisionRole: 'decision_maker' };
const proof = (id: string, stage: ProofFacts['stage'], date: string, signer: ProofFacts['signer'] = null): ProofFacts => ({ id, stage, date, signer });
const ladder = [proof('p1', 'lead', '2026-09-01'), proof('p2', 'solution_confirmed', '2026-09-20'), proof('p3', 'commercial_agreed', '2026-10-15'), proof('p4', 'legal_closed', '2026-11-02', dm)];

describe('evidence rules', () => {
  it('a full ladder of proofs in order, signed by a decision maker, reaches 法务闭环 with no failures', () => {
    const r = evaluateEvidence(ladder, TODAY);
    expect(r.failures).toEqual([]);
    expect(r.evidenceStage).toBe('legal_closed');
    expect(r.stages.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
  });

  it('no proofs: no evidence stage (unknown, not the lowest stage)', () => {
    const r = evaluateEvidence([], TODAY);
    expect(r.evidenceStage).toBeNull();
    expect(r.reasons[0]).toContain('No evidence yet');
  });

  it('a later stage proven before an earlier one fails out_of_order and holds the deal at the stage below', () => {
    const early = proof('p3', 'commercial_agreed', '2026-09-10');
    const r = evaluateEvidence([ladder[0], ladder[1], early], TODAY);
    expect(r.failures).toEqual([expect.objectContaining({ code: 'out_of_order', proofId: 'p3', params: { date: '2026-09-10', earlierStage: 'solution_confirmed', earlierDate: '2026-09-20' } })]);
    expect(r.evidenceStage).toBe('solution_confirmed');
    expect(r.reasons.join(' ')).toMatch(/Held at 方案确认: The 商务达成 proof is dated 2026-09-10, before the first 方案确认 proof \(2026-09-20\)/);
  });

  it('the same day as the earlier stage is in order', () => {
    expect(checkProofs([proof('a', 'lead', '2026-09-01'), proof('b', 'solution_confirmed', '2026-09-01')], TODAY)).toEqual([]);
  });

  it('a proof dated after today fails future_date; today itself passes', () => {
    expect(checkProofs([proof('a', 'lead', TODAY)], TODAY)).toEqual([]);
    const r = evaluateEvidence([proof('a', 'lead', '2026-11-21')], TODAY);
    expect(r.failures.map((f) => f.code)).toEqual(['future_date']);
    expect(r.evidenceStage).toBeNull();
  });

  it('法务闭环 needs a signer who is a decision maker of the deal account', () => {
    const codes = (signer: ProofFacts['signer']) => checkProofs([...ladder.slice(0, 3), proof('p4', 'legal_closed', '2026-11-02', signer)], TODAY).map((f) => f.code);
    expect(codes(null)).toEqual(['signer_missing']);
    expect(codes({ ...dm, ofDealAccount: false })).toEqual(['signer_not_account_contact']);
    expect(codes({ ...dm, decisionRole: 'influencer' })).toEqual(['signer_not_decision_maker']);
    expect(codes({ ...dm, decisionRole: null })).toEqual(['signer_not_decision_maker']);
    const r = evaluateEvidence([...ladder.slice(0, 3), proof('p4', 'legal_closed', '2026-11-02', { ...dm, decisionRole: 'user' })], TODAY);
    expect(r.evidenceStage).toBe('commercial_agreed');
    expect(r.reasons.join(' ')).toContain('not a decision maker');
  });

  it('a gap holds the deal below it even when later stages have good proofs', () => {
    const r = evaluateEvidence([ladder[0], ladder[2]], TODAY);
    expect(r.evidenceStage).toBe('lead');
    expect(r.stages[1].status).toBe('missing');
    expect(r.reasons.join(' ')).toContain('方案确认 has no proof, though a later stage has');
  });

  it('one failing proof fails its stage even beside a good one', () => {
    const r = evaluateEvidence([...ladder.slice(0, 2), proof('x', 'solution_confirmed', '2030-01-01')], TODAY);
    expect(r.stages[1].status).toBe('failed');
    expect(r.evidenceStage).toBe('lead');
  });
});
