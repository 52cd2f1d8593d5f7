// The drill-down: the open deals that fail one check (of one rep, or of everyone in scope), each linked to its deal page.
import { Drawer, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { CompletenessCheck, OffendingDeal } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { StageTag } from '../../components/labels.tsx';
import { useCursorPage } from '../../components/useCursorPage.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';

export interface Drill {
  check: CompletenessCheck;
  ownerId?: string;
  who: string;
}

function DealsOfCheck({ drill }: { drill: Drill }) {
  const { t } = useI18n();
  const format = useFormat();
  const pager = useCursorPage<OffendingDeal>('/api/metrics/process-completeness/deals', { check: drill.check, ownerId: drill.ownerId });
  if (pager.query.isError) return <ErrorNotice error={pager.query.error} onRetry={() => void pager.query.refetch()} />;
  return (
    <>
      <Typography.Paragraph type="secondary">{t(`completeness.fix.${drill.check}`)}</Typography.Paragraph>
      <CursorTable<OffendingDeal>
        pager={pager}
        testId="offending-deals"
        scrollX={640}
        empty={t('completeness.noOffending')}
        columns={[
          { title: t('opportunity.name'), dataIndex: 'name', render: (_, d) => <Link to={`/opportunities/${d.id}`}>{d.name}</Link> },
          { title: t('opportunity.account'), dataIndex: 'accountName', render: (_, d) => <Link to={`/accounts/${d.accountId}`}>{d.accountName}</Link> },
          { title: t('opportunity.stage'), dataIndex: 'stage', render: (_, d) => <StageTag stage={d.stage} /> },
          { title: t('opportunity.owner'), dataIndex: 'ownerName', render: (v: string | null) => v ?? '—' },
          { title: t('completeness.lastTouch'), dataIndex: 'lastTouchAt', render: (v: string | null) => (v ? format.dateTime(v) : t('completeness.neverTouched')) },
        ]}
      />
    </>
  );
}

export function OffendingDeals({ drill, onClose }: { drill: Drill | null; onClose: () => void }) {
  const { t } = useI18n();
  return (
    <Drawer open={drill !== null} onClose={onClose} size="large" title={drill ? t('completeness.drillTitle', { who: drill.who, check: t(`completeness.check.${drill.check}`) }) : ''} destroyOnHidden>
      {drill && <DealsOfCheck drill={drill} />}
    </Drawer>
  );
}
