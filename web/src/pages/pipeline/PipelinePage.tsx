// 商机看板: deals as a kanban by stage, each column shown as its deals arrive; filter by owner, team, region and close month; drag to change stage.
import { useCallback, useMemo, useState } from 'react';
import { Card, DatePicker, Select, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import type { Dayjs } from 'dayjs';
import { fetchAll } from '../../api/client.ts';
import { stages, type Account, type Opportunity, type Stage, type Team } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useMe } from '../../app/session.tsx';
import { useTeams, useUsers, userName } from '../../api/directories.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useMoveStage } from '../../records/useMoveStage.tsx';
import { commonRegions, toOptions } from '../accounts/account-options.ts';
import { columnTotal, relocateDeal, useBoard, type BoardFilters } from './board-data.ts';
import { StageColumn } from './StageColumn.tsx';

/** a team and every team below it */
function teamSubtree(teams: Map<string, Team>, rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const team of teams.values()) {
      if (team.parentId && ids.has(team.parentId) && !ids.has(team.id)) {
        ids.add(team.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** ids of the visible accounts in one region, loaded only while the region filter is set */
function useRegionAccountIds(region: string | undefined) {
  return useQuery({
    queryKey: ['/api/accounts', 'region-ids', region],
    enabled: Boolean(region),
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => new Set((await fetchAll<Account>('/api/accounts', { region }, 20_000, signal)).items.map((a) => a.id)),
  });
}

export default function PipelinePage() {
  const { t } = useI18n();
  const format = useFormat();
  const me = useMe();
  const users = useUsers();
  const teams = useTeams();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState<BoardFilters>({});
  const movedLater = useCallback(
    async (moved: Opportunity, before: Opportunity) => {
      relocateDeal(queryClient, filters, before.stage, { ...before, ...moved });
      await queryClient.invalidateQueries({ queryKey: ['/api/opportunities', moved.id] });
    },
    [queryClient, filters],
  );
  const { move: moveStage, dialog: refusalDialog } = useMoveStage(movedLater);
  const [teamId, setTeamId] = useState<string>();
  const [region, setRegion] = useState<string>();
  const regionAccounts = useRegionAccountIds(region);
  const board = useBoard(filters);
  const isRep = me.user.role === 'rep';

  const isVisible = useMemo(() => {
    const subtree = teamId && teams.data ? teamSubtree(teams.data, teamId) : null;
    return (deal: Opportunity) => {
      if (subtree) {
        const owner = deal.ownerId ? users.data?.get(deal.ownerId) : undefined;
        if (!owner?.teamId || !subtree.has(owner.teamId)) return false;
      }
      return !region || !regionAccounts.data || regionAccounts.data.has(deal.accountId);
    };
  }, [teamId, teams.data, users.data, region, regionAccounts.data]);

  const columns = useMemo(
    () =>
      stages.map((stage, i) => {
        const data = board[i].data;
        const deals = data ? data.deals.filter(isVisible) : [];
        return { stage, deals, totalCents: columnTotal(deals), truncated: data?.truncated ?? false, loading: board[i].isPending };
      }),
    [board, isVisible],
  );
  const loaded = columns.filter((c) => !c.loading);
  const dealCount = loaded.reduce((n, c) => n + c.deals.length, 0);
  const openTotal = loaded.filter((c) => c.stage !== 'won' && c.stage !== 'lost').reduce((sum, c) => sum + c.totalCents, 0n);
  const failed = board.find((q) => q.isError);

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

  const dropDeal = useCallback(
    (dealId: string, stage: Stage) => {
      const deal = board.flatMap((q) => q.data?.deals ?? []).find((d) => d.id === dealId);
      if (deal) void move(deal, stage);
    },
    [board, move],
  );

  const teamOptions = [...(teams.data?.values() ?? [])].map((team) => ({ value: team.id, label: team.name }));
  const ownerOptions = [...(users.data?.values() ?? [])].filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.name }));

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: 16 } }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('pipeline.title')}</Typography.Title>
            {!isRep && <Link to="/pipeline/changes" data-testid="pipeline-changes-link">{t('nav.pipelineChanges')} →</Link>}
            <Typography.Text type="secondary" data-testid="pipeline-summary">
              {t('pipeline.summary', { count: format.number(dealCount), open: format.money(openTotal) })}
            </Typography.Text>
          </Space>
          <Space wrap>
            {!isRep && (
              <>
                <Select allowClear showSearch optionFilterProp="label" placeholder={t('pipeline.owner')} options={ownerOptions} value={filters.ownerId} onChange={(ownerId?: string) => setFilters((f) => ({ ...f, ownerId }))} style={{ width: 140 }} />
                <Select allowClear placeholder={t('pipeline.team')} options={teamOptions} value={teamId} onChange={setTeamId} style={{ width: 140 }} />
              </>
            )}
            <Select allowClear placeholder={t('account.region')} options={toOptions(commonRegions)} value={region} onChange={setRegion} loading={regionAccounts.isFetching} style={{ width: 110 }} />
            <DatePicker picker="month" placeholder={t('pipeline.closeMonth')} onChange={(value: Dayjs | null) => setFilters((f) => ({ ...f, closeMonth: value ? value.format('YYYY-MM') : undefined }))} />
          </Space>
        </Space>
      </Card>
      {failed && <ErrorNotice error={failed.error} onRetry={() => board.filter((q) => q.isError).forEach((q) => void q.refetch())} />}
      {loaded.length === stages.length && dealCount === 0 && !failed && <EmptyHint text={t('pipeline.empty')} />}
      <div data-testid="pipeline-board" style={{ display: 'flex', gap: 12, overflowX: 'auto', height: 'calc(100vh - 220px)', minHeight: 420, paddingBottom: 8 }}>
        {columns.map((column) => (
          <StageColumn key={column.stage} {...column} ownerName={ownerName} onMove={move} onDropDeal={dropDeal} />
        ))}
      </div>
      {refusalDialog}
    </Space>
  );
}
