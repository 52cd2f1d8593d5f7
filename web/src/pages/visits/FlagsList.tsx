// 异常标记: fake-visit flags in scope with their evidence, the rep's answer and the manager's outcome.
import { useState } from 'react';
import { Card, List, Segmented, Space, Tag, Typography } from 'antd';
import type { QueryParams } from '../../api/client.ts';
import type { VisitFlag } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useUsers, userName } from '../../api/directories.ts';
import { useCursorPage } from '../../components/useCursorPage.ts';
import { CursorPager } from '../../components/CursorPager.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { AccountName } from '../../records/AccountName.tsx';
import { FlagEvidence } from './FlagEvidence.tsx';
import { FlagReview } from './FlagReview.tsx';

const statusColors: Record<VisitFlag['status'], string> = { open: 'red', answered: 'gold', closed: 'default' };
type StatusFilter = VisitFlag['status'] | 'all';

export function FlagsList({ params }: { params: QueryParams }) {
  const { t } = useI18n();
  const format = useFormat();
  const users = useUsers();
  const [status, setStatus] = useState<StatusFilter>('all');
  const pager = useCursorPage<VisitFlag>('/api/visits/flags', { ownerId: params.ownerId, status: status === 'all' ? undefined : status }, 10);
  const flags = pager.query.data?.items ?? [];
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Segmented<StatusFilter> value={status} onChange={setStatus} options={(['all', 'open', 'answered', 'closed'] as const).map((s) => ({ value: s, label: t(`flagStatus.${s}`) }))} />
      {pager.query.isError && <ErrorNotice error={pager.query.error} onRetry={() => void pager.query.refetch()} />}
      <List
        loading={pager.query.isPending}
        dataSource={flags}
        locale={{ emptyText: <EmptyHint text={t('flags.empty')} /> }}
        renderItem={(flag) => (
          <List.Item key={flag.id} style={{ display: 'block' }}>
            <Card size="small" data-testid="visit-flag" title={<Space wrap><Tag color="volcano">{t(`flagRule.${flag.rule}`)}</Tag><span>{userName(users.data, flag.ownerId)}</span><AccountName id={flag.accountId} /></Space>} extra={<Tag color={statusColors[flag.status]}>{t(`flagStatus.${flag.status}`)}</Tag>}>
              <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>{t(`flagRuleHelp.${flag.rule}`)} · {format.dateTime(flag.createdAt)}</Typography.Paragraph>
              <FlagEvidence evidence={flag.evidence} />
              {flag.answer && <Typography.Paragraph><Typography.Text strong>{t('flags.repAnswer')}：</Typography.Text>{flag.answer}</Typography.Paragraph>}
              {flag.outcome && (
                <Typography.Paragraph>
                  <Typography.Text strong>{t('flags.outcome')}：</Typography.Text>{t(`flagOutcome.${flag.outcome}`)}{flag.outcomeNote ? ` — ${flag.outcomeNote}` : ''} ({userName(users.data, flag.outcomeBy)} · {format.dateTime(flag.outcomeAt)})
                </Typography.Paragraph>
              )}
              <FlagReview flag={flag} />
            </Card>
          </List.Item>
        )}
      />
      <CursorPager {...pager} />
    </Space>
  );
}
