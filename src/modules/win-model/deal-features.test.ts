// The win model's CRM features from a constructed deal history: stage ages and moves, touches
// and their trend, decision chain, budget and close-date edits, competitor mentions, owner
// history; a won deal's training row knows nothing of how it ended; missing stays missing.
import { describe, expect, it } from 'vitest';
import { dealFeatures, stageAt, trainingMoment, type ChangeEntry, type DealHistory, type FeatureContext } from './deal-features.ts';

const at = (s: string) => new Date(`${s}T10:00:00+08:00`);
const move = (day: string, from: string, to: string): ChangeEntry => ({ at: at(day), action: 'opportunity.stage_changed', before: { stage: from }, after: { stage: to } });
const edit = (day: string, before: Record<string, unknown>, after: Record<string, unknown>): ChangeEntry => ({ at: at(day), action: 'opportunity.updated', before, after });
const touch = (day: string, text = '电话沟通', extra: Partial<DealHistory['touches'][number]> = {}) => ({ at: at(day), type: 'call', text, mood: 'neutral', contactIds: [], ...extra });

function wonDeal(): DealHistory {
  return {
    deal: { id: 'd1', ownerId: 'u1', createdAt: at('2026-01-01'), stage: 'won', amountCents: 8_000_000, expectedCloseDate: '2026-03-31', closedAt: at('2026-03-01'), industry: '医疗器械', size: 'large', billingModel: 'one_off', region: '华东' },
    changes: [
      move('2026-01-10', 'lead', 'qualified'),
      edit('2026-01-15', { amount: '100000.00' }, { amount: '80000.00' }),
      move('2026-01-20', 'qualified', 'solution'),
      move('2026-01-25', 'solution', 'qualified'),
      move('2026-02-01', 'qualified', 'solution'),
      edit('2026-02-05', { expectedCloseDate: '2026-02-28' }, { expectedCloseDate: '2026-03-31' }),
      move('2026-03-01', 'solution', 'won'),
    ],
    touches: [
      touch('2025-12-20'),
      touch('2026-01-05', '拜访设备科'),
      touch('2026-01-20', '客户提到友商报价更低', { mood: 'hesitant' }),
      touch('2026-02-01', '与院长会谈', { contactIds: ['c-dm'], mood: 'positive' }),
      touch('2026-02-10', '方案演示', { contactIds: ['c-dm'], mood: 'positive' }),
      touch('2026-02-28', '签约仪式', { mood: 'positive' }),
    ],
    notes: [{ at: at('2026-02-20'), text: '竞品已出局' }],
    contacts: [
      { id: 'c-user', createdAt: at('2025-12-01'), decisionRole: 'user', changes: [] },
      // made the decision maker on 01-28 (was an influencer), and a new contact added after the deal began
      { id: 'c-dm', createdAt: at('2026-01-12'), decisionRole: 'decision_maker', changes: [{ at: at('2026-01-28'), action: 'contact.updated', before: { decisionRole: 'influencer' }, after: { decisionRole: 'decision_maker' } }] },
    ],
    lines: [
      { createdAt: at('2026-01-20'), category: '影像设备', totalCents: 6_000_000 },
      { createdAt: at('2026-01-20'), category: '耗材', totalCents: 2_000_000 },
    ],
    annotations: [{ at: at('2026-02-02'), category: 'budget_confirmed', direction: 'too_low' }],
  };
}

const context = (): FeatureContext => ({
  owners: new Map([['u1', { hiredOn: new Date('2024-03-01T00:00:00Z'), closed: [{ closedAt: at('2025-10-01'), won: true }, { closedAt: at('2025-11-01'), won: false }, { closedAt: at('2025-12-01'), won: true }, { closedAt: at('2026-01-20'), won: true }, { closedAt: at('2026-03-01'), won: true }] }]]),
  competitors: [],
});

