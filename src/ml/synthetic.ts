// Generated yes/no datasets with known structure, for tests and the benchmark.
import type { Dataset } from './dataset.ts';
import { seededRandom } from './random.ts';

/** `features` numeric columns; the outcome depends on a few of them, an interaction and noise. */
export function syntheticDeals(rows: number, features: number, seed: number): { data: Dataset; labels: Uint8Array } {
  const random = seededRandom(seed);
  const columns = Array.from({ length: features }, (_, f) => ({ name: `x${f}`, kind: 'numeric' as const, values: new Float64Array(rows) }));
  const labels = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    for (const c of columns) c.values[r] = random() * 2 - 1;
    const v = (f: number) => columns[f % features].values[r];
    const logit = 2 * v(0) - 1.5 * v(1) + 3 * v(2) * v(3) + (v(4) > 0.5 ? 1 : 0) + (random() - 0.5) * 2;
    labels[r] = logit > 0 ? 1 : 0;
  }
  return { data: { rows, columns }, labels };
}
