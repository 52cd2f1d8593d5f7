// 公海: accounts nobody holds; a rep claims one (limit, cooldown and protection apply, refusals say why), a manager assigns one.
import { useState } from 'react';
import { App, Button, Card, Input, Space, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../../api/client.ts';
import type { PoolAccount, PoolHolding } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useSession } from '../../app/session.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { useCursorPage } from '../../components/useCursorPage.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { AssignButton } from './AssignButton.tsx';
import { poolRefusal } from './claim-refusal.ts';
import { CursorTable } from '../../components/CursorTable.tsx';

type Move = { accountId: string; userId?: string };

export default function CustomerPoolPage() {
  const { t } = useI18n();
  const format = useFormat();
  const { can } = useSession();
  const { modal, message } = App.useApp();
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const pager = useCursorPage<PoolAccount>('/api/customer-pool', { q });
  const mayAssign = can('customer_pool', 'update');

  const move = useMutation({
    mutationFn: ({ accountId, userId }: Move) => (userId ? api.post<PoolHolding>(`/api/customer-pool/${accountId}/assign`, { userId }) : api.post<PoolHolding>(`/api/customer-pool/${accountId}/claim`)),
    onSuccess: (holding) => {
      void message.success(t(holding.via === 'claimed' ? 'pool.claimed' : 'pool.assigned', { date: format.date(holding.protectedUntil) }));
      void queryClient.invalidateQueries({ queryKey: ['/api/customer-pool'] });
      void queryClient.invalidateQueries({ queryKey: ['/api/accounts'] });
    },
    onError: (error) => {
      const refusal = poolRefusal(t, error);
      modal.error({ title: refusal.title, content: <div data-testid="pool-refusal">{refusal.detail}</div>, okText: t('action.ok') });
    },
  });

  const rows = pager.query.data?.items ?? [];
  return (
    <Card>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('pool.title')}</Typography.Title>
          <Typography.Text type="secondary">{t('pool.subtitle')}</Typography.Text>
        </div>
        <Input.Search allowClear value={search} onChange={(e) => setSearch(e.target.value)} placeholder={t('accounts.searchPlaceholder')} style={{ width: 260 }} maxLength={100} />
      </Space>
      {pager.query.isError && <ErrorNotice error={pager.query.error} onRetry={() => void pager.query.refetch()} />}
      <CursorTable<PoolAccount>
        pager={pager}
        testId="pool-table"
        scrollX={820}
        empty={q ? t('accounts.emptyFiltered') : t('pool.empty')}
        rows={rows}
        columns={[
          { title: t('account.name'), dataIndex: 'name', render: (_, a) => <Link to={`/accounts/${a.id}`}>{a.name}</Link> },
          { title: t('account.industry'), dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
          { title: t('account.region'), dataIndex: 'region', render: (v: string | null) => v ?? '—' },
          { title: t('pool.lastTouch'), dataIndex: 'lastTouchAt', render: (v: string | null) => (v ? format.date(v) : <Tag>{t('pool.neverTouched')}</Tag>) },
          { title: t('pool.inPoolSince'), dataIndex: 'inPoolSince', render: (v: string | null) => format.date(v) },
          {
            title: t('pool.actions'),
            key: 'actions',
            fixed: 'right',
            render: (_, a) => (
              <Space>
                {a.myCooldownUntil ? (
                  <Tooltip title={t('pool.cooldownUntil', { date: format.date(a.myCooldownUntil) })}>
                    <Tag color="orange">{t('pool.coolingDown')}</Tag>
                  </Tooltip>
                ) : (
                  <Button size="small" type="primary" data-testid="claim" loading={move.isPending && move.variables.accountId === a.id && !move.variables.userId} onClick={() => move.mutate({ accountId: a.id })}>
                    {t('pool.claim')}
                  </Button>
                )}
                {mayAssign && <AssignButton busy={move.isPending && move.variables.accountId === a.id && Boolean(move.variables.userId)} onAssign={(userId) => move.mutate({ accountId: a.id, userId })} />}
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
