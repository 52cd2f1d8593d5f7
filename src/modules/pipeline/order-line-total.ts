// Exact line totals for order lines: quantity × unit price × (1 − discount), in integer
// minor units, rounded half-up once at the end; no float touches the amount.
const scaled = (decimal: string, places: number): bigint => {
  const [whole, frac = ''] = decimal.split('.');
  return BigInt(whole) * 10n ** BigInt(places) + BigInt((frac + '0'.repeat(places)).slice(0, places) || '0');
};

/** quantity up to 3 decimals, discount percent up to 2 decimals, both as decimal strings */
export function lineTotalCents(unitPriceCents: bigint, quantity: string, discountPct: string): bigint {
  const numerator = unitPriceCents * scaled(quantity, 3) * (10_000n - scaled(discountPct, 2));
  const denominator = 1_000n * 10_000n;
  return (numerator * 2n + denominator) / (denominator * 2n);
}
