// Turns feature columns into small bin numbers (≤255 value bins plus one bin of its own for
// missing), so trees split on histograms instead of sorting raw values.
import type { Dataset, FeatureColumn } from './dataset.ts';

export const MAX_VALUE_BINS = 255;
/** values looked at when choosing numeric quantiles */
const QUANTILE_SAMPLE = 200_000;

export type FeatureBinner =
  | { name: string; kind: 'numeric'; /** value ≤ upperBounds[b] lands in bin b; above all → last value bin */ upperBounds: Float64Array; missingBin: number }
  | { name: string; kind: 'categorical'; categories: string[]; binOf: Map<string, number>; missingBin: number };

export interface BinnedData {
  rows: number;
  /** one column of bin numbers per feature */
  bins: Uint8Array[];
}

function numericBinner(name: string, values: Float64Array): FeatureBinner {
  const present: number[] = [];
  const step = Math.max(1, Math.floor(values.length / QUANTILE_SAMPLE));
  for (let i = 0; i < values.length; i += step) if (!Number.isNaN(values[i])) present.push(values[i]);
  const sorted = Float64Array.from(present).sort();
  const distinct: number[] = [];
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) distinct.push(sorted[i]);
  const bounds: number[] = [];
  if (distinct.length <= MAX_VALUE_BINS) {
    for (let i = 0; i + 1 < distinct.length; i++) bounds.push((distinct[i] + distinct[i + 1]) / 2);
  } else {
    for (let q = 1; q < MAX_VALUE_BINS; q++) {
      const v = sorted[Math.floor((q * sorted.length) / MAX_VALUE_BINS)];
      if (bounds.length === 0 || v > bounds[bounds.length - 1]) bounds.push(v);
    }
    if (bounds.length > 0 && bounds[bounds.length - 1] >= distinct[distinct.length - 1]) bounds.pop();
  }
  return { name, kind: 'numeric', upperBounds: Float64Array.from(bounds), missingBin: bounds.length + 1 };
}

/** The most frequent categories get a bin each; rarer ones beyond 255 share the missing bin. */
function categoricalBinner(name: string, values: (string | null)[]): FeatureBinner {
  const counts = new Map<string, number>();
  for (const v of values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
  const categories = [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_VALUE_BINS)
    .map(([c]) => c);
  return { name, kind: 'categorical', categories, binOf: new Map(categories.map((c, i) => [c, i])), missingBin: categories.length };
}

export function fitBinners(data: Dataset): FeatureBinner[] {
  return data.columns.map((col) => (col.kind === 'numeric' ? numericBinner(col.name, col.values) : categoricalBinner(col.name, col.values)));
}

function numericBin(bounds: Float64Array, v: number): number {
  let lo = 0;
  let hi = bounds.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= bounds[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function binColumn(binner: FeatureBinner, col: FeatureColumn, rows: number): Uint8Array {
  const out = new Uint8Array(rows);
  if (binner.kind === 'numeric' && col.kind === 'numeric') {
    for (let i = 0; i < rows; i++) {
      const v = col.values[i];
      out[i] = Number.isNaN(v) ? binner.missingBin : numericBin(binner.upperBounds, v);
    }
  } else if (binner.kind === 'categorical' && col.kind === 'categorical') {
    // a category never seen in training is treated as missing, not as any known category
    for (let i = 0; i < rows; i++) {
      const v = col.values[i];
      out[i] = v === null ? binner.missingBin : (binner.binOf.get(v) ?? binner.missingBin);
    }
  } else {
    throw new TypeError(`feature ${binner.name} was ${binner.kind} in training but is ${col.kind} here`);
  }
  return out;
}

export function applyBinners(binners: FeatureBinner[], data: Dataset): BinnedData {
  if (data.columns.length !== binners.length) throw new TypeError(`expected ${binners.length} features, got ${data.columns.length}`);
  return {
    rows: data.rows,
    bins: binners.map((b, f) => {
      if (data.columns[f].name !== b.name) throw new TypeError(`feature ${f} should be ${b.name}, got ${data.columns[f].name}`);
      return binColumn(b, data.columns[f], data.rows);
    }),
  };
}
