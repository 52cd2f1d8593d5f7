// 商机看板: deals as a kanban by stage from one request (counts, sums and each column's first page), columns that load on as they scroll;
// filter by owner, team, region (on the server) and close month; drag to change stage; create a deal.
import { useCallback, useState } from 'react';
import { Button, Card, DatePicker, Select, Space, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { stages, type Opportunity, type Stage } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { toCents, useFormat } from '../../i18n/format.ts';
import { useMe, useSession } from '../../app/session.tsx';
import { useTeams, useUsers, userName } from '../../api/directories.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useMoveStage } from '../../records/useMoveStage.tsx';
import { commonRegions, toOptions } from '../accounts/account-options.ts';
import { DealCreateModal } from '../opportunities/DealCreateModal.tsx';
import { relocateDeal, useBoard, useLoadMore, type BoardFilters } from './board-data.ts';
import { boardKey, type Board } from './board-query.ts';
import { StageColumn } from './StageColumn.tsx';

const closedStages: Stage[] = ['won', 'lost'];

export default function PipelinePage() {
  const { t } = useI18n();
  const format = useFormat();
  const me = useMe();
  const { can } = useSession();
  const users = useUsers();
  const teams = useTeams();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<BoardFilters>({});
  const [creating, setCreating] = useState(false);
  const movedLater = useCallback(
    async (moved: Opportunity, before: Opportunity) => {
      relocateDeal(queryClient, filters, before.stage, { ...before, ...moved });
      await queryClient.invalidateQueries({ queryKey: ['/api/opportunities', moved.id] });
    },
    [queryClient, filters],
  );
  const { move: moveStage, dialog: refusalDialog } = useMoveStage(movedLater);
  const board = useBoard(filters);
  const loadMore = useLoadMore(filters);
  const isRep = me.user.role === 'rep';
  const columns = board.data?.columns;

  const dealCount = columns?.reduce((n, c) => n + c.count, 0) ?? 0;
  const openTotal = columns?.filter((c) => !closedStages.includes(c.stage)).reduce((sum, c) => sum + toCents(c.amount), 0n) ?? 0n;
  const amountsHidden = columns?.some((c) => c.amount === null) ?? false;

  const ownerName = useCallback((id: string | null) => userName(users.data, id), [users.data]);

  const move = useCallback(
    async (deal: Opportunity, stage: Stage) => {
      if (deal.stage === stage) return;
      relocateDeal(queryClient, filters, deal.stage, { ...deal, stage });
      const moved = await moveStage(deal, stage);
      relocateDeal(queryClient, filters, stage, moved ? { ...deal, ...moved } : deal);
      if (moved) await queryClient.invalidateQueries({ queryKey: ['/api/opportunities', deal.id] });
    },
    [moveStage, queryClient, filters],
  );

  // reads the cache rather than this render's data, so columns the drop does not touch are not re-rendered
  const dropDeal = useCallback(
    (dealId: string, stage: Stage) => {
      const deal = queryClient.getQueryData<Board>(boardKey(filters))?.columns.flatMap((c) => c.deals).find((d) => d.id === dealId);
      if (deal) void move(deal, stage);
    },
    [queryClient, filters, move],
  );
  const setFilter = <K extends keyof BoardFilters>(key: K, value: BoardFilters[K]) => setFilters((f) => ({ ...f, [key]: value }));

  const teamOptions = [...(teams.data?.values() ?? [])].map((team) => ({ value: team.id, label: team.name }));
  const ownerOptions = [...(users.data?.values() ?? [])].filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.name }));
  const filtered = Object.values(filters).some(Boolean);

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: 16 } }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('pipeline.title')}</Typography.Title>
            {!isRep && <Link to="/pipeline/changes" data-testid="pipeline-changes-link">{t('nav.pipelineChanges')} →</Link>}
            <Typography.Text type="secondary" data-testid="pipeline-summary" style={{ display: 'inline-block', minHeight: 22 }}>
              {columns ? t('pipeline.summary', { count: format.number(dealCount), open: amountsHidden ? '—' : format.money(openTotal) }) : ' '}
            </Typography.Text>
          </Space>
          <Space wrap>
            {!isRep && (
              <>
                <Select allowClear showSearch optionFilterProp="label" placeholder={t('pipeline.owner')} options={ownerOptions} value={filters.ownerId} onChange={(v?: string) => setFilter('ownerId', v)} style={{ width: 140 }} data-testid="filter-owner" />
                <Select allowClear showSearch optionFilterProp="label" placeholder={t('pipeline.team')} options={teamOptions} value={filters.teamId} onChange={(v?: string) => setFilter('teamId', v)} style={{ width: 140 }} data-testid="filter-team" />
              </>
            )}
            <Select allowClear placeholder={t('account.region')} options={toOptions(commonRegions)} value={filters.region} onChange={(v?: string) => setFilter('region', v)} style={{ width: 110 }} data-testid="filter-region" />
            <DatePicker picker="month" placeholder={t('pipeline.closeMonth')} onChange={(value: Dayjs | null) => setFilter('closeMonth', value ? value.format('YYYY-MM') : undefined)} />
            {can('opportunities', 'create') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-deal">{t('dealCreate.new')}</Button>
            )}
          </Space>
        </Space>
      </Card>
      {board.isError && <ErrorNotice error={board.error} onRetry={() => void board.refetch()} />}
      {columns && dealCount === 0 && !board.isPlaceholderData && (
        <EmptyHint
          text={filtered ? t('pipeline.emptyFiltered') : t('pipeline.empty')}
          action={filtered ? <Button onClick={() => setFilters({})}>{t('pipeline.clearFilters')}</Button> : can('opportunities', 'create') ? <Button type="primary" onClick={() => setCreating(true)}>{t('dealCreate.new')}</Button> : undefined}
        />
      )}
      <div data-testid="pipeline-board" aria-busy={board.isFetching} style={{ display: 'flex', gap: 12, overflowX: 'auto', height: 'calc(100vh - 220px)', minHeight: 420, paddingBottom: 8, opacity: board.isPlaceholderData ? 0.6 : 1, transition: 'opacity 150ms' }}>
        {stages.map((stage) => (
          <StageColumn key={stage} stage={stage} column={board.isError && !columns ? undefined : columns?.find((c) => c.stage === stage)} ownerName={ownerName} onMove={move} onDropDeal={dropDeal} onNeedMore={loadMore} />
        ))}
      </div>
      {creating && <DealCreateModal onClose={() => setCreating(false)} />}
      {refusalDialog}
    </Space>
  );
}
