// A from–to date range picker that hands back tenant-calendar dates ('YYYY-MM-DD'), or nothing when cleared.
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { useI18n } from '../i18n/I18nProvider.tsx';

export interface Period {
  from?: string;
  to?: string;
}

export function PeriodPicker({ value, onChange }: { value: Period; onChange: (period: Period) => void }) {
  const { t } = useI18n();
  return (
    <DatePicker.RangePicker
      aria-label={t('visits.period')}
      value={value.from && value.to ? [dayjs(value.from), dayjs(value.to)] : null}
      onChange={(v) => onChange(v?.[0] && v[1] ? { from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') } : {})}
    />
  );
}
