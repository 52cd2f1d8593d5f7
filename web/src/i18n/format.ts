// Money (¥, from decimal strings), percentages, numbers and dates formatted for the locale and the tenant's time zone.
import { useMemo } from 'react';
import { useI18n } from './I18nProvider.tsx';
import { useSession } from '../app/session.tsx';

/** "1234.50" → 123450n; money never passes through a float before display */
export function toCents(amount: string | null | undefined): bigint {
  if (!amount) return 0n;
  const negative = amount.startsWith('-');
  const [whole, frac = ''] = amount.replace('-', '').split('.');
  const cents = BigInt(whole || '0') * 100n + BigInt((frac + '00').slice(0, 2));
  return negative ? -cents : cents;
}

export interface Formatters {
  money(amount: string | bigint | null | undefined, currency?: string): string;
  /** short money for column headers: ¥1.2万 / ¥12K */
  compactMoney(cents: bigint, currency?: string): string;
  number(n: number): string;
  date(iso: string | null | undefined): string;
  dateTime(iso: string | null | undefined): string;
}

export function useFormat(): Formatters {
  const { locale } = useI18n();
  const session = useSession();
  const timeZone = session.me?.tenant.timeZone;
  const defaultCurrency = session.me?.tenant.currency ?? 'CNY';
  return useMemo(() => {
    // Intl formatters are costly to build (a board shows hundreds of amounts): one per currency and style
    const moneyFormats = new Map<string, Intl.NumberFormat>();
    const moneyFormat = (currency: string, compact = false) => {
      const key = `${currency}:${compact}`;
      let f = moneyFormats.get(key);
      if (!f) {
        f = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol', ...(compact ? { notation: 'compact', maximumFractionDigits: 1 } : {}) });
        moneyFormats.set(key, f);
      }
      return f;
    };
    const dateFormat = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    const calendarDateFormat = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' });
    const numberFormat = new Intl.NumberFormat(locale);
    const centsToNumber = (cents: bigint) => Number(cents) / 100;
    return {
      money: (amount, currency = defaultCurrency) => {
        if (amount === null || amount === undefined || amount === '') return '—';
        const cents = typeof amount === 'bigint' ? amount : toCents(amount);
        return moneyFormat(currency).format(centsToNumber(cents));
      },
      compactMoney: (cents, currency = defaultCurrency) => moneyFormat(currency, true).format(centsToNumber(cents)),
      number: (n) => numberFormat.format(n),
      // a calendar date ('YYYY-MM-DD') is not an instant: format it without shifting time zones
      date: (iso) => (iso ? (iso.length === 10 ? calendarDateFormat.format(new Date(`${iso}T00:00:00Z`)) : dateFormat.format(new Date(iso))) : '—'),
      dateTime: (iso) => (iso ? dateTimeFormat.format(new Date(iso)) : '—'),
    };
  }, [locale, timeZone, defaultCurrency]);
}

/**
 * a fraction as a percentage rounded to `digits` decimals: 0.605 → "61%", (0.605, { digits: 1 }) → "60.5%";
 * `fixed` keeps trailing zeros ("6.0%"); missing → "—", never "0%"
 */
export function formatPercent(fraction: number | null | undefined, { digits = 0, fixed = false }: { digits?: number; fixed?: boolean } = {}): string {
  if (fraction === null || fraction === undefined) return '—';
  const scale = 10 ** digits;
  const rounded = Math.round(fraction * 100 * scale) / scale;
  return `${fixed ? rounded.toFixed(digits) : rounded}%`;
}

/** the calendar date ('YYYY-MM-DD') of an instant in the tenant's time zone, e.g. which day's 18:00 digest is "today" */
export function tenantDate(timeZone: string | undefined, at: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}
