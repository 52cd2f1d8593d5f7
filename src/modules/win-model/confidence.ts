// How far to trust one prediction: how much history the model learned from, how well it did on
// deals it never saw, and whether this deal looks like those it learned from.
import { FEATURES, type FeatureVector } from './deal-features.ts';
import type { FeatureProfile } from './predictor.ts';

export interface Confidence {
  /** 'prior': typical stage win rates before the tenant has a model (older stored scores lack it: 'model') */
  basis: 'model' | 'prior';
  level: 'high' | 'medium' | 'low';
  /** 0..1 */
  score: number;
  trainingRows: number;
  holdoutAuc: number | null;
  /** features whose value lies outside what the model saw (1st–99th percentile, or an unseen category) */
  unusual: string[];
  /** inputs this deal lacks */
  missing: string[];
}

export function confidenceOf(v: FeatureVector, profile: FeatureProfile, trainingRows: number, holdoutAuc: number | null, kind: 'gbdt' | 'baseline'): Confidence {
  const unusual: string[] = [];
  const missing: string[] = [];
  for (const f of FEATURES) {
    const x = v[f.name];
    const p = profile[f.name];
    if (x === null) {
      missing.push(f.name);
      continue;
    }
    if (!p) continue;
    if ('seen' in p ? typeof x === 'string' && p.seen.length > 0 && !p.seen.includes(x) : typeof x === 'number' && (x < p.lo || x > p.hi)) unusual.push(f.name);
  }
  const size = Math.min(1, Math.log10(Math.max(1, trainingRows)) / 3);
  const skill = holdoutAuc === null || !Number.isFinite(holdoutAuc) ? 0.2 : Math.min(1, Math.max(0, (holdoutAuc - 0.5) / 0.35));
  const likeness = 1 - (unusual.length + 0.5 * missing.length) / FEATURES.length;
  let score = Math.round((0.35 * size + 0.4 * skill + 0.25 * Math.max(0, likeness)) * 100) / 100;
  // a baseline learned from a handful of deals is never more than medium
  if (kind === 'baseline') score = Math.min(score, 0.6);
  return { basis: 'model', level: score >= 0.7 ? 'high' : score >= 0.45 ? 'medium' : 'low', score, trainingRows, holdoutAuc, unusual, missing };
}
