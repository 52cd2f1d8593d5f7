// 管道变化: how the pipeline of a month or quarter changed from its start to now or its end —
// a waterfall (start → +new → +moved in → ± amount → −won → −lost → −moved out → end), the bucket
// table with counts and totals, and each bucket's deals one click away.
import { lazy, Suspense, useCallback, useMemo, useState } from 'react';
import { Alert, Card, Segmented, Select, Skeleton, Space, Table, Tooltip, Typography } from 'antd';
import { QuestionCircleOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { useTeams, useUsers } from '../../api/directories.ts';
import { useMe } from '../../app/session.tsx';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { toCents, useFormat } from '../../i18n/format.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { bucketKeys, bucketSign, type BucketKey, type PipelineChanges } from './change-types.ts';
import { recentPeriods, type PeriodKind } from './periods.ts';
import { ChangeDealsDrawer, type ChangeDrill } from './ChangeDealsDrawer.tsx';

const WaterfallChart = lazy(() => import('./WaterfallChart.tsx'));

interface Row {
  bucket: BucketKey;
  count: number;
  amount: string;
}

export default function PipelineChangesPage() {
  const { t } = useI18n();
  const format = useFormat();
  const me = useMe();
  const users = useUsers();
  const teams = useTeams();
  const isRep = me.user.role === 'rep';
  // ?period=2026-10 or 2026-Q4 opens that period (a link someone shared)
  const [search, setSearch] = useSearchParams();
  const asked = search.get('period');
  const askedValid = asked !== null && /^\d{4}-(0[1-9]|1[0-2]|Q[1-4])$/.test(asked) ? asked : null;
  const [kind, setKind] = useState<PeriodKind>(askedValid?.includes('Q') ? 'quarter' : 'month');
  const recent = useMemo(() => recentPeriods(kind, me.tenant.timeZone, t), [kind, me.tenant.timeZone, t]);
  const [period, setPeriodState] = useState<string>(askedValid ?? recent[0].value);
  const periods = recent.some((p) => p.value === period) ? recent : [{ value: period, label: period }, ...recent];
  const setPeriod = (next: string) => {
    setPeriodState(next);
    setSearch({ period: next }, { replace: true });
  };
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [teamId, setTeamId] = useState<string | undefined>();
  const [drill, setDrill] = useState<ChangeDrill | null>(null);
  const params = { period, ownerId, teamId };
  const changes = useQuery({ queryKey: ['/api/pipeline/changes', params], queryFn: ({ signal }) => api.get<PipelineChanges>('/api/pipeline/changes', params, signal) });
  const periodLabel = periods.find((p) => p.value === period)?.label ?? period;

  const label = useCallback((b: BucketKey) => t(`pipelineChanges.bucket.${b}`), [t]);
  const money = useCallback((cents: bigint) => format.money(cents), [format]);
  const compactMoney = useCallback((cents: bigint) => format.compactMoney(cents), [format]);
  const open = useCallback((bucket: BucketKey) => setDrill({ bucket, period, periodLabel, ownerId, teamId }), [period, periodLabel, ownerId, teamId]);

  const switchKind = (next: PeriodKind) => {
    setKind(next);
    setPeriod(recentPeriods(next, me.tenant.timeZone, t)[0].value);
  };
  const ownerOptions = [...(users.data?.values() ?? [])].filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.name }));
  const teamOptions = [...(teams.data?.values() ?? [])].map((team) => ({ value: team.id, label: team.name }));
  const signed = (r: Row) => {
    const sign = bucketSign[r.bucket];
    const text = format.money(r.amount);
    return sign === 'plus' ? `+${text}` : sign === 'minus' && toCents(r.amount) > 0n ? `−${text}` : text;
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
          <div>
            <Typography.Text type="secondary"><Link to="/pipeline">{t('pipeline.title')}</Link> / {t('pipelineChanges.title')}</Typography.Text>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('pipelineChanges.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('pipelineChanges.subtitle')}</Typography.Text>
          </div>
          <Space wrap>
            <Segmented<PeriodKind> value={kind} onChange={switchKind} options={[{ value: 'month', label: t('pipelineChanges.month') }, { value: 'quarter', label: t('pipelineChanges.quarter') }]} />
            <Select aria-label={t('pipelineChanges.period')} value={period} onChange={setPeriod} options={periods} style={{ width: 160 }} data-testid="period-select" />
            {!isRep && (
              <>
                <Select allowClear showSearch optionFilterProp="label" placeholder={t('pipelineChanges.everyone')} options={ownerOptions} value={ownerId} onChange={setOwnerId} style={{ width: 140 }} />
                <Select allowClear placeholder={t('pipelineChanges.allTeams')} options={teamOptions} value={teamId} onChange={setTeamId} style={{ width: 140 }} />
              </>
            )}
          </Space>
        </Space>
        <QueryView query={changes} rows={8}>
          {(data) => {
            const rows: Row[] = bucketKeys.map((bucket) => ({ bucket, ...data.buckets[bucket] }));
            const empty = data.buckets.start.count === 0 && data.buckets.end.count === 0 && rows.every((r) => r.count === 0);
            return (
              <Space direction="vertical" size={12} style={{ width: '100%' }}>
                {data.period.running && <Typography.Text type="secondary">{t('pipelineChanges.running', { when: format.dateTime(data.period.end) })}</Typography.Text>}
                {!data.balanced && <Alert type="error" showIcon title={t('pipelineChanges.unbalanced')} />}
                {empty ? (
                  <EmptyHint text={t('pipelineChanges.empty')} />
                ) : (
                  <>
                    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 320 }} />}>
                      <WaterfallChart changes={data} label={label} money={money} compactMoney={compactMoney} onOpen={open} ariaLabel={t('pipelineChanges.chart')} />
                    </Suspense>
                    <Table<Row>
                      rowKey="bucket"
                      size="small"
                      pagination={false}
                      data-testid="change-buckets"
                      dataSource={rows}
                      onRow={(r) => ({ onClick: () => open(r.bucket), style: { cursor: 'pointer' }, 'data-testid': `bucket-${r.bucket}` } as React.HTMLAttributes<HTMLElement>)}
                      rowClassName={(r) => (bucketSign[r.bucket] === 'total' ? 'change-total' : '')}
                      columns={[
                        {
                          title: t('pipelineChanges.item'),
                          dataIndex: 'bucket',
                          render: (b: BucketKey) => (
                            <Space size={4}>
                              <Typography.Text strong={bucketSign[b] === 'total'} type={bucketSign[b] === 'aside' ? 'secondary' : undefined}>{label(b)}</Typography.Text>
                              <Tooltip title={t(`pipelineChanges.help.${b}`)}><QuestionCircleOutlined style={{ color: '#9ca3af' }} /></Tooltip>
                            </Space>
                          ),
                        },
                        { title: t('pipelineChanges.count'), dataIndex: 'count', align: 'right', render: (n: number) => <Typography.Link>{format.number(n)}</Typography.Link> },
                        { title: t('pipelineChanges.amount'), dataIndex: 'amount', align: 'right', render: (_: string, r) => <Typography.Text type={bucketSign[r.bucket] === 'minus' && r.count ? 'danger' : bucketSign[r.bucket] === 'plus' && r.count ? 'success' : undefined}>{signed(r)}</Typography.Text> },
                      ]}
                    />
                  </>
                )}
              </Space>
            );
          }}
        </QueryView>
      </Card>
      <ChangeDealsDrawer drill={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
