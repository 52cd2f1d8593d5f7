// 衰减看板: the committed deals in my scope that passed their close date without an update, oldest first, with days past,
// the decay factor, the weighted amount and the last update; each row opens the deal.
import { Card, Grid, List, Space, Statistic, Tag, Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { DecayBoard, DecayedDeal } from '../../api/evidence-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { formatPercent, useFormat } from '../../i18n/format.ts';
import { useCursorPage } from '../../components/useCursorPage.ts';
import { CursorPager } from '../../components/CursorPager.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useEvidenceText } from '../opportunities/evidence/evidence-text.ts';
import { CursorTable } from '../../components/CursorTable.tsx';

/** on a phone each decayed deal is one card with the numbers that matter, instead of a table scrolled sideways */
function PhoneList({ items, loading, empty }: { items: DecayedDeal[]; loading: boolean; empty: string }) {
  const { t } = useI18n();
  const format = useFormat();
  return (
    <List<DecayedDeal>
      data-testid="decay-board"
      loading={loading}
      dataSource={items}
      locale={{ emptyText: <EmptyHint text={empty} /> }}
      renderItem={(d) => (
        <List.Item>
          <Space direction="vertical" size={2} style={{ width: '100%' }}>
            <Link to={`/opportunities/${d.id}`}>{d.name}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${d.accountName} · ${d.ownerName ?? '—'}`}</Typography.Text>
            <Space wrap size={6}>
              <Tag color="orange">{formatPercent(d.factor)}</Tag>
              <Typography.Text>{t('evidence.board.daysN', { n: d.daysPastClose })}</Typography.Text>
              <Typography.Text strong>{d.weightedAmount === null ? t('evidence.weightUnknown') : format.money(d.weightedAmount, d.currency)}</Typography.Text>
              <Typography.Text type="secondary">/ {format.money(d.amount, d.currency)}</Typography.Text>
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${t('evidence.board.lastUpdate')}: ${format.date(d.lastUpdateAt)} · ${t(`evidence.board.updateKind.${d.lastUpdateKind}`)}`}</Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

export default function DecayBoardPage() {
  const { t } = useI18n();
  const format = useFormat();
  const text = useEvidenceText();
  const pager = useCursorPage<DecayedDeal>('/api/forecast/decay', {});
  const isPhone = Grid.useBreakpoint().md === false;
  const data = pager.query.data as DecayBoard | undefined;
  const curve = data?.curve.map((s) => t('evidence.board.curveStep', { days: s.daysPast, pct: formatPercent(s.factor) })).join('，');
  return (
    <Card>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('evidence.board.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('evidence.board.subtitle')}</Typography.Text>
        </div>
        {data && (
          <Space size={32}>
            <Statistic title={t('evidence.board.deals')} value={data.total.deals} />
            <Statistic title={t('evidence.board.totalAmount')} value={format.money(data.total.amount)} />
          </Space>
        )}
      </Space>
      {curve && <Typography.Paragraph type="secondary" data-testid="decay-curve">{t('evidence.board.rule', { curve })}</Typography.Paragraph>}
      {pager.query.isError ? (
        <ErrorNotice error={pager.query.error} onRetry={() => void pager.query.refetch()} />
      ) : isPhone ? (
        <>
          <PhoneList items={data?.items ?? []} loading={pager.query.isFetching} empty={t('evidence.board.empty')} />
          <CursorPager {...pager} />
        </>
      ) : (
        <>
          <CursorTable<DecayedDeal>
            pager={pager}
            testId="decay-board"
            scrollX={980}
            empty={t('evidence.board.empty')}
            columns={[
              { title: t('opportunity.name'), dataIndex: 'name', fixed: 'left', width: 200, render: (_, d) => <Link to={`/opportunities/${d.id}`}>{d.name}</Link> },
              { title: t('opportunity.account'), dataIndex: 'accountName', render: (_, d) => <Link to={`/accounts/${d.accountId}`}>{d.accountName}</Link> },
              { title: t('opportunity.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
              { title: t('opportunity.expectedCloseDate'), dataIndex: 'expectedCloseDate', render: (v: string) => format.date(v) },
              { title: t('evidence.board.daysPast'), dataIndex: 'daysPastClose', align: 'right', render: (v: number, d) => <Tooltip title={t('evidence.board.quietDays', { n: d.daysWithoutUpdate })}>{t('evidence.board.daysN', { n: v })}</Tooltip> },
              { title: t('evidence.board.factor'), dataIndex: 'factor', align: 'right', render: (v: number) => <Tag color="orange">{formatPercent(v)}</Tag> },
              { title: t('opportunity.amount'), dataIndex: 'amount', align: 'right', render: (v: string, d) => format.money(v, d.currency) },
              {
                title: t('evidence.board.weightedAmount'),
                dataIndex: 'weightedAmount',
                align: 'right',
                render: (v: string | null, d) =>
                  v === null ? (
                    <Tooltip title={t('evidence.board.noEvidenceHelp', { amount: format.money(d.decayedAmount, d.currency) })}><Tag>{t('evidence.weightUnknown')}</Tag></Tooltip>
                  ) : (
                    <Tooltip title={`${d.evidenceStage ? text.stage(d.evidenceStage) : ''} ${formatPercent(d.stageWeight ?? 0)} × ${formatPercent(d.factor)}`}>{format.money(v, d.currency)}</Tooltip>
                  ),
              },
              { title: t('evidence.board.lastUpdate'), dataIndex: 'lastUpdateAt', render: (v: string, d) => `${format.date(v)} · ${t(`evidence.board.updateKind.${d.lastUpdateKind}`)}` },
            ]}
          />
        </>
      )}
    </Card>
  );
}
