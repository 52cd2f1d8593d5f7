// A flag's evidence as the manager reads it: each measured value with its label; GPS fixes as place, accuracy and time.
import { Descriptions } from 'antd';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';

const labelled = new Set(['distanceM', 'thresholdM', 'distanceKm', 'thresholdKm', 'minutes', 'speedKmh', 'thresholdKmh', 'accuracyM', 'fixes', 'threshold', 'visits', 'days', 'thresholdHours', 'thresholdDays', 'samePlaceM', 'touchesLogged', 'checkin', 'checkout', 'account', 'from', 'to', 'lat', 'lng']);
/** ids and the server's English aside are for machines and logs, not for the review */
const skipped = new Set(['why', 'visitIds', 'fromVisitId', 'toVisitId', 'sameInstant']);

interface FixLike {
  lat: number;
  lng: number;
  accuracyM?: number | null;
  at?: string;
}
const isFix = (v: unknown): v is FixLike => typeof v === 'object' && v !== null && 'lat' in v && 'lng' in v;

export function FlagEvidence({ evidence }: { evidence: Record<string, unknown> }) {
  const { t } = useI18n();
  const format = useFormat();
  const show = (value: unknown): string => {
    if (value === null || value === undefined) return t('visits.unknown');
    if (isFix(value) && !('at' in value)) return `${value.lat.toFixed(5)}, ${value.lng.toFixed(5)}`;
    if (isFix(value)) {
      const accuracy = value.accuracyM === null || value.accuracyM === undefined ? t('visits.unknown') : t('visits.meters', { n: value.accuracyM });
      return t('evidence.fix', { lat: value.lat.toFixed(5), lng: value.lng.toFixed(5), accuracy, at: value.at ? format.dateTime(value.at) : '—' });
    }
    if (Array.isArray(value)) return value.map((item: unknown) => (typeof item === 'object' && item !== null && 'date' in item ? `${String((item as { date: string }).date)} · ${t('evidence.hoursValue', { n: String((item as { hours?: number }).hours ?? '?') })}` : show(item))).join('；');
    if (typeof value === 'number') return format.number(value);
    if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}T/.test(value) ? format.dateTime(value) : value;
    return JSON.stringify(value);
  };
  const entries = Object.entries(evidence).filter(([key]) => !skipped.has(key));
  return (
    <Descriptions size="small" column={{ xs: 1, md: 2 }} data-testid="flag-evidence">
      {entries.map(([key, value]) => (
        <Descriptions.Item key={key} label={labelled.has(key) ? t(`evidence.${key}` as MessageKey) : key}>
          {show(value)}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
