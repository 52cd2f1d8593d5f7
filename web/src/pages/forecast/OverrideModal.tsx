// A manager overrides a rep's or sub-team's commit / best-case number (or clears it), the original staying visible beside
// it, and sets the level's quota for the period.
import { App, Button, Divider, Form, Input, InputNumber, Modal, Radio, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { ForecastNode } from '../../api/forecast-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useErrorToast } from '../../components/useErrorToast.ts';

export function OverrideModal({ period, node, onClose }: { period: string; node: ForecastNode | null; onClose: () => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const queryClient = useQueryClient();
  const [category, setCategory] = useState<'commit' | 'best_case'>('commit');
  const [amount, setAmount] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const save = useMutation({
    mutationFn: (value: string | null) => api.post('/api/forecast/overrides', { period, subjectKind: node?.kind, subjectId: node?.id, category, amount: value, note: note || null }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['/api/forecast'] });
      message.success(t('forecast.overrideSaved'));
      onClose();
    },
    onError: showError,
  });
  const [quota, setQuota] = useState<string | null>(null);
  const saveQuota = useMutation({
    mutationFn: (value: string) => api.post('/api/forecast/quotas', { period, subjectKind: node?.kind, ...(node?.kind === 'company' ? {} : { subjectId: node?.id }), amount: value }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['/api/forecast'] });
      message.success(t('forecast.quotaSaved'));
      setQuota(null);
    },
    onError: showError,
  });
  if (!node) return null;
  const quotaForm = (
    <Form.Item label={t('forecast.quotaFor', { period })} extra={node.quota === null ? t('forecast.noQuota') : t('forecast.currentQuota', { amount: format.money(node.quota) })}>
      <Space.Compact style={{ width: '100%' }}>
        <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} prefix="¥" value={quota} onChange={(v) => setQuota(v)} data-testid="quota-input" />
        <Button disabled={!quota} loading={saveQuota.isPending} onClick={() => quota && saveQuota.mutate(quota)}>{t('forecast.saveQuota')}</Button>
      </Space.Compact>
    </Form.Item>
  );
  if (node.kind === 'company') {
    return (
      <Modal open title={t('forecast.quotaTitle', { who: t('forecast.company') })} onCancel={onClose} footer={null}>
        <Form layout="vertical">{quotaForm}</Form>
      </Modal>
    );
  }
  const existing = node.overrides[category];
  return (
    <Modal open title={t('forecast.overrideTitle', { who: node.name })} onCancel={onClose} okText={t('forecast.saveOverride')} onOk={() => amount && save.mutate(amount)} okButtonProps={{ disabled: !amount, loading: save.isPending }} cancelText={t('action.cancel')} footer={(orig) => (<>{existing && <a style={{ marginRight: 'auto', float: 'left' }} onClick={() => save.mutate(null)}>{t('forecast.clearOverride')}</a>}{orig}</>)}>
      <Form layout="vertical">
        <Form.Item label={t('opportunity.forecastCategory')}>
          <Radio.Group value={category} onChange={(e) => setCategory(e.target.value as 'commit' | 'best_case')} options={[{ value: 'commit', label: t('forecastCategory.commit') }, { value: 'best_case', label: t('forecastCategory.best_case') }]} />
        </Form.Item>
        <Typography.Paragraph type="secondary">{t('forecast.computedIs', { amount: format.money(node.computed[category]) })}</Typography.Paragraph>
        <Form.Item label={t('forecast.overrideAmount')}>
          <InputNumber<string> stringMode min="0" precision={2} style={{ width: '100%' }} prefix="¥" value={amount} onChange={(v) => setAmount(v)} />
        </Form.Item>
        <Form.Item label={t('forecast.overrideNote')}>
          <Input.TextArea maxLength={500} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
        </Form.Item>
        <Divider />
        {quotaForm}
      </Form>
    </Modal>
  );
}
