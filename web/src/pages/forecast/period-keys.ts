// Forecast period keys ('2026-11', '2026-Q4') in the tenant's time zone, and stepping between them.
export type PeriodKind = 'month' | 'quarter';

export function currentPeriod(kind: PeriodKind, timeZone: string | undefined, now = new Date()): string {
  const [y, m] = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' }).format(now).split('-').map(Number);
  return kind === 'month' ? `${y}-${String(m).padStart(2, '0')}` : `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

export function stepPeriod(key: string, by: number): string {
  const q = /^(\d{4})-Q([1-4])$/.exec(key);
  if (q) {
    const n = Number(q[1]) * 4 + Number(q[2]) - 1 + by;
    return `${Math.floor(n / 4)}-Q${(n % 4) + 1}`;
  }
  const [y, m] = key.split('-').map(Number);
  const n = y * 12 + m - 1 + by;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}
