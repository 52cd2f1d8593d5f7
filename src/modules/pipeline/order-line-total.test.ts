import { describe, expect, it } from 'vitest';
import { lineTotalCents } from './order-line-total.ts';

describe('order line totals', () => {
  it('multiplies quantity by price without discount', () => {
    expect(lineTotalCents(12_345n, '3', '0')).toBe(37_035n);
  });

  it('applies fractional quantities and discounts exactly, rounding half up once', () => {
    // 1.5 × 99.99 × (1 − 12.5%) = 131.236875 → 131.24
    expect(lineTotalCents(9_999n, '1.5', '12.5')).toBe(13_124n);
    // 0.001 × 0.05 = 0.00005 → 0.00
    expect(lineTotalCents(5n, '0.001', '0')).toBe(0n);
    // 1 × 0.01 × 50% = 0.005 → 0.01 (half up)
    expect(lineTotalCents(1n, '1', '50')).toBe(1n);
  });

  it('gives zero at a full discount and keeps huge amounts exact', () => {
    expect(lineTotalCents(1_000n, '7', '100')).toBe(0n);
    expect(lineTotalCents(1_234_567_890_123n, '99999999999.999', '0')).toBe(123_456_789_012_298_765_432_110n);
  });
});
