// A timeline of customer touches (for an account, a deal or a person), newest first, with more on demand.
import { Button, Skeleton, Timeline, Typography } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api, type Page, type QueryParams } from '../api/client.ts';
import type { Activity } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/format.ts';
import { useLabels, moodEmoji } from '../components/labels.tsx';
import { useUsers, userName } from '../api/directories.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { EmptyHint } from '../components/EmptyHint.tsx';

export function useActivities(params: QueryParams, pageSize = 20) {
  return useInfiniteQuery({
    queryKey: ['/api/activities', params, pageSize],
    queryFn: ({ pageParam, signal }) => api.get<Page<Activity>>('/api/activities', { ...params, sort: '-occurredAt', limit: pageSize, cursor: pageParam }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function ActivityTimeline({ params, emptyText, showAccountLink = false }: { params: QueryParams; emptyText: string; showAccountLink?: boolean }) {
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  const users = useUsers();
  const query = useActivities(params);
  if (query.isPending) return <Skeleton active paragraph={{ rows: 4 }} />;
  if (query.isError) return <ErrorNotice error={query.error} onRetry={() => void query.refetch()} />;
  const items = query.data.pages.flatMap((p) => p.items);
  if (items.length === 0) return <EmptyHint text={emptyText} action={<Link to="/quick-log">{t('quickLog.title')}</Link>} />;
  return (
    <>
      <Timeline
        items={items.map((a) => ({
          key: a.id,
          content: (
            <div data-testid="activity-item">
              <Typography.Text strong>{labels.activityType(a.type)}</Typography.Text> · {a.subject} {a.mood ? <span title={labels.mood(a.mood)}>{moodEmoji[a.mood]}</span> : null}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {format.dateTime(a.occurredAt)} · {userName(users.data, a.ownerId)}
                  {showAccountLink && a.accountId ? <> · <Link to={`/accounts/${a.accountId}`}>{a.accountName ?? t('nav.account360')}</Link></> : null}
                </Typography.Text>
              </div>
              {a.body && <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }}>{a.body}</Typography.Paragraph>}
            </div>
          ),
        }))}
      />
      {query.hasNextPage && (
        <Button onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
          {t('action.loadMore')}
        </Button>
      )}
    </>
  );
}
