// The 2σ flag as pure rules: a constructed history whose mean and σ are known; a value 2.1σ out
// is flagged and 1.9σ is not; too little history is unknown, never ok; similarity widens step by step.
import { describe, expect, it } from 'vitest';
import { cycleSample, MIN_HISTORY, similarHistory, zScore, type WonDeal } from './scenario-stats.ts';

// five at mean − a and five at mean + a: mean 100, sample σ = a·√(10/9)
const a = 9;
const sample = [...Array(5).fill(100 - a), ...Array(5).fill(100 + a)] as number[];
const sigma = a * Math.sqrt(10 / 9);

describe('the 2σ flag', () => {
  it('flags a value at 2.1σ, not one at 1.9σ, on either side', () => {
    expect(zScore(100 + 2.1 * sigma, sample)).toMatchObject({ state: 'flagged', n: 10, mean: 100 });
    expect(zScore(100 - 2.1 * sigma, sample).state).toBe('flagged');
    expect(zScore(100 + 1.9 * sigma, sample).state).toBe('ok');
    expect(zScore(100 - 1.9 * sigma, sample).state).toBe('ok');
    const r = zScore(100 + 2.1 * sigma, sample);
    expect(r.sigma).toBeCloseTo(sigma, 9);
    expect(r.z).toBeCloseTo(2.1, 9);
  });

  it('too little history is unknown, not ok; no spread is unknown too', () => {
    expect(zScore(100, sample.slice(0, MIN_HISTORY - 1))).toMatchObject({ state: 'unknown', n: MIN_HISTORY - 1, z: null });
    expect(zScore(100, Array(10).fill(50) as number[])).toMatchObject({ state: 'unknown', sigma: 0, z: null });
  });
});

describe('similar won deals', () => {
  const deal = (industry: string, size: string, productIds: string[] = []): WonDeal => ({ industry, size, productIds, amountCents: 1, cycleDays: 1, daysFromStage: {} });
  const history = [...Array(8).fill(deal('medical', 'large', ['p1'])), ...Array(5).fill(deal('medical', 'small')), ...Array(20).fill(deal('saas', 'large'))] as WonDeal[];

  it('uses the narrowest level with enough deals and says which and how many', () => {
    expect(similarHistory({ industry: 'medical', size: 'large', productIds: ['p1'] }, history)).toMatchObject({ level: 'industry_size_product', tried: [{ level: 'industry_size_product', n: 8 }] });
    const widened = similarHistory({ industry: 'medical', size: 'small', productIds: ['p9'] }, history);
    expect(widened.level).toBe('industry');
    expect(widened.deals).toHaveLength(13);
    expect(widened.tried).toEqual([{ level: 'industry_size_product', n: 0 }, { level: 'industry_size', n: 5 }, { level: 'industry', n: 13 }]);
  });

  it('skips a level whose attribute the deal lacks instead of matching it', () => {
    const r = similarHistory({ industry: null, size: 'large', productIds: [] }, history);
    expect(r.level).toBe('tenant');
    expect(r.tried.map((t) => t.n)).toEqual([null, null, null, 33]);
  });

  it('too little history anywhere: no level', () => {
    expect(similarHistory({ industry: 'medical', size: 'large', productIds: [] }, history.slice(0, 3))).toMatchObject({ level: null, deals: [] });
  });
});

describe('the close date by stage', () => {
  const won = (cycleDays: number, daysFromStage: WonDeal['daysFromStage']): WonDeal => ({ industry: 'medical', size: 'large', productIds: [], amountCents: 1, cycleDays, daysFromStage });

  it('judges a deal in 已报价 by how long similar won deals took from entering 已报价 to winning', () => {
    const history = Array.from({ length: MIN_HISTORY }, (_, i) => won(120 + i, { quoted: 20 + i, negotiation: 10 }));
    expect(cycleSample(history, 'quoted')).toEqual({ measure: 'from_stage', stage: 'quoted', days: history.map((_, i) => 20 + i) });
  });

  it('falls back to the whole cycle, and says so, when too few have that stage on record; a lead is judged from its creation', () => {
    const history = [...Array.from({ length: MIN_HISTORY - 1 }, () => won(90, { quoted: 30 })), ...Array.from({ length: 3 }, () => won(60, {}))];
    expect(cycleSample(history, 'quoted')).toMatchObject({ measure: 'from_creation', stage: null, days: [...Array(MIN_HISTORY - 1).fill(90), 60, 60, 60] });
    expect(cycleSample(history, 'lead').measure).toBe('from_creation');
  });
});
