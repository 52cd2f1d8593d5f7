// Each warning rule on constructed facts: it fires with its evidence, stays clear, or says what is missing.
import { describe, expect, it } from 'vitest';
import { amountCut, closeDatePushed, competitorAppeared, decisionMakerSilent, evaluateDeal, noActivity, stalledInStage, daysBeforeClose, type DealFacts, type RuleContext, type StageNorm } from './warning-rules.ts';
import { defaultWarningSettings } from './warning-settings.ts';

const NOW = new Date('2026-11-20T02:00:00Z');
const ago = (days: number) => new Date(NOW.getTime() - days * 86_400_000);
const deal = (over: Partial<DealFacts> = {}): DealFacts => ({
  id: 'd1',
  name: '瑞金医院彩超采购项目',
  ownerId: 'u1',
  accountId: 'a1',
  stage: 'solution',
  expectedCloseDate: '2027-01-04',
  amountCents: 50_000_000n,
  createdAt: ago(90),
  stageChangedAt: ago(10),
  lastActivityAt: ago(2),
  decisionMakers: [{ id: 'k1', name: '张院长' }],
  lastDecisionMakerTouchAt: ago(3),
  lastOtherTouchAt: ago(1),
  closeDateChanges: [],
  amountChanges: [],
  texts: [],
  ...over,
});
const ctx = (over: Partial<RuleContext['settings']> = {}, norms: StageNorm[] = []): RuleContext => ({ now: NOW, settings: { ...defaultWarningSettings, ...over }, norms: new Map(norms.map((n) => [n.stage, n])) });

describe('no activity for N days', () => {
  it('fires once the last touch is N days old, and names it', () => {
    const out = noActivity(deal({ lastActivityAt: ago(15) }), ctx());
    expect(out).toMatchObject({ status: 'fires', evidence: { daysWithoutActivity: 15, thresholdDays: 14, neverTouched: false } });
    expect(noActivity(deal({ lastActivityAt: ago(13) }), ctx()).status).toBe('clear');
  });
  it('a deal never touched counts from its creation', () => {
    expect(noActivity(deal({ lastActivityAt: null, createdAt: ago(20) }), ctx())).toMatchObject({ status: 'fires', evidence: { neverTouched: true, daysWithoutActivity: 20 } });
    expect(noActivity(deal({ lastActivityAt: null, createdAt: ago(3) }), ctx()).status).toBe('clear');
  });
});

describe('the decision maker went silent', () => {
  it('fires when no touch reached a decision maker for N days, saying whether other touches go on', () => {
    const out = decisionMakerSilent(deal({ lastDecisionMakerTouchAt: ago(30), lastOtherTouchAt: ago(2) }), ctx());
    expect(out).toMatchObject({ status: 'fires', evidence: { daysSilent: 30, otherTouchesContinue: true, decisionMakers: [{ name: '张院长' }], thresholdDays: 21 } });
    const quiet = decisionMakerSilent(deal({ lastDecisionMakerTouchAt: ago(30), lastOtherTouchAt: ago(40) }), ctx());
    expect(quiet).toMatchObject({ status: 'fires', evidence: { otherTouchesContinue: false } });
  });
  it('is clear while the decision maker is being met', () => {
    expect(decisionMakerSilent(deal({ lastDecisionMakerTouchAt: ago(5) }), ctx()).status).toBe('clear');
  });
  it('says it cannot tell when the account has no decision maker marked', () => {
    const out = decisionMakerSilent(deal({ decisionMakers: [] }), ctx());
    expect(out.status).toBe('unknown');
    expect(out.status === 'unknown' && out.missing).toContain('decision maker');
  });
});

describe('stalled in stage past the norm', () => {
  const norm: StageNorm = { stage: 'solution', wonDeals: 12, days: 20.4 };
  it("uses the tenant's own norm from won deals when there is enough history", () => {
    const out = stalledInStage(deal({ stageChangedAt: ago(25) }), ctx({}, [norm]));
    expect(out).toMatchObject({ status: 'fires', evidence: { daysInStage: 25, normDays: 21, basis: 'tenant_history', wonDealsInHistory: 12, percentile: 75 } });
    expect(stalledInStage(deal({ stageChangedAt: ago(21) }), ctx({}, [norm])).status).toBe('clear');
  });
  it('with too little history says so and falls back to the tenant setting, flagged as such', () => {
    const out = stalledInStage(deal({ stageChangedAt: ago(31) }), ctx({}, [{ ...norm, wonDeals: 3 }]));
    expect(out).toMatchObject({ status: 'fires', evidence: { normDays: 30, basis: 'fallback_setting', wonDealsInHistory: 3 } });
    expect(out.status === 'fires' && out.evidence.note).toMatch(/Only 3 won deals/);
    expect(stalledInStage(deal({ stageChangedAt: ago(29) }), ctx()).status).toBe('clear');
  });
});