describe('deal features as of a moment', () => {
  it('a won deal is seen 14 days before it closed, in the stage it was in then', () => {
    const h = wonDeal();
    const moment = trainingMoment(h.deal);
    expect(moment?.toISOString()).toBe(new Date(at('2026-03-01').getTime() - 14 * 86_400_000).toISOString());
    expect(stageAt(h, moment as Date)).toBe('solution');
    const f = dealFeatures(h, moment as Date, context());
    expect(f).toMatchObject({
      stage_rank: 3,
      days_in_stage: 14,
      deal_age_days: 45,
      stage_changes: 4,
      step_backs: 1,
      // 01-20, 02-01 and 02-10 fall within 30 days of 02-15; 12-20 and 01-05 in the 30 before
      touches_30d: 3,
      touches_prev_30d: 2,
      touch_trend: 1,
      days_since_last_touch: 5,
      decision_maker_identified: 1,
      decision_maker_touches_30d: 2,
      // one contact added after the deal began, one role change
      decision_chain_changes: 2,
      amount_changes: 1,
      amount_change_pct: -20,
      close_date_pushes: 1,
      days_to_expected_close: 43.9,
      // 友商 on 01-20; the note saying 竞品 came after the moment
      competitor_mentions: 1,
      amount_yuan: 80_000,
      product_category: '影像设备',
      industry: '医疗器械',
      annotation_category: 'budget_confirmed',
      annotation_direction: 'too_low',
      // four of the owner's deals closed before the moment, three won; this one closed after it
      owner_closed_deals: 4,
      owner_win_rate: 0.75,
    });
  });

  it('has no leakage: the same history ending in a loss gives the same training row', () => {
    const won = wonDeal();
    const lost = wonDeal();
    lost.deal.stage = 'lost';
    lost.changes[lost.changes.length - 1] = move('2026-03-01', 'solution', 'lost');
    lost.touches[lost.touches.length - 1] = touch('2026-02-28', '客户选择了友商', { mood: 'negative' });
    lost.notes = [{ at: at('2026-02-27'), text: '丢单复盘：预算被砍' }];
    const ctx = context();
    ctx.owners.get('u1')?.closed.push({ closedAt: at('2026-03-01'), won: false });
    const moment = trainingMoment(won.deal) as Date;
    expect(dealFeatures(lost, moment, ctx)).toEqual(dealFeatures(won, moment, context()));
    expect(dealFeatures(won, moment, context()).stage_rank).not.toBe(6);
  });

  it('reads field values back to the moment: an amount cut and role change made later do not show earlier', () => {
    const h = wonDeal();
    const f = dealFeatures(h, at('2026-01-11'), context());
    expect(f).toMatchObject({ stage_rank: 2, amount_yuan: 100_000, amount_changes: 0, decision_maker_identified: 0, close_date_pushes: 0, days_to_expected_close: 47.9, product_category: null, annotation_category: null });
  });

  it('keeps missing inputs missing instead of zero', () => {
    const h = wonDeal();
    h.touches = [];
    h.deal.expectedCloseDate = null;
    h.changes = h.changes.filter((c) => c.action === 'opportunity.stage_changed');
    const ctx: FeatureContext = { owners: new Map([['u1', { hiredOn: null, closed: [] }]]), competitors: [] };
    const f = dealFeatures(h, at('2026-02-15'), ctx);
    expect(f.days_since_last_touch).toBeNull();
    expect(f.mood_30d).toBeNull();
    expect(f.days_to_expected_close).toBeNull();
    expect(f.owner_tenure_days).toBeNull();
    expect(f.owner_win_rate).toBeNull();
    expect(f.touches_30d).toBe(0);
    // a deal younger than 30 days has no "30 days before" to compare with
    expect(dealFeatures(h, at('2026-01-20'), ctx).touches_prev_30d).toBeNull();
  });

  it('a closed deal without recorded stage moves has an unknown stage then, not its final one', () => {
    const h = wonDeal();
    h.changes = [];
    expect(stageAt(h, at('2026-02-15'))).toBeNull();
    expect(dealFeatures(h, at('2026-02-15'), context()).stage_rank).toBeNull();
  });
});
