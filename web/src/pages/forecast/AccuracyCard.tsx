// Past periods' accuracy of a level: the committed number and the neutral forecast at mid-period against the actual wins.
import { Card, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { AccuracyRow } from '../../api/forecast-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatPercent, useFormat } from '../../i18n/format.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';

export function AccuracyCard({ node }: { node: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const query = useQuery({ queryKey: ['/api/forecast/accuracy', node], queryFn: ({ signal }) => api.get<{ items: AccuracyRow[] }>('/api/forecast/accuracy', { node }, signal) });
  return (
    <Card title={t('forecast.accuracyTitle')}>
      <QueryView query={query}>
        {(data) => (
          <Table<AccuracyRow>
            rowKey={(r) => `${r.period}-${r.figure}`}
            size="small"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={data.items}
            data-testid="forecast-accuracy"
            locale={{ emptyText: <EmptyHint text={t('forecast.noAccuracy')} /> }}
            columns={[
              { title: t('forecast.period'), dataIndex: 'period' },
              { title: t('forecast.figure'), dataIndex: 'figure', render: (v: AccuracyRow['figure']) => t(`forecast.figure.${v}`) },
              { title: t('forecast.forecastAmount'), dataIndex: 'forecast', align: 'right', render: (v: string | null) => format.money(v) },
              { title: t('forecast.actual'), dataIndex: 'actual', align: 'right', render: (v: string) => format.money(v) },
              { title: t('forecast.accuracy'), dataIndex: 'accuracy', align: 'right', render: (v: number | null) => (v === null ? <Typography.Text type="secondary">{t('forecast.accuracyUndefined')}</Typography.Text> : formatPercent(v, { digits: 1 })) },
            ]}
          />
        )}
      </QueryView>
    </Card>
  );
}
