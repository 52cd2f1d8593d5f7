// Platt scaling: maps raw scores to probabilities with p = sigmoid(a·score + b), fitted on rows
// the trees never trained on, so the probabilities say what they mean.
export interface PlattScaling {
  a: number;
  b: number;
}

export const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Newton's method on the log-loss of (a, b), with Platt's smoothed targets against overconfidence. */
export function fitPlatt(scores: Float64Array, labels: Uint8Array): PlattScaling {
  let positives = 0;
  for (const y of labels) positives += y;
  const negatives = labels.length - positives;
  const hiTarget = (positives + 1) / (positives + 2);
  const loTarget = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  for (let iter = 0; iter < 100; iter++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-9;
    let hab = 0;
    let hbb = 1e-9;
    for (let i = 0; i < scores.length; i++) {
      const p = sigmoid(a * scores[i] + b);
      const d = p - (labels[i] ? hiTarget : loTarget);
      const w = Math.max(p * (1 - p), 1e-12);
      ga += d * scores[i];
      gb += d;
      haa += w * scores[i] * scores[i];
      hab += w * scores[i];
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (det <= 0) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (Math.abs(da) + Math.abs(db) < 1e-10) break;
  }
  return { a, b };
}

export function applyPlatt(calibration: PlattScaling | null, raw: number): number {
  return calibration ? sigmoid(calibration.a * raw + calibration.b) : sigmoid(raw);
}
