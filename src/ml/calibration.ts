// Platt scaling: maps raw scores to probabilities with p = sigmoid(a·score + b), fitted on rows
// the trees never trained on, so the probabilities say what they mean.
export interface PlattScaling {
  a: number;
  b: number;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** −log sigmoid(z), without overflow for large |z| */
const softplusNeg = (z: number) => (z > 0 ? Math.log1p(Math.exp(-z)) : -z + Math.log1p(Math.exp(z)));

/** cross-entropy of sigmoid(a·s + b) against the smoothed targets */
function objective(scores: Float64Array, targets: Float64Array, a: number, b: number): number {
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    const z = a * scores[i] + b;
    sum += targets[i] * softplusNeg(z) + (1 - targets[i]) * softplusNeg(-z);
  }
  return sum;
}

/**
 * Newton's method on the log-loss of (a, b), with Platt's smoothed targets against overconfidence
 * and a backtracking line search, so well-separated scores cannot make the steps run away
 * (after Lin, Lin and Weng's note on Platt's probabilistic outputs).
 */
export function fitPlatt(scores: Float64Array, labels: Uint8Array): PlattScaling {
  let positives = 0;
  for (const y of labels) positives += y;
  const negatives = labels.length - positives;
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  const targets = Float64Array.from(labels, (y) => (y ? hiTarget : loTarget));
  let a = 1;
  let b = 0;
  let loss = objective(scores, targets, a, b);
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < scores.length; i++) {
      const p = sigmoid(a * scores[i] + b);
      const d = p - targets[i];
      const w = Math.max(p * (1 - p), 1e-12);
      ga += d * scores[i];
      gb += d;
      haa += w * scores[i] * scores[i];
      hab += w * scores[i];
      hbb += w;
    }
    if (Math.abs(ga) + Math.abs(gb) < 1e-9 * scores.length) break;
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = -(hbb * ga - hab * gb) / det;
    const db = -(haa * gb - hab * ga) / det;
    const slope = ga * da + gb * db;
    let step = 1;
    let moved = false;
    while (step >= 1e-10) {
      const next = objective(scores, targets, a + step * da, b + step * db);
      if (next <= loss + 1e-4 * step * slope) {
        a += step * da;
        b += step * db;
        loss = next;
        moved = true;
        break;
      }
      step /= 2;
    }
    if (!moved || Math.abs(step * da) + Math.abs(step * db) < 1e-10) break;
  }
  return { a, b };
}

export function applyPlatt(calibration: PlattScaling | null, raw: number): number {
  return calibration ? sigmoid(calibration.a * raw + calibration.b) : sigmoid(raw);
}
