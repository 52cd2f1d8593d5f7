// The periods a viewer can pick: the tenant's current month or quarter and the ones before it.
import { tenantDate } from '../../i18n/format.ts';
import type { Translate } from '../../i18n/I18nProvider.tsx';

export type PeriodKind = 'month' | 'quarter';

export function recentPeriods(kind: PeriodKind, timeZone: string | undefined, t: Translate, count = kind === 'month' ? 12 : 8): { value: string; label: string }[] {
  const [year, month] = tenantDate(timeZone).split('-').map(Number);
  const out: { value: string; label: string }[] = [];
  if (kind === 'month') {
    for (let i = 0; i < count; i++) {
      const index = year * 12 + (month - 1) - i;
      const y = Math.floor(index / 12);
      const m = (index % 12) + 1;
      out.push({ value: `${y}-${String(m).padStart(2, '0')}`, label: t('pipelineChanges.monthLabel', { year: y, month: m }) });
    }
    return out;
  }
  for (let i = 0; i < count; i++) {
    const index = year * 4 + Math.floor((month - 1) / 3) - i;
    const y = Math.floor(index / 4);
    const q = (index % 4) + 1;
    out.push({ value: `${y}-Q${q}`, label: t('pipelineChanges.quarterLabel', { year: y, q }) });
  }
  return out;
}
