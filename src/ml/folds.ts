// Stratified shuffled k-fold and holdout splits: each part keeps the class balance of the whole.
import { seededRandom, shuffleInPlace, type Random } from './random.ts';

export interface Fold {
  train: Uint32Array;
  test: Uint32Array;
}

/** Deals the shuffled positives, then the shuffled negatives, round-robin into k parts. */
function stratifiedAssignment(labels: Uint8Array, k: number, random: Random): Uint8Array {
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let i = 0; i < labels.length; i++) (labels[i] ? positives : negatives).push(i);
  const part = new Uint8Array(labels.length);
  let next = 0;
  for (const group of [positives, negatives]) {
    for (const row of shuffleInPlace(Uint32Array.from(group), random)) {
      part[row] = next;
      next = (next + 1) % k;
    }
  }
  return part;
}

function rowsWhere(part: Uint8Array, keep: (p: number) => boolean): Uint32Array {
  const rows: number[] = [];
  for (let i = 0; i < part.length; i++) if (keep(part[i])) rows.push(i);
  return Uint32Array.from(rows);
}

export function stratifiedKFold(labels: Uint8Array, k: number, seed: number): Fold[] {
  if (!Number.isInteger(k) || k < 2 || k > 100) throw new RangeError(`folds must be a whole number from 2 to 100, got ${k}`);
  const part = stratifiedAssignment(labels, k, seededRandom(seed));
  return Array.from({ length: k }, (_, f) => ({ train: rowsWhere(part, (p) => p !== f), test: rowsWhere(part, (p) => p === f) }));
}

/** One stratified holdout of about `fraction` of the rows. */
export function stratifiedHoldout(labels: Uint8Array, fraction: number, random: Random): Fold {
  const k = Math.max(2, Math.round(1 / fraction));
  const part = stratifiedAssignment(labels, k, random);
  return { train: rowsWhere(part, (p) => p !== 0), test: rowsWhere(part, (p) => p === 0) };
}
