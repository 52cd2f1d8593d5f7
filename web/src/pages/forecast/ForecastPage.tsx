// 销售预测: a period's roll-up company → team → rep with categories, overrides beside the
// original, quota and attainment, the neutral forecast, drill-down to the deals that move the
// number, past accuracy and the monthly deviation report.
import { useMemo, useState } from 'react';
import { App, Button, Card, Segmented, Space, Typography } from 'antd';
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useErrorToast } from '../../components/useErrorToast.ts';
import { api } from '../../api/client.ts';
import type { ForecastNode, ForecastResponse } from '../../api/forecast-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSession } from '../../app/session.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { currentPeriod, stepPeriod, type PeriodKind } from './period-keys.ts';
import { NeutralCard } from './NeutralCard.tsx';
import { RollupTable } from './RollupTable.tsx';
import { ForecastDeals } from './ForecastDeals.tsx';
import { OverrideModal } from './OverrideModal.tsx';
import { AccuracyCard } from './AccuracyCard.tsx';
import { DeviationReport } from './DeviationReport.tsx';

export default function ForecastPage() {
  const { t } = useI18n();
  const { me, can } = useSession();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<PeriodKind>('quarter');
  const [period, setPeriod] = useState(() => currentPeriod('quarter', me?.tenant.timeZone));
  const [drill, setDrill] = useState<ForecastNode | null>(null);
  const [overriding, setOverriding] = useState<ForecastNode | null>(null);
  const forecast = useQuery({ queryKey: ['/api/forecast', period], queryFn: ({ signal }) => api.get<ForecastResponse>('/api/forecast', { period }, signal) });
  const snapshot = useMutation({
    mutationFn: () => api.post('/api/forecast/snapshots', { period }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['/api/forecast'] });
      message.success(t('forecast.snapshotTaken'));
    },
    onError: showError,
  });
  const switchKind = (k: PeriodKind) => {
    setKind(k);
    setPeriod(currentPeriod(k, me?.tenant.timeZone));
  };
  const accuracyNode = useMemo(() => (me?.user.role === 'admin' || me?.user.role === 'executive' ? 'company' : forecast.data?.roots[0] ?? (me ? `user:${me.user.id}` : 'company')), [me, forecast.data]);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('forecast.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('forecast.subtitle')}</Typography.Text>
          </div>
          <Space wrap>
            <Segmented<PeriodKind> value={kind} onChange={switchKind} options={[{ value: 'month', label: t('forecast.month') }, { value: 'quarter', label: t('forecast.quarter') }]} />
            <Button icon={<LeftOutlined />} aria-label={t('forecast.previousPeriod')} onClick={() => setPeriod((p) => stepPeriod(p, -1))} />
            <Typography.Text strong data-testid="forecast-period">{period}</Typography.Text>
            <Button icon={<RightOutlined />} aria-label={t('forecast.nextPeriod')} onClick={() => setPeriod((p) => stepPeriod(p, 1))} />
            {can('forecast_snapshots', 'create') && <Button loading={snapshot.isPending} onClick={() => snapshot.mutate()}>{t('forecast.snapshotNow')}</Button>}
          </Space>
        </Space>
      </Card>
      <QueryView query={forecast} rows={8}>
        {(data) => (
          <>
            <NeutralCard data={data} />
            <Card title={t('forecast.rollup')}>
              <RollupTable data={data} onDrill={setDrill} onOverride={setOverriding} />
            </Card>
          </>
        )}
      </QueryView>
      <AccuracyCard node={accuracyNode} />
      <DeviationReport timeZone={me?.tenant.timeZone} />
      <ForecastDeals period={period} node={drill} onClose={() => setDrill(null)} />
      {/* keyed by the level, so what was typed for one level is not carried into the next */}
      <OverrideModal key={overriding?.key ?? 'none'} period={period} node={overriding} onClose={() => setOverriding(null)} />
    </Space>
  );
}