describe('close date pushed again', () => {
  const push = (days: number, from: string, to: string) => ({ at: ago(days), from, to });
  it('fires at the second move later, listing each push', () => {
    const out = closeDatePushed(deal({ closeDateChanges: [push(40, '2026-11-30', '2026-12-15'), push(10, '2026-12-15', '2027-01-04')] }), ctx());
    expect(out).toMatchObject({ status: 'fires', evidence: { pushCount: 2, totalDaysPushed: 35, firstDate: '2026-11-30', currentDate: '2027-01-04' } });
  });
  it('one push, or moves earlier, do not fire', () => {
    expect(closeDatePushed(deal({ closeDateChanges: [push(10, '2026-12-15', '2027-01-04')] }), ctx()).status).toBe('clear');
    expect(closeDatePushed(deal({ closeDateChanges: [push(10, '2027-01-15', '2027-01-04'), push(5, '2027-01-04', '2026-12-30')] }), ctx()).status).toBe('clear');
  });
  it('a deal with no close date says there is nothing to track', () => {
    expect(closeDatePushed(deal({ expectedCloseDate: null }), ctx()).status).toBe('unknown');
  });
});

describe('amount cut', () => {
  it('fires when the amount fell at least the threshold below its recent high, and says by how much', () => {
    const out = amountCut(deal({ amountCents: 40_000_000n, amountChanges: [{ at: ago(5), fromCents: 50_000_000n, toCents: 40_000_000n }] }), ctx());
    expect(out).toMatchObject({ status: 'fires', evidence: { highestAmount: '500000.00', currentAmount: '400000.00', cutAmount: '100000.00', cutPct: 20 } });
  });
  it('a small cut, a raise or a cut since made good is clear', () => {
    expect(amountCut(deal({ amountCents: 47_500_000n, amountChanges: [{ at: ago(5), fromCents: 50_000_000n, toCents: 47_500_000n }] }), ctx()).status).toBe('clear');
    expect(amountCut(deal({ amountChanges: [{ at: ago(5), fromCents: 40_000_000n, toCents: 50_000_000n }] }), ctx()).status).toBe('clear');
    expect(amountCut(deal({ amountChanges: [{ at: ago(9), fromCents: 50_000_000n, toCents: 30_000_000n }, { at: ago(2), fromCents: 30_000_000n, toCents: 50_000_000n }] }), ctx()).status).toBe('clear');
  });
});

describe('competitor appeared', () => {
  const competitors = [{ name: '迈瑞', aliases: ['Mindray'] }, { name: '华为', aliases: [] }];
  it('fires on a competitor named in a recent touch or note, with the excerpt', () => {
    const out = competitorAppeared(deal({ texts: [{ source: 'note', id: 'n1', at: ago(2), text: '客户说迈瑞也报了价，比我们低 8%' }] }), ctx({ competitors }));
    expect(out).toMatchObject({ status: 'fires', evidence: { competitors: ['迈瑞'], mentions: [{ term: '迈瑞', source: 'note', sourceId: 'n1' }] } });
  });
  it('does not misfire on a short Chinese name inside another word', () => {
    expect(competitorAppeared(deal({ texts: [{ source: 'activity', id: 'x1', at: ago(1), text: '方案以精华为主，客户满意' }] }), ctx({ competitors })).status).toBe('clear');
    expect(competitorAppeared(deal({ texts: [{ source: 'activity', id: 'x0', at: ago(1), text: '价格调整会关联影响交期' }] }), ctx({ competitors: [{ name: '联影', aliases: [] }] })).status).toBe('clear');
    expect(competitorAppeared(deal({ texts: [{ source: 'activity', id: 'x4', at: ago(1), text: '院长提到联影上周来过' }] }), ctx({ competitors: [{ name: '联影', aliases: [] }] })).status).toBe('fires');
    expect(competitorAppeared(deal({ texts: [{ source: 'activity', id: 'x2', at: ago(1), text: '客户在比较华为和我们的方案' }] }), ctx({ competitors })).status).toBe('fires');
    expect(competitorAppeared(deal({ texts: [{ source: 'activity', id: 'x3', at: ago(1), text: 'Mindrayer is not a company; Mindray is' }] }), ctx({ competitors }))).toMatchObject({ status: 'fires', evidence: { mentions: [{ term: 'Mindray' }] } });
  });
  it('without a competitor list says none can be recognised', () => {
    expect(competitorAppeared(deal(), ctx()).status).toBe('unknown');
  });
});

describe('a whole deal', () => {
  it('gets one outcome per warning kind, and the days left to its close date are counted', () => {
    expect(evaluateDeal(deal(), ctx()).map((o) => o.kind)).toEqual(['no_activity', 'decision_maker_silent', 'stalled_in_stage', 'close_date_pushed', 'amount_cut', 'competitor_appeared']);
    expect(daysBeforeClose('2027-01-04', '2026-11-20')).toBe(45);
    expect(daysBeforeClose(null, '2026-11-20')).toBeNull();
  });
});
