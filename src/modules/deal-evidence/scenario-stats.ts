// Compares a rep's scenario values with the history of similar won deals, as pure functions:
// pick the most similar group with enough deals (industry + size + product, then industry +
// size, then industry, then the whole tenant), and flag a value more than 2σ from its mean.
// Amounts are compared on a log scale (deal sizes are right-skewed: a few large deals would
// inflate σ so much that nothing is ever flagged). The stage enters through the close date: a
// deal's remaining time from entering its current stage is compared with how long the similar
// won deals took from entering that stage to winning (their stage moves in the audit log); where
// too few of them have that stage's entry on record, the whole cycle (creation → won) is used
// and the flag says so. (Among won deals the stage reached itself tells nothing: every one of
// them walked the machine to its end.)
export const MIN_HISTORY = 8;
export const Z_LIMIT = 2;

export const similarityLevels = ['industry_size_product', 'industry_size', 'industry', 'tenant'] as const;
export type SimilarityLevel = (typeof similarityLevels)[number];

export interface DealProfile {
  industry: string | null;
  size: string | null;
  productIds: readonly string[];
}

export interface WonDeal extends DealProfile {
  amountCents: number;
  /** days from creation to winning */
  cycleDays: number;
  /** days from first entering a stage to winning, for the stages whose entry is on record */
  daysFromStage: Partial<Record<string, number>>;
}

export interface CycleSample {
  /** from_stage: time from entering `stage` to winning; from_creation: the whole cycle */
  measure: 'from_stage' | 'from_creation';
  stage: string | null;
  days: number[];
}

/** the cycle lengths to judge a close date by: from the deal's current stage when enough similar won deals have it on record */
export function cycleSample(deals: readonly WonDeal[], stage: string | null, min = MIN_HISTORY): CycleSample {
  if (stage && stage !== 'lead') {
    const days = deals.flatMap((d) => (d.daysFromStage[stage] === undefined ? [] : [d.daysFromStage[stage]]));
    if (days.length >= min) return { measure: 'from_stage', stage, days };
  }
  return { measure: 'from_creation', stage: null, days: deals.map((d) => d.cycleDays) };
}

export interface HistoryChoice {
  /** null when no level had MIN_HISTORY deals */
  level: SimilarityLevel | null;
  deals: WonDeal[];
  /** each level tried, in order, with how many won deals matched (null: the deal lacks that attribute) */
  tried: Array<{ level: SimilarityLevel; n: number | null }>;
}

/** whether the deal has the attributes a level compares (a missing attribute is skipped, never matched) */
function levelApplies(level: SimilarityLevel, target: DealProfile): boolean {
  if (level === 'tenant') return true;
  if (target.industry === null) return false;
  if (level === 'industry') return true;
  if (target.size === null) return false;
  return level === 'industry_size' || target.productIds.length > 0;
}

function matches(level: SimilarityLevel, target: DealProfile, d: WonDeal): boolean {
  if (level === 'tenant') return true;
  if (d.industry !== target.industry) return false;
  if (level === 'industry') return true;
  if (d.size !== target.size) return false;
  return level === 'industry_size' || d.productIds.some((p) => target.productIds.includes(p));
}

/** the narrowest similarity level that has at least `min` won deals */
export function similarHistory(target: DealProfile, history: readonly WonDeal[], min = MIN_HISTORY): HistoryChoice {
  const tried: HistoryChoice['tried'] = [];
  for (const level of similarityLevels) {
    if (!levelApplies(level, target)) {
      tried.push({ level, n: null });
      continue;
    }
    const deals = history.filter((d) => matches(level, target, d));
    tried.push({ level, n: deals.length });
    if (deals.length >= min) return { level, deals, tried };
  }
  return { level: null, deals: [], tried };
}

export interface ZResult {
  state: 'ok' | 'flagged' | 'unknown';
  n: number;
  mean: number | null;
  /** sample standard deviation (n − 1) */
  sigma: number | null;
  z: number | null;
}

/** how far `value` lies from the sample's mean in sample standard deviations; unknown with fewer than `min` values or no spread */
export function zScore(value: number, sample: readonly number[], min = MIN_HISTORY): ZResult {
  const n = sample.length;
  if (n < min || n < 2) return { state: 'unknown', n, mean: null, sigma: null, z: null };
  const mean = sample.reduce((s, x) => s + x, 0) / n;
  const sigma = Math.sqrt(sample.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  if (!(sigma > 0)) return { state: 'unknown', n, mean, sigma, z: null };
  const z = (value - mean) / sigma;
  return { state: Math.abs(z) > Z_LIMIT ? 'flagged' : 'ok', n, mean, sigma, z };
}
