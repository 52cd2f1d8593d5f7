// Forecast accuracy, pure: 1 − |forecast − actual| / actual, 4 places. When the actual is 0 the
// ratio has no meaning (any forecast would be "infinitely" wrong or exactly right), so it is
// null — undefined, not a number — and so is a missing forecast. It can be negative when the
// forecast missed by more than the actual.
export function forecastAccuracy(forecastCents: bigint | null, actualCents: bigint): number | null {
  if (forecastCents === null || actualCents === 0n) return null;
  const diff = forecastCents > actualCents ? forecastCents - actualCents : actualCents - forecastCents;
  return Math.round((1 - Number(diff) / Number(actualCents)) * 10_000) / 10_000;
}
