// 赢率模型 (admin): the active model version with its holdout metrics and calibration, every
// version, a retrain button that follows the run's progress, and the drop-alert threshold.
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Form, InputNumber, Progress, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { WinModelRun, WinModels, WinModelVersion } from '../../api/win-model-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatPercent, useFormat } from '../../i18n/format.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

const steps = ['loading', 'evaluating', 'training', 'saving', 'scoring', 'done'] as const;
const stepOf = (s: string | null) => (steps as readonly string[]).includes(s ?? '') ? (s as (typeof steps)[number]) : 'loading';

function RetrainButton({ latest }: { latest: WinModelRun | null }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [runId, setRunId] = useState<string | null>(latest && (latest.status === 'queued' || latest.status === 'running') ? latest.id : null);
  const start = useMutation({ mutationFn: () => api.post<WinModelRun>('/api/win-models/retrain'), onSuccess: (run) => setRunId(run.id) });
  const run = useQuery({
    queryKey: ['win-model-run', runId],
    enabled: runId !== null,
    queryFn: ({ signal }) => api.get<WinModelRun>(`/api/win-models/runs/${runId ?? ''}`, {}, signal),
    refetchInterval: (q) => (q.state.data && (q.state.data.status === 'succeeded' || q.state.data.status === 'failed') ? false : 1000),
  });
  const status = run.data ?? start.data ?? latest;
  useEffect(() => {
    if (run.data?.status === 'succeeded' || run.data?.status === 'failed') void queryClient.invalidateQueries({ queryKey: ['/api/win-models'] });
  }, [run.data?.status, queryClient]);
  const busy = start.isPending || status?.status === 'queued' || status?.status === 'running';
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Button type="primary" loading={busy} onClick={() => start.mutate()} data-testid="win-retrain">{t('winModel.admin.retrain')}</Button>
        <Typography.Text type="secondary">{t('winModel.admin.retrainHelp')}</Typography.Text>
      </Space>
      {start.isError && <ErrorNotice error={start.error} />}
      {status && busy && <Progress percent={Math.round(status.progress * 100)} status="active" format={() => t('winModel.admin.running', { step: t(`winModel.admin.step.${stepOf(status.step)}`) })} />}
      {status?.status === 'failed' && <Alert type="error" showIcon message={t('winModel.admin.failed', { error: status.error ?? '' })} />}
      {runId && status?.status === 'succeeded' && <Alert type="success" showIcon message={t('winModel.admin.succeeded', { n: status.scored ?? 0 })} data-testid="win-retrain-done" />}
    </Space>
  );
}

function ActiveModel({ model, minRows }: { model: WinModelVersion; minRows: number }) {
  const { t } = useI18n();
  const format = useFormat();
  const m = model.metrics;
  return (
    <Card size="small" title={t('winModel.admin.active')} data-testid="win-active-model">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('winModel.admin.version')}>v{model.version}</Descriptions.Item>
        <Descriptions.Item label={t('winModel.admin.kind')}>{model.kind === 'gbdt' ? t('winModel.admin.kindGbdt') : t('winModel.admin.kindBaseline')}</Descriptions.Item>
        <Descriptions.Item label={t('winModel.admin.rows')}>{t('winModel.admin.rowsValue', { rows: format.number(model.trainingRows), wins: format.number(model.positives) })}</Descriptions.Item>
        <Descriptions.Item label={t('winModel.admin.createdAt')}>{format.dateTime(model.createdAt)}</Descriptions.Item>
        {m && <Descriptions.Item label={t('winModel.admin.auc')}><span data-testid="win-auc">{m.auc.toFixed(3)}</span></Descriptions.Item>}
        {m && <Descriptions.Item label={t('winModel.admin.logloss')}>{m.logloss.toFixed(3)}</Descriptions.Item>}
        {m && <Descriptions.Item label={t('winModel.admin.brier')}>{m.brier.toFixed(3)}</Descriptions.Item>}
      </Descriptions>
      {model.kind === 'baseline' && <Typography.Paragraph type="secondary">{t('winModel.baselineHelp', { min: minRows })}</Typography.Paragraph>}
      {m ? (
        <Table
          size="small"
          rowKey="from"
          pagination={false}
          title={() => t('winModel.admin.calibration')}
          dataSource={m.calibration}
          scroll={{ x: true }}
          columns={[
            { title: t('winModel.admin.band'), render: (_, b) => `${formatPercent(b.from)}–${formatPercent(b.to)}` },
            { title: t('winModel.admin.deals'), dataIndex: 'deals' },
            { title: t('winModel.admin.predicted'), render: (_, b) => formatPercent(b.meanPredicted) },
            { title: t('winModel.admin.observed'), render: (_, b) => formatPercent(b.observedWinRate) },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('winModel.admin.noMetrics')}</Typography.Text>
      )}
    </Card>
  );
}

