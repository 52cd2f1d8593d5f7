// 商机看板: deals as a kanban by stage; filter by owner, team, region and close month; drag to change stage.
import { useCallback, useMemo, useState } from 'react';
import { Card, DatePicker, Select, Skeleton, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { stages, type Opportunity, type Stage, type Team } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat, toCents } from '../../i18n/format.ts';
import { useMe } from '../../app/session.tsx';
import { useAccountDirectory, useTeams, useUsers, userName } from '../../api/directories.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useMoveStage } from '../../records/useMoveStage.ts';
import { commonRegions, toOptions } from '../accounts/account-options.ts';
import { boardKey, groupByStage, useBoard, type BoardColumns, type BoardFilters } from './board-data.ts';
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

export default function PipelinePage() {
  const { t } = useI18n();
  const format = useFormat();
  const me = useMe();
  const users = useUsers();
  const teams = useTeams();
  const accounts = useAccountDirectory();
  const queryClient = useQueryClient();
  const moveStage = useMoveStage();
  const [filters, setFilters] = useState<BoardFilters>({});
  const [teamId, setTeamId] = useState<string>();
  const [region, setRegion] = useState<string>();
  const board = useBoard(filters);
  const isRep = me.user.role === 'rep';

  const visibleDeals = useMemo(() => {
    let deals = board.data?.deals ?? [];
    if (teamId && teams.data && users.data) {
      const subtree = teamSubtree(teams.data, teamId);
      deals = deals.filter((d) => {
        const owner = d.ownerId ? users.data.get(d.ownerId) : undefined;
        return owner?.teamId ? subtree.has(owner.teamId) : false;
      });
    }
    if (region && accounts.data) deals = deals.filter((d) => accounts.data.get(d.accountId)?.region === region);
    return deals;
  }, [board.data, teamId, region, teams.data, users.data, accounts.data]);
  const columns = useMemo(() => groupByStage(visibleDeals), [visibleDeals]);
  const openTotal = useMemo(() => visibleDeals.filter((d) => d.stage !== 'won' && d.stage !== 'lost').reduce((sum, d) => sum + toCents(d.amount), 0n), [visibleDeals]);

  const accountName = useCallback((deal: Opportunity) => deal.accountName ?? accounts.data?.get(deal.accountId)?.name ?? '…', [accounts.data]);
  const ownerName = useCallback((id: string | null) => userName(users.data, id), [users.data]);

  const setDealStage = useCallback(
    (dealId: string, replace: (deal: Opportunity) => Opportunity) =>
      queryClient.setQueryData<BoardColumns>(boardKey(filters), (data) => data && { ...data, deals: data.deals.map((d) => (d.id === dealId ? replace(d) : d)) }),
    [queryClient, filters],
  );

  const move = useCallback(
    async (deal: Opportunity, stage: Stage) => {
      if (deal.stage === stage) return;
      setDealStage(deal.id, (d) => ({ ...d, stage }));
      const moved = await moveStage(deal, stage);
      setDealStage(deal.id, (d) => (moved ? { ...d, ...moved } : { ...d, stage: deal.stage }));
      if (moved) await queryClient.invalidateQueries({ queryKey: ['/api/opportunities', deal.id] });
    },
    [moveStage, setDealStage, queryClient],
  );

  const dropDeal = useCallback(
    (dealId: string, stage: Stage) => {
      const deal = board.data?.deals.find((d) => d.id === dealId);
      if (deal) void move(deal, stage);
    },
    [board.data, move],
  );

  const teamOptions = [...(teams.data?.values() ?? [])].map((team) => ({ value: team.id, label: team.name }));
  const ownerOptions = [...(users.data?.values() ?? [])].filter((u) => u.active !== false).map((u) => ({ value: u.id, label: u.name }));

  return (
    <Space direction="vertical" size={12} style={{ width: '100%' }}>
      <Card styles={{ body: { padding: 16 } }}>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('pipeline.title')}</Typography.Title>
            <Typography.Text type="secondary" data-testid="pipeline-summary">
              {t('pipeline.summary', { count: format.number(visibleDeals.length), open: format.money(openTotal) })}
            </Typography.Text>
          </Space>
          <Space wrap>
            {!isRep && (
              <>
                <Select allowClear showSearch optionFilterProp="label" placeholder={t('pipeline.owner')} options={ownerOptions} value={filters.ownerId} onChange={(ownerId?: string) => setFilters((f) => ({ ...f, ownerId }))} style={{ width: 140 }} />
                <Select allowClear placeholder={t('pipeline.team')} options={teamOptions} value={teamId} onChange={setTeamId} style={{ width: 140 }} />
              </>
            )}
            <Select allowClear placeholder={t('account.region')} options={toOptions(commonRegions)} value={region} onChange={setRegion} style={{ width: 110 }} />
            <DatePicker picker="month" placeholder={t('pipeline.closeMonth')} onChange={(value: Dayjs | null) => setFilters((f) => ({ ...f, closeMonth: value ? value.format('YYYY-MM') : undefined }))} />
          </Space>
        </Space>
      </Card>
      {board.isPending ? (
        <div style={{ display: 'flex', gap: 12, overflow: 'hidden' }}>
          {stages.map((s) => <Skeleton.Node key={s} active style={{ width: 260, height: 480 }} />)}
        </div>
      ) : board.isError ? (
        <ErrorNotice error={board.error} onRetry={() => void board.refetch()} />
      ) : (
        <>
          {visibleDeals.length === 0 && <EmptyHint text={t('pipeline.empty')} />}
          <div data-testid="pipeline-board" style={{ display: 'flex', gap: 12, overflowX: 'auto', height: 'calc(100vh - 220px)', minHeight: 420, paddingBottom: 8 }}>
            {stages.map((stage) => (
              <StageColumn
                key={stage}
                stage={stage}
                deals={columns[stage].deals}
                totalCents={columns[stage].totalCents}
                truncated={board.data.truncated.includes(stage)}
                accountName={accountName}
                ownerName={ownerName}
                onMove={move}
                onDropDeal={dropDeal}
              />
            ))}
          </div>
        </>
      )}
    </Space>
  );
}
