// 管理 › 商机预警: the warning thresholds and the competitor list for this tenant.
import { Button, Form, Input, InputNumber, Select, Space, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { useSettingsForm } from '../admin/useSettingsForm.ts';
import type { WarningSettings } from './warning-types.ts';

type NumberField = Exclude<keyof WarningSettings, 'competitors'>;
const fields: { name: NumberField; min: number; max: number }[] = [
  { name: 'noActivityDays', min: 1, max: 730 },
  { name: 'decisionMakerSilentDays', min: 1, max: 730 },
  { name: 'stallPercentile', min: 50, max: 99 },
  { name: 'stallMinWonDeals', min: 3, max: 1000 },
  { name: 'stallFallbackDays', min: 1, max: 730 },
  { name: 'closePushMinCount', min: 2, max: 20 },
  { name: 'closePushLookbackDays', min: 1, max: 730 },
  { name: 'amountCutMinPct', min: 1, max: 100 },
  { name: 'amountCutLookbackDays', min: 1, max: 730 },
  { name: 'competitorLookbackDays', min: 1, max: 730 },
];
const toForm = ({ customised: _, ...s }: WarningSettings & { customised?: boolean }) => s;
const same = (s: WarningSettings) => s;

export default function WarningSettingsTab() {
  const { t } = useI18n();
  const { form, query, save, errors } = useSettingsForm<WarningSettings>('/api/deal-warnings/settings', toForm, same);
  return (
    <QueryView query={query} rows={6}>
      {() => (
        <Form form={form} layout="vertical" style={{ maxWidth: 640 }} onFinish={(v) => save.mutate(v)} data-testid="warning-settings">
          <Typography.Paragraph type="secondary">{t('warningSettings.help')}</Typography.Paragraph>
          {errors.alert}
          {fields.map((f) => (
            <Form.Item key={f.name} name={f.name} label={t(`warningSettings.${f.name}` as MessageKey)} rules={[{ required: true, message: t('validation.required') }]}>
              <InputNumber min={f.min} max={f.max} style={{ width: 200 }} />
            </Form.Item>
          ))}
          <Form.Item label={t('warningSettings.competitors')} extra={t('warningSettings.competitorsHint')}>
            <Form.List name="competitors">
              {(rows, { add, remove }) => (
                <Space direction="vertical" style={{ width: '100%' }}>
                  {rows.map((row) => (
                    <Space key={row.key} align="start" wrap>
                      <Form.Item name={[row.name, 'name']} rules={[{ required: true, message: t('validation.required') }]} style={{ marginBottom: 0 }}>
                        <Input placeholder={t('warningSettings.competitorName')} maxLength={40} style={{ width: 160 }} />
                      </Form.Item>
                      <Form.Item name={[row.name, 'aliases']} style={{ marginBottom: 0 }}>
                        <Select mode="tags" placeholder={t('warningSettings.aliases')} style={{ width: 280 }} open={false} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(row.name)} aria-label={t('action.delete')} />
                    </Space>
                  ))}
                  <Button icon={<PlusOutlined />} onClick={() => add({ name: '', aliases: [] })}>{t('warningSettings.addCompetitor')}</Button>
                </Space>
              )}
            </Form.List>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('action.save')}</Button>
        </Form>
      )}
    </QueryView>
  );
}
