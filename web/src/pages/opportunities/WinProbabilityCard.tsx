// 赢率预测 on the deal page: the calibrated probability, how confident the model is, the top
// factors raising and lowering it (in the user's language, with each factor's value), the score
// history as a sparkline (ECharts, loaded lazily), and the rep's annotation form (模型干预权).
import { lazy, Suspense, useCallback, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, List, Progress, Radio, Row, Select, Skeleton, Space, Tag, Tooltip, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import { stages } from '../../api/types.ts';
import { annotationCategories, annotationDirections, type AnnotationCategory, type AnnotationDirection, type WinFactor, type WinHistoryPoint, type WinProbability } from '../../api/win-model-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatPercent, useFormat } from '../../i18n/format.ts';
import { useLabels } from '../../components/labels.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';

const WinSparkline = lazy(() => import('./WinSparkline.tsx'));
const confidenceColor = { high: 'green', medium: 'gold', low: 'default' } as const;
const TRAINING_POLL_MS = 3000;

/** "近30天触达 12 次 ↑": the factor's label with its value, in the user's language */
function useFactorText() {
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  return (f: Pick<WinFactor, 'feature' | 'value'>): string => {
    const v = f.value;
    let value: string;
    if (v === null) value = t('winModel.unknown');
    else if (f.feature === 'stage_rank' && typeof v === 'number') value = labels.stage(stages[v - 1] ?? 'lead');
    else if (f.feature === 'size' && typeof v === 'string' && ['small', 'medium', 'large', 'enterprise'].includes(v)) value = t(`accountSize.${v as 'small' | 'medium' | 'large' | 'enterprise'}`);
    else if (f.feature === 'billing_model' && (v === 'annual' || v === 'monthly')) value = t(`billingModel.${v}`);
    // the mean mood of the month's touches (−1 消极 … 1 积极) read as the nearest mood
    else if (f.feature === 'mood_30d' && typeof v === 'number') value = t(`mood.${v >= 0.5 ? 'positive' : v > -0.25 ? 'neutral' : v > -0.75 ? 'hesitant' : 'negative'}`);
    else if (f.feature === 'decision_maker_identified') value = v ? t('winModel.yes') : t('winModel.no');
    else if (f.feature === 'annotation_category' && typeof v === 'string' && (annotationCategories as readonly string[]).includes(v)) value = t(`winModel.category.${v as AnnotationCategory}`);
    else if (f.feature === 'annotation_direction' && typeof v === 'string' && (annotationDirections as readonly string[]).includes(v)) value = t(`winModel.direction.${v as AnnotationDirection}`);
    else if (f.feature === 'amount_yuan' && typeof v === 'number') value = format.money(v.toFixed(2));
    else if (f.feature === 'owner_win_rate' && typeof v === 'number') value = formatPercent(v);
    else if (f.feature === 'touch_trend' && typeof v === 'number') value = v > 0 ? `+${v}` : String(v);
    else value = typeof v === 'number' ? format.number(f.feature.includes('days') ? Math.round(v) : v) : v;
    return t(`winModel.feature.${f.feature}`, { value });
  };
}

function Factors({ title, factors, up }: { title: string; factors: WinFactor[]; up: boolean }) {
  const { t } = useI18n();
  const text = useFactorText();
  return (
    <div>
      <Typography.Text strong>{title}</Typography.Text>
      <List
        size="small"
        dataSource={factors}
        locale={{ emptyText: t('winModel.noFactors') }}
        renderItem={(f) => (
          <List.Item data-testid={up ? 'win-factor-up' : 'win-factor-down'} style={{ paddingInline: 0 }}>
            <Space>
              {up ? <ArrowUpOutlined style={{ color: '#389e0d' }} /> : <ArrowDownOutlined style={{ color: '#cf1322' }} />}
              <span>{text(f)}</span>
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

function AnnotationForm({ dealId }: { dealId: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ category: AnnotationCategory; direction: AnnotationDirection; note?: string }>();
  const errors = useFormErrors(form);
  const category = Form.useWatch('category', form);
  const save = useMutation({
    mutationFn: (body: { category: AnnotationCategory; direction: AnnotationDirection; note?: string }) => api.post(`/api/opportunities/${dealId}/win-probability/annotations`, body),
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('winModel.annotated'));
      await queryClient.invalidateQueries({ queryKey: ['win-probability', dealId] });
    },
    onError: errors.show,
  });
  return (
    <Form form={form} layout="vertical" onFinish={(v) => {
      errors.clear();
      save.mutate(v);
    }} requiredMark={false} initialValues={{ direction: 'too_low' }}>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t('winModel.annotateHelp')}</Typography.Paragraph>
      {errors.alert}
      <Row gutter={12}>
        <Col xs={24} md={12}>
          <Form.Item name="category" label={t('winModel.category')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select options={annotationCategories.map((c) => ({ value: c, label: t(`winModel.category.${c}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item name="direction" label={t('winModel.direction')} rules={[{ required: true, message: t('validation.required') }]}>
            <Radio.Group optionType="button" options={annotationDirections.map((d) => ({ value: d, label: t(`winModel.direction.${d}`) }))} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="note" label={t('winModel.note')} rules={[{ max: 2000, message: t('validation.maxLength', { n: 2000 }) }, ...(category === 'other' ? [{ required: true, whitespace: true, message: t('winModel.noteRequired') }] : [])]}>
        <Input.TextArea rows={2} placeholder={t('winModel.notePlaceholder')} />
      </Form.Item>
      <Button htmlType="submit" loading={save.isPending}>{t('winModel.submit')}</Button>
    </Form>
  );
}

export function WinProbabilityCard({ dealId }: { dealId: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [rescoring, setRescoring] = useState(false);
  const formatTime = useCallback((iso: string) => format.dateTime(iso), [format]);
  const current = useQuery({
    queryKey: ['win-probability', dealId],
    queryFn: ({ signal }) => api.get<WinProbability>(`/api/opportunities/${dealId}/win-probability`, {}, signal),
    // while the first model trains, look again until the deal has its real score
    refetchInterval: (query) => (query.state.data?.training ? TRAINING_POLL_MS : false),
  });
  const history = useQuery({
    queryKey: ['win-probability', dealId, 'history'],
    enabled: !!current.data?.score,
    queryFn: ({ signal }) => api.get<Page<WinHistoryPoint>>(`/api/opportunities/${dealId}/win-probability/history`, { limit: 60 }, signal),
  });
  const rescore = async () => {
    setRescoring(true);
    try {
      queryClient.setQueryData(['win-probability', dealId], await api.post<WinProbability>(`/api/opportunities/${dealId}/win-probability/rescore`));
      await queryClient.invalidateQueries({ queryKey: ['win-probability', dealId, 'history'] });
    } finally {
      setRescoring(false);
    }
  };

  const title = <span data-testid="win-probability-title">{t('winModel.title')}</span>;
  if (current.isPending) return <Card title={title}><Skeleton active /></Card>;
  if (current.isError) return <Card title={title}><ErrorNotice error={current.error} onRetry={() => void current.refetch()} /></Card>;
  const { score, annotations, stage } = current.data;
  const closed = stage === 'won' || stage === 'lost';
  const extra = !closed && <Button size="small" icon={<ReloadOutlined />} loading={rescoring} onClick={() => void rescore()}>{t('winModel.rescore')}</Button>;
  if (!score) return <Card title={title} extra={extra}><Typography.Text type="secondary">{closed ? t('winModel.closed') : t('winModel.notScored')}</Typography.Text></Card>;

  const pct = Math.round(score.probability * 100);
  const c = score.confidence;
  const version = score.model.version ?? '?';
  const kindLabel = score.model.kind === 'prior' ? t('winModel.kind.prior') : score.model.kind === 'gbdt' ? t('winModel.kind.gbdt', { version }) : t('winModel.kind.baseline', { version });
  const confidenceHelp = c.basis === 'prior' ? t('winModel.priorConfidenceHelp') : t('winModel.confidenceHelp', { rows: c.trainingRows, auc: c.holdoutAuc === null ? '—' : c.holdoutAuc.toFixed(2) });
  const missing = c.missing.filter((m) => !m.startsWith('annotation_'));
  return (
    <Card title={title} extra={extra} data-testid="win-probability">
      <Row gutter={[24, 16]} align="middle">
        <Col xs={24} md={8} style={{ textAlign: 'center' }}>
          <Progress type="dashboard" percent={pct} format={() => <span data-testid="win-probability-value">{formatPercent(score.probability)}</span>} strokeColor={pct >= 60 ? '#389e0d' : pct >= 30 ? '#d48806' : '#cf1322'} />
          <div>
            <Typography.Text type="secondary">{t('winModel.probability')}</Typography.Text>
          </div>
          <Space wrap style={{ justifyContent: 'center', marginTop: 8 }}>
            <Tooltip title={`${confidenceHelp}${missing.length ? ` ${t('winModel.missingInputs', { list: missing.map((m) => t(`winModel.feature.${m as WinFactor['feature']}`, { value: '?' })).join(t('winModel.listSeparator')) })}` : ''}`}>
              <Tag color={confidenceColor[c.level]} data-testid="win-confidence">{t('winModel.confidenceTag', { level: t(`winModel.confidence.${c.level}`) })}</Tag>
            </Tooltip>
            <Tag>{kindLabel}</Tag>
          </Space>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('winModel.scoredAt', { time: format.dateTime(score.scoredAt) })}</Typography.Text>
          </div>
        </Col>
        <Col xs={24} md={8}>
          <Factors title={t('winModel.positive')} factors={score.topPositive} up />
        </Col>
        <Col xs={24} md={8}>
          <Factors title={t('winModel.negative')} factors={score.topNegative} up={false} />
        </Col>
      </Row>
      {current.data.training && <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="win-model-training" message={t('winModel.training')} />}
      {current.data.modelActive === false && <Alert type="info" showIcon style={{ marginTop: 12 }} message={t('winModel.inactiveModel')} />}
      {(history.data?.items.length ?? 0) > 1 && (
        <div style={{ marginTop: 12 }}>
          <Typography.Text strong>{t('winModel.history')}</Typography.Text>
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 80 }} />}>
            <WinSparkline points={[...(history.data?.items ?? [])].reverse()} formatTime={formatTime} />
          </Suspense>
        </div>
      )}
      {annotations.length > 0 && (
        <List
          style={{ marginTop: 12 }}
          size="small"
          header={<Typography.Text strong>{t('winModel.annotations')}</Typography.Text>}
          dataSource={annotations}
          renderItem={(a) => (
            <List.Item data-testid="win-annotation" style={{ paddingInline: 0 }}>
              <Space direction="vertical" size={0}>
                <Space wrap>
                  <Tag color="blue">{t(`winModel.category.${a.category}`)}</Tag>
                  <span>{[a.authorName, t('winModel.annotationDirection', { direction: t(`winModel.direction.${a.direction}`) })].filter(Boolean).join(' ')}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{format.dateTime(a.createdAt)}</Typography.Text>
                </Space>
                {a.note && <Typography.Text>{a.note}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {!closed && (
        <details style={{ marginTop: 12 }}>
          <summary style={{ cursor: 'pointer', color: '#1664d9' }} data-testid="win-annotate">{t('winModel.annotate')}</summary>
          <div style={{ marginTop: 8 }}>
            <AnnotationForm dealId={dealId} />
          </div>
        </details>
      )}
    </Card>
  );
}
