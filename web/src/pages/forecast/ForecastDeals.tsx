// The drill-down: the deals behind a level's numbers, those that move the neutral forecast most first, each linked to its deal page.
import { Drawer, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { ForecastDeal, ForecastNode } from '../../api/forecast-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatPercent, useFormat } from '../../i18n/format.ts';
import { StageTag } from '../../components/labels.tsx';
import { useCursorPage } from '../../components/useCursorPage.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';

function DealsOf({ period, node }: { period: string; node: ForecastNode }) {
  const { t } = useI18n();
  const format = useFormat();
  const pager = useCursorPage<ForecastDeal>('/api/forecast/deals', { period, node: node.key });
  if (pager.query.isError) return <ErrorNotice error={pager.query.error} onRetry={() => void pager.query.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('forecast.drillHelp')}</Typography.Paragraph>
      <CursorTable<ForecastDeal>
        pager={pager}
        testId="forecast-deals"
        scrollX={760}
        empty={t('forecast.noDeals')}
        columns={[
          { title: t('opportunity.name'), dataIndex: 'name', render: (_, d) => <Link to={`/opportunities/${d.id}`}>{d.name}</Link> },
          { title: t('opportunity.owner'), key: 'owner', render: (_, d) => d.owner?.name ?? '—' },
          { title: t('opportunity.forecastCategory'), dataIndex: 'forecastCategory', render: (v: ForecastDeal['forecastCategory']) => t(`forecastCategory.${v}`) },
          { title: t('opportunity.stage'), dataIndex: 'stage', render: (_, d) => <StageTag stage={d.stage} /> },
          { title: t('opportunity.amount'), dataIndex: 'amount', align: 'right', render: (v: string) => format.money(v) },
          { title: t('forecast.expectedClose'), key: 'close', render: (_, d) => (d.closedAt ? format.date(d.closedAt) : d.expectedCloseDate ?? '—') },
          { title: t('forecast.rate'), key: 'rate', align: 'right', render: (_, d) => (d.rate === null ? <Typography.Text type="secondary">{t('forecast.unrated')}</Typography.Text> : formatPercent(d.rate)) },
          { title: t('forecast.contribution'), dataIndex: 'neutralContribution', align: 'right', render: (v: string) => <Typography.Text strong>{format.money(v)}</Typography.Text> },
        ]}
      />
    </>
  );
}

export function ForecastDeals({ period, node, onClose }: { period: string; node: ForecastNode | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer open={node !== null} onClose={onClose} size="large" title={node ? t('forecast.drillTitle', { who: node.kind === 'company' ? t('forecast.company') : node.name, period }) : ''} destroyOnHidden>
      {node && <DealsOf period={period} node={node} />}
    </Drawer>
  );
}
