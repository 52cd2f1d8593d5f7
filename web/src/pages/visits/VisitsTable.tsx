// 拜访记录: visits in scope, newest first, with distance from the account and what the phone did not report shown as unknown.
import { Tag } from 'antd';
import type { QueryParams } from '../../api/client.ts';
import type { Visit } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useUsers, userName } from '../../api/directories.ts';
import { useCursorPage } from '../../components/useCursorPage.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { AccountName } from '../../records/AccountName.tsx';
import { CursorTable } from '../../components/CursorTable.tsx';

export function VisitsTable({ params }: { params: QueryParams }) {
  const { t } = useI18n();
  const format = useFormat();
  const users = useUsers();
  const pager = useCursorPage<Visit>('/api/visits', params);
  const unknown = <Tag>{t('visits.unknown')}</Tag>;
  if (pager.query.isError) return <ErrorNotice error={pager.query.error} onRetry={() => void pager.query.refetch()} />;
  return (
    <>
      <CursorTable<Visit>
        pager={pager}
        testId="visits-table"
        scrollX={760}
        empty={t('visits.empty')}
        columns={[
          { title: t('visits.rep'), dataIndex: 'ownerId', render: (v: string) => userName(users.data, v) },
          { title: t('visits.account'), dataIndex: 'accountId', render: (v: string) => <AccountName id={v} /> },
          { title: t('visits.checkinAt'), render: (_, v) => format.dateTime(v.checkin.at) },
          { title: t('visits.duration'), dataIndex: 'durationMinutes', align: 'right', render: (m: number | null, v) => (m === null ? <Tag color="processing">{t(`visitStatus.${v.status}`)}</Tag> : t('visits.minutes', { n: m })) },
          { title: t('visits.distance'), dataIndex: 'distanceFromAccountM', align: 'right', render: (m: number | null) => (m === null ? unknown : t('visits.meters', { n: format.number(m) })) },
          { title: t('visits.accuracy'), render: (_, v) => (v.checkin.accuracyM === null ? unknown : t('visits.meters', { n: format.number(v.checkin.accuracyM) })) },
          { title: t('visits.address'), render: (_, v) => v.checkin.address ?? unknown },
        ]}
      />
    </>
  );
}
