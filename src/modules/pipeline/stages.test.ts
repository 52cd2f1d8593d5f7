import { describe, expect, it } from 'vitest';
import { allowedMoves, closingState, entryStages, refusal, stageKeys, transitions } from './stages.ts';
import { defaultDocumentTypes, defaultStageGates, missingEvidence, requirementsFor } from './stage-gates.ts';

describe('the stage machine', () => {
  it('walks forward one stage at a time to won', () => {
    expect(allowedMoves('lead', 'rep')).toEqual(['qualified', 'lost']);
    expect(allowedMoves('negotiation', 'rep')).toEqual(['won', 'quoted', 'lost']);
    expect(refusal('lead', 'quoted', 'rep')).toMatch(/cannot move from lead to quoted/);
  });

  it('allows one step back, and losing from any open stage', () => {
    expect(refusal('quoted', 'solution', 'rep')).toBeNull();
    expect(refusal('quoted', 'qualified', 'rep')).not.toBeNull();
    for (const open of ['lead', 'qualified', 'solution', 'quoted', 'negotiation'] as const) expect(refusal(open, 'lost', 'rep')).toBeNull();
  });

  it('treats won as final and lets only managers reopen a lost deal, to lead or qualified', () => {
    expect(allowedMoves('won', 'admin')).toEqual([]);
    expect(refusal('lost', 'qualified', 'rep')).toMatch(/Only manager, executive, admin/);
    expect(refusal('lost', 'qualified', 'manager')).toBeNull();
    expect(refusal('lost', 'solution', 'manager')).not.toBeNull();
    expect(refusal('solution', 'solution', 'rep')).toMatch(/already in solution/);
  });

  it('closes won and lost deals and puts reopened ones back in the pipeline', () => {
    const now = new Date('2026-11-22T10:00:00+08:00');
    expect(closingState('negotiation', 'won', now)).toEqual({ closedAt: now, forecastCategory: 'closed' });
    expect(closingState('quoted', 'lost', now)).toEqual({ closedAt: now, forecastCategory: 'omitted' });
    expect(closingState('lost', 'lead', now)).toEqual({ closedAt: null, forecastCategory: 'pipeline' });
    expect(closingState('lead', 'qualified', now)).toBeNull();
  });

  it('only names known stages', () => {
    for (const t of transitions) expect(stageKeys).toContain(t.to);
    for (const s of entryStages) expect(stageKeys).toContain(s);
  });
});

describe('stage gates', () => {
  const noFields = new Map<string, { label: string; labelEn: string }>();
  const quoted = requirementsFor('quoted', defaultStageGates, defaultDocumentTypes, noFields);
  const evidence = (documents: string[], filledFields: string[] = []) => ({ documents: new Set(documents), filledFields: new Set(filledFields) });

  it('lists every missing document for quoted, in order, with Chinese and English labels', () => {
    expect(missingEvidence(quoted, evidence(['tech_comparison']))).toEqual([
      { kind: 'document', name: 'price_comparison', label: '价格对比表', labelEn: 'Price comparison sheet' },
      { kind: 'document', name: 'reference_case', label: '客户成功案例', labelEn: 'Customer reference case' },
    ]);
    expect(missingEvidence(quoted, evidence(['price_comparison', 'tech_comparison', 'reference_case']))).toEqual([]);
    expect(requirementsFor('solution', defaultStageGates, defaultDocumentTypes, noFields)).toEqual([]);
  });

  it('reads gates from data, so another gate list changes the rule without code', () => {
    const gates = [...defaultStageGates, { stage: 'won' as const, fields: ['amount'], documents: ['signed_contract'] }];
    const types = [...defaultDocumentTypes, { key: 'signed_contract', label: '已签合同', labelEn: 'Signed contract' }];
    const won = requirementsFor('won', gates, types, new Map([['amount', { label: '金额', labelEn: 'Amount' }]]));
    expect(missingEvidence(won, evidence([])).map((m) => `${m.kind}:${m.name}`)).toEqual(['document:signed_contract', 'field:amount']);
    expect(missingEvidence(won, evidence(['signed_contract'], ['amount']))).toEqual([]);
  });
});