function SettingsForm({ settings }: { settings: WinModels['settings'] }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: (v: WinModels['settings']) => api.put('/api/win-models/settings', v),
    onSuccess: async () => {
      void message.success(t('winModel.admin.saved'));
      await queryClient.invalidateQueries({ queryKey: ['/api/win-models'] });
    },
  });
  return (
    <Form layout="vertical" initialValues={settings} onFinish={(v: WinModels['settings']) => save.mutate(v)} style={{ maxWidth: 560 }}>
      {save.isError && <ErrorNotice error={save.error} />}
      <Form.Item name="dropAlertPoints" label={t('winModel.admin.dropAlert')} rules={[{ required: true, message: t('validation.required') }]}>
        <InputNumber min={1} max={100} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item name="competitorWords" label={t('winModel.admin.competitors')}>
        <Select mode="tags" tokenSeparators={[',', '，']} />
      </Form.Item>
      <Button htmlType="submit" loading={save.isPending}>{t('winModel.admin.save')}</Button>
    </Form>
  );
}

export function WinModelTab() {
  const { t } = useI18n();
  const format = useFormat();
  const query = useQuery({ queryKey: ['/api/win-models'], queryFn: ({ signal }) => api.get<WinModels>('/api/win-models', { limit: 50 }, signal) });
  return (
    <QueryView query={query} rows={6}>
      {(data) => (
        <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="win-model-tab">
          <RetrainButton latest={data.latestRun} />
          {data.active ? <ActiveModel model={data.active} minRows={data.minGbdtRows} /> : <EmptyHint text={t('winModel.admin.none')} />}
          {data.items.length > 0 && (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              title={() => t('winModel.admin.versions')}
              dataSource={data.items}
              scroll={{ x: true }}
              columns={[
                { title: t('winModel.admin.version'), render: (_, v) => <Space>v{v.version}{v.active && <Tag color="green">{t('winModel.admin.activeTag')}</Tag>}</Space> },
                { title: t('winModel.admin.kind'), render: (_, v) => (v.kind === 'gbdt' ? t('winModel.admin.kindGbdt') : t('winModel.admin.kindBaseline')) },
                { title: t('winModel.admin.rows'), dataIndex: 'trainingRows' },
                { title: t('winModel.admin.auc'), render: (_, v) => v.metrics?.auc.toFixed(3) ?? '—' },
                { title: t('winModel.admin.brier'), render: (_, v) => v.metrics?.brier.toFixed(3) ?? '—' },
                { title: t('winModel.admin.trigger'), render: (_, v) => t(`winModel.admin.trigger.${v.trigger}`) },
                { title: t('winModel.admin.createdAt'), render: (_, v) => format.dateTime(v.createdAt) },
              ]}
            />
          )}
          <Row>
            <Col span={24}>
              <SettingsForm settings={data.settings} />
            </Col>
          </Row>
        </Space>
      )}
    </QueryView>
  );
}
