// Quality measures of predicted probabilities against 0/1 outcomes: AUC, log-loss and Brier score.

/** Area under the ROC curve by ranks (Mann-Whitney), ties counted half; NaN when one class is absent. */
export function auc(labels: Uint8Array, scores: ArrayLike<number>): number {
  const n = labels.length;
  const order = Uint32Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]] === scores[order[i]]) j++;
    const averageRank = (i + j) / 2 + 1;
    for (let r = i; r <= j; r++) {
      if (labels[order[r]]) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

const EPSILON = 1e-15;

export function logLoss(labels: Uint8Array, probabilities: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) {
    const p = Math.min(1 - EPSILON, Math.max(EPSILON, probabilities[i]));
    total -= labels[i] ? Math.log(p) : Math.log(1 - p);
  }
  return total / labels.length;
}

export function brier(labels: Uint8Array, probabilities: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < labels.length; i++) total += (probabilities[i] - labels[i]) ** 2;
  return total / labels.length;
}
