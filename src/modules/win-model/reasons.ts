// A prediction's reasons: every feature's contribution, and the top positive and negative
// factors with the feature's value, for the app to word in the user's language.
import type { FeatureName, FeatureValue, FeatureVector } from './deal-features.ts';
import type { Prediction } from './predictor.ts';

export interface Factor {
  /** the feature key; the app's label is winModel.feature.<feature> */
  feature: FeatureName;
  value: FeatureValue;
  /** change in log-odds this factor caused */
  contribution: number;
}

export interface Reasons {
  topPositive: Factor[];
  topNegative: Factor[];
  contributions: Partial<Record<FeatureName, number>>;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

export function reasonsOf(prediction: Prediction, vector: FeatureVector, top = 3): Reasons {
  const factors = (Object.entries(prediction.contributions) as [FeatureName, number][]).map(([feature, contribution]) => ({ feature, value: vector[feature], contribution: r6(contribution) }));
  return {
    topPositive: factors.filter((f) => f.contribution > 0).sort((a, b) => b.contribution - a.contribution).slice(0, top),
    topNegative: factors.filter((f) => f.contribution < 0).sort((a, b) => a.contribution - b.contribution).slice(0, top),
    contributions: prediction.contributions,
  };
}

/** The factors that pulled a deal down most between two scores: largest fall in contribution first. */
export function changedFactors(before: Reasons, beforeFeatures: FeatureVector, after: Reasons, afterFeatures: FeatureVector, top = 3) {
  const names = new Set([...Object.keys(before.contributions), ...Object.keys(after.contributions)]) as Set<FeatureName>;
  return [...names]
    .map((feature) => ({ feature, from: beforeFeatures[feature] ?? null, to: afterFeatures[feature] ?? null, change: r6((after.contributions[feature] ?? 0) - (before.contributions[feature] ?? 0)) }))
    .filter((f) => f.change < 0)
    .sort((a, b) => a.change - b.change)
    .slice(0, top);
}
