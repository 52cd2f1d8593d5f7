// The drill-down of one pipeline-changes bucket: its deals, page by page, with where each stood
// at the period's start and end, each linked to its deal page.
import { Drawer, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { StageTag } from '../../components/labels.tsx';
import { useCursorPage } from '../../components/useCursorPage.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import type { BucketKey, ChangeDeal } from './change-types.ts';
import { CursorTable } from '../../components/CursorTable.tsx';

export interface ChangeDrill {
  bucket: BucketKey;
  period: string;
  periodLabel: string;
  ownerId?: string;
  teamId?: string;
}

function BucketDeals({ drill }: { drill: ChangeDrill }) {
  const { t } = useI18n();
  const format = useFormat();
  const pager = useCursorPage<ChangeDeal>('/api/pipeline/changes/deals', { period: drill.period, bucket: drill.bucket, ownerId: drill.ownerId, teamId: drill.teamId });
  if (pager.query.isError) return <ErrorNotice error={pager.query.error} onRetry={() => void pager.query.refetch()} />;
  const state = (s: ChangeDeal['atStart']) => (s.stage ? <span>{format.money(s.amount)} · {format.date(s.expectedCloseDate)}</span> : <Typography.Text type="secondary">—</Typography.Text>);
  return (
    <>
      <Typography.Paragraph type="secondary">{t(`pipelineChanges.help.${drill.bucket}`)}</Typography.Paragraph>
      <CursorTable<ChangeDeal>
        pager={pager}
        testId="change-deals"
        scrollX={640}
        empty={t('pipelineChanges.noDeals')}
        columns={[
          {
            title: t('opportunity.name'),
            dataIndex: 'name',
            render: (_, d) => (
              <div style={{ minWidth: 140 }}>
                <Link to={`/opportunities/${d.id}`}>{d.name}</Link>
                <div><Link to={`/accounts/${d.accountId}`} style={{ fontSize: 12, color: '#6b7280' }}>{d.accountName}</Link></div>
              </div>
            ),
          },
          { title: t('opportunity.owner'), dataIndex: 'ownerName', render: (v: string | null) => <span style={{ whiteSpace: 'nowrap' }}>{v ?? '—'}</span> },
          { title: t('pipelineChanges.atStart'), key: 'start', render: (_, d) => state(d.atStart) },
          { title: t('pipelineChanges.atEnd'), key: 'end', render: (_, d) => <span><StageTag stage={d.atEnd.stage} /> {state(d.atEnd)}</span> },
          { title: t('pipelineChanges.delta'), dataIndex: 'amountDelta', align: 'right', render: (v: string | null | undefined) => (v && v !== '0.00' ? <Typography.Text type={v.startsWith('-') ? 'danger' : 'success'} style={{ whiteSpace: 'nowrap' }}>{format.money(v)}</Typography.Text> : '—') },
        ]}
      />
    </>
  );
}

export function ChangeDealsDrawer({ drill, onClose }: { drill: ChangeDrill | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer open={drill !== null} onClose={onClose} size="large" title={drill ? t('pipelineChanges.drillTitle', { bucket: t(`pipelineChanges.bucket.${drill.bucket}`), period: drill.periodLabel }) : ''} destroyOnHidden>
      {drill && <BucketDeals drill={drill} />}
    </Drawer>
  );
}
