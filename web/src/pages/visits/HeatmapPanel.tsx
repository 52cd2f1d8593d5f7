// 拜访热力图: visit density per grid cell over the period (chart) and per rep (table), from the aggregation endpoint.
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Alert, Col, Row, Segmented, Skeleton, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../api/client.ts';
import type { VisitHeatmap } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';

const VisitHeatChart = lazy(() => import('./VisitHeatChart.tsx'));
const precisions = [0, 1, 2, 3] as const;

export function HeatmapPanel({ params }: { params: QueryParams }) {
  const { t } = useI18n();
  const format = useFormat();
  const [precision, setPrecision] = useState<number>(2);
  const query = useQuery({
    queryKey: ['/api/visits/heatmap', params, precision],
    queryFn: ({ signal }) => api.get<VisitHeatmap>('/api/visits/heatmap', { ...params, precision }, signal),
  });
  const axisNames = useMemo(() => ({ lat: t('heatmap.lat'), lng: t('heatmap.lng') }), [t]);
  const tooltip = useCallback((c: { lat: number; lng: number; visits: number; reps: number }) => t('heatmap.cellTip', { lat: c.lat, lng: c.lng, visits: c.visits, reps: c.reps }), [t]);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text>{t('heatmap.cellSize')}</Typography.Text>
        <Segmented<number> value={precision} onChange={setPrecision} options={precisions.map((p) => ({ value: p, label: t(`heatmap.precision${p}`) }))} />
      </Space>
      <QueryView query={query} rows={8}>
        {(heatmap) =>
          heatmap.cells.length === 0 ? (
            <EmptyHint text={t('heatmap.empty')} />
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={15}>
                <Typography.Text type="secondary">{t('heatmap.period', { from: format.date(heatmap.from), to: format.date(heatmap.to) })}</Typography.Text>
                {heatmap.truncated && <Alert type="info" showIcon title={t('heatmap.truncated')} />}
                <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 380 }} />}>
                  <VisitHeatChart heatmap={heatmap} axisNames={axisNames} tooltip={tooltip} />
                </Suspense>
              </Col>
              <Col xs={24} xl={9}>
                <Table
                  rowKey="ownerId"
                  size="small"
                  pagination={false}
                  dataSource={heatmap.byRep}
                  data-testid="heatmap-by-rep"
                  columns={[
                    { title: t('visits.rep'), dataIndex: 'name' },
                    { title: t('heatmap.visits'), dataIndex: 'visits', align: 'right' },
                    { title: t('heatmap.cells'), dataIndex: 'cells', align: 'right' },
                  ]}
                />
              </Col>
            </Row>
          )
        }
      </QueryView>
    </Space>
  );
}
