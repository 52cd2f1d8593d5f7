// 外勤规则: the thresholds of the fake-visit rules for this tenant.
import { Button, Form, InputNumber, Typography } from 'antd';
import type { VisitSettings } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { useSettingsForm } from './useSettingsForm.ts';

const fields: { name: keyof VisitSettings; min: number; max: number; step?: number }[] = [
  { name: 'farFromAccountM', min: 50, max: 100_000 },
  { name: 'longStayHours', min: 0.5, max: 24, step: 0.5 },
  { name: 'longStayDays', min: 2, max: 31 },
  { name: 'samePlaceM', min: 10, max: 10_000 },
  { name: 'maxSpeedKmh', min: 10, max: 2000 },
  { name: 'repeatedCoordinateVisits', min: 2, max: 1000 },
  { name: 'constantAccuracyCheckins', min: 3, max: 1000 },
  { name: 'teleportKm', min: 0.5, max: 1000, step: 0.5 },
];
const same = (s: VisitSettings) => s;

export function VisitSettingsTab() {
  const { t } = useI18n();
  const { form, query, save, errors } = useSettingsForm<VisitSettings>('/api/visits/settings', same, same);
  return (
    <QueryView query={query} rows={6}>
      {() => (
        <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => save.mutate(v)} data-testid="visit-settings">
          <Typography.Paragraph type="secondary">{t('visitSettings.help')}</Typography.Paragraph>
          {errors.alert}
          {fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={t(`visitSettings.${f.name}`)} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={f.min} max={f.max} step={f.step ?? 1} style={{ width: 200 }} />
            </Form.Item>
          ))}
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('action.save')}</Button>
        </Form>
      )}
    </QueryView>
  );
}
