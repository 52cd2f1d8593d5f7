// 预测可信度规则: the credibility weight of each evidence stage and the decay curve for commits past their close date.
import { Button, Form, InputNumber, Space, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { evidenceStageKeys, type EvidenceSettings } from '../../api/evidence-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { useSettingsForm } from './useSettingsForm.ts';
import { useEvidenceText } from '../opportunities/evidence/evidence-text.ts';

/** the form holds percentages (60), the API fractions (0.6) */
type FormValues = { stageWeights: Record<string, number>; decayCurve: Array<{ daysPast: number; factor: number }> };
const toForm = (s: EvidenceSettings): FormValues => ({
  stageWeights: Object.fromEntries(Object.entries(s.stageWeights).map(([k, v]) => [k, Math.round(v * 1000) / 10])),
  decayCurve: s.decayCurve.map((step) => ({ daysPast: step.daysPast, factor: Math.round(step.factor * 1000) / 10 })),
});
const toBody = (v: FormValues): EvidenceSettings => ({
  stageWeights: Object.fromEntries(evidenceStageKeys.map((k) => [k, (v.stageWeights[k] ?? 0) / 100])) as EvidenceSettings['stageWeights'],
  decayCurve: (v.decayCurve ?? []).map((s) => ({ daysPast: s.daysPast, factor: s.factor / 100 })),
});

export function EvidenceSettingsTab() {
  const { t } = useI18n();
  const text = useEvidenceText();
  const { form, query, save, errors } = useSettingsForm<EvidenceSettings, FormValues>('/api/deal-evidence/settings', toForm, toBody);
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <QueryView query={query} rows={6}>
      {() => (
        <Form form={form} layout="vertical" style={{ maxWidth: 560 }} onFinish={(v) => save.mutate(v)} data-testid="evidence-settings">
          <Typography.Paragraph type="secondary">{t('evidence.settings.help')}</Typography.Paragraph>
          {errors.alert}
          {evidenceStageKeys.map((k) => (
            <Form.Item key={k} name={['stageWeights', k]} label={t('evidence.settings.weightOf', { stage: text.stage(k) })} rules={required}>
              <InputNumber min={0.1} max={100} step={5} suffix="%" style={{ width: 200 }} />
            </Form.Item>
          ))}
          <Typography.Title level={5}>{t('evidence.settings.curve')}</Typography.Title>
          <Typography.Paragraph type="secondary">{t('evidence.settings.curveHelp')}</Typography.Paragraph>
          <Form.List name="decayCurve">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item name={[field.name, 'daysPast']} rules={required}>
                      <InputNumber min={1} max={3650} prefix={t('evidence.settings.after')} suffix={t('poolSettings.days')} style={{ width: 170 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'factor']} rules={required}>
                      <InputNumber min={0.1} max={100} prefix={t('evidence.settings.factor')} suffix="%" style={{ width: 170 }} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(field.name)} aria-label={t('evidence.remove')} />}
                  </Space>
                ))}
                <Form.Item>
                  <Button type="dashed" onClick={() => add({ daysPast: 14, factor: 30 })} icon={<PlusOutlined />}>{t('evidence.settings.addStep')}</Button>
                </Form.Item>
              </>
            )}
          </Form.List>
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('action.save')}</Button>
        </Form>
      )}
    </QueryView>
  );
}
