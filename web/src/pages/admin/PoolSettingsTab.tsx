// 公海规则: when idle accounts return to the pool (overall and per size), the claim limit, protection and re-claim cooldown.
import { Button, Form, InputNumber, Typography } from 'antd';
import { accountSizes } from '../../api/types.ts';
import type { PoolSettings } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { useSettingsForm } from './useSettingsForm.ts';

/** empty inputs mean "off" (no recycling, no limit) and are sent as null, never as 0 */
const toBody = (v: PoolSettings): PoolSettings => ({
  recycleAfterDays: v.recycleAfterDays ?? null,
  recycleAfterDaysBySize: Object.fromEntries(Object.entries(v.recycleAfterDaysBySize ?? {}).filter(([, days]) => typeof days === 'number')),
  claimLimit: v.claimLimit ?? null,
  protectionDays: v.protectionDays,
  reclaimCooldownDays: v.reclaimCooldownDays,
});
const toForm = (s: PoolSettings) => s;

export function PoolSettingsTab() {
  const { t } = useI18n();
  const { form, query, save, errors } = useSettingsForm<PoolSettings>('/api/customer-pool/settings', toForm, toBody);
  const days = <InputNumber min={1} max={3650} style={{ width: 200 }} suffix={t('poolSettings.days')} />;
  return (
    <QueryView query={query} rows={6}>
      {() => (
        <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => save.mutate(v)} data-testid="pool-settings">
          <Typography.Paragraph type="secondary">{t('poolSettings.help')}</Typography.Paragraph>
          {errors.alert}
          <Form.Item name="recycleAfterDays" label={t('poolSettings.recycleAfterDays')} extra={t('poolSettings.emptyOff')}>{days}</Form.Item>
          {accountSizes.map((size) => (
            <Form.Item key={size} name={['recycleAfterDaysBySize', size]} label={t('poolSettings.recycleForSize', { size: t(`accountSize.${size}`) })}>{days}</Form.Item>
          ))}
          <Form.Item name="claimLimit" label={t('poolSettings.claimLimit')} extra={t('poolSettings.noLimit')}>
            <InputNumber min={0} max={100_000} style={{ width: 200 }} />
          </Form.Item>
          <Form.Item name="protectionDays" label={t('poolSettings.protectionDays')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={0} max={3650} style={{ width: 200 }} suffix={t('poolSettings.days')} />
          </Form.Item>
          <Form.Item name="reclaimCooldownDays" label={t('poolSettings.reclaimCooldownDays')} rules={[{ required: true, message: t('validation.required') }]}>
            <InputNumber min={0} max={3650} style={{ width: 200 }} suffix={t('poolSettings.days')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('action.save')}</Button>
        </Form>
      )}
    </QueryView>
  );
}
