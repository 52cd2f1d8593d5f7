// Money crosses the API as a decimal string ("1234.50") and lives in the database as
// integer minor units (分) in a bigint; no float ever holds an amount.
import { AppError } from './http/errors.ts';

const MONEY_RE = /^-?\d{1,16}(\.\d{1,2})?$/;

export function toCents(amount: string | number, field = 'amount'): bigint {
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  if (typeof amount === 'number' && !Number.isFinite(amount)) throw badMoney(field, text);
  if (!MONEY_RE.test(text)) throw badMoney(field, text);
  const negative = text.startsWith('-');
  const [whole, frac = ''] = text.replace('-', '').split('.');
  const cents = BigInt(whole) * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -cents : cents;
}

export function fromCents(cents: string | bigint | null | undefined): string | null {
  if (cents === null || cents === undefined) return null;
  const v = BigInt(cents);
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const text = `${abs / 100n}.${(abs % 100n).toString().padStart(2, '0')}`;
  return negative ? `-${text}` : text;
}

function badMoney(field: string, text: string) {
  return new AppError('validation_failed', `${field} must be an amount like 1234.50 (at most two decimals), got "${text}".`, {
    issues: [{ path: field, message: 'not a money amount' }],
  });
}

/** An optional API amount as an int8 column value: undefined (not given) and null pass through. */
export function centsColumn(amount: string | number | null | undefined, field: string): string | null | undefined {
  if (amount === undefined || amount === null) return amount;
  return toCents(amount, field).toString();
}
