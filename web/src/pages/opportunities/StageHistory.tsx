// A deal's stage history as a timeline, newest first: from → to, when, who and why, ending with when the deal was created.
import { Button, Card, Skeleton, Tag, Timeline, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import { stages, type Opportunity, type Stage } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { StageTag } from '../../components/labels.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

export interface StageChange {
  id: string;
  from: string | null;
  to: string | null;
  at: string;
  actor: { id: string; name: string | null } | null;
  reason: string | null;
}

const PAGE = 20;
const isStage = (s: string | null): s is Stage => s !== null && (stages as readonly string[]).includes(s);

function StageLabel({ stage }: { stage: string | null }) {
  return isStage(stage) ? <StageTag stage={stage} /> : <Tag>{stage ?? '—'}</Tag>;
}

export function StageHistory({ deal }: { deal: Opportunity }) {
  const { t } = useI18n();
  const format = useFormat();
  // keyed by the deal's last move, so a move made anywhere shows up here
  const query = useInfiniteQuery({
    queryKey: ['/api/opportunities', deal.id, 'stage-history', deal.stageChangedAt],
    queryFn: ({ pageParam, signal }) => api.get<Page<StageChange>>(`/api/opportunities/${deal.id}/stage-history`, { limit: PAGE, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const changes = query.data?.pages.flatMap((p) => p.items) ?? [];
  const finished = query.data && !query.hasNextPage;
  // missing is not zero: a deal that entered its stage after its newest recorded change (data imported or seeded
  // before moves were recorded) says so instead of looking as if it never moved
  const newest = changes.at(0);
  const unrecorded = Boolean(query.data) && Date.parse(deal.stageChangedAt) - Date.parse(newest?.at ?? deal.createdAt) > 1000;

  return (
    <Card title={t('stageHistory.title')} data-testid="stage-history">
      {query.isPending ? (
        <Skeleton active title={false} paragraph={{ rows: 3 }} />
      ) : query.isError ? (
        <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <>
          {changes.length === 0 && !unrecorded && <Typography.Paragraph type="secondary" data-testid="stage-history-empty">{t('stageHistory.empty')}</Typography.Paragraph>}
          <Timeline
            items={[
              ...(unrecorded
                ? [{
                    key: 'unrecorded',
                    color: 'gray',
                    content: (
                      <div data-testid="stage-change-unrecorded">
                        <StageLabel stage={deal.stage} />
                        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{t('stageHistory.unrecorded', { at: format.dateTime(deal.stageChangedAt) })}</Typography.Text>
                      </div>
                    ),
                  }]
                : []),
              ...changes.map((c) => ({
                key: c.id,
                color: c.to === 'lost' ? 'red' : c.to === 'won' ? 'green' : 'blue',
                content: (
                  <div data-testid="stage-change">
                    <div>
                      <StageLabel stage={c.from} /> <ArrowRightOutlined style={{ color: '#8c8c8c', margin: '0 6px 0 -2px' }} aria-label={t('stageHistory.to')} /> <StageLabel stage={c.to} />
                    </div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {format.dateTime(c.at)} · {c.actor ? (c.actor.name ?? t('stageHistory.formerUser')) : t('stageHistory.system')}
                    </Typography.Text>
                    {c.reason && <Typography.Paragraph style={{ margin: '2px 0 0', whiteSpace: 'pre-wrap' }} data-testid="stage-change-reason">{c.reason}</Typography.Paragraph>}
                  </div>
                ),
              })),
              ...(finished ? [{ key: 'created', color: 'gray', content: <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('stageHistory.created', { at: format.dateTime(deal.createdAt) })}</Typography.Text> }] : []),
            ]}
          />
          {query.hasNextPage && (
            <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
              {t('action.loadMore')}
            </Button>
          )}
        </>
      )}
    </Card>
  );
}
