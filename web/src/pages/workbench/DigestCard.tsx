// 我的日报 on the workbench: a rep sees today's (or the latest) 18:00 digest; a leader picks a date and reads the team's.
import { useState } from 'react';
import { Card, DatePicker, Divider, List } from 'antd';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { api, fetchAll, type Page } from '../../api/client.ts';
import type { Digest } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { tenantDate } from '../../i18n/format.ts';
import { useMe } from '../../app/session.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { DigestItem } from './DigestItem.tsx';

/** before 18:00 today's digest does not exist yet: look back this many days for the latest */
const LOOK_BACK_DAYS = 7;

function MyLatestDigest({ userId, today }: { userId: string; today: string }) {
  const { t } = useI18n();
  const query = useQuery({
    queryKey: ['/api/digests', 'latest', userId, today],
    queryFn: async ({ signal }) => {
      for (let back = 0; back <= LOOK_BACK_DAYS; back++) {
        const date = dayjs(today).subtract(back, 'day').format('YYYY-MM-DD');
        const page = await api.get<Page<Digest>>('/api/digests', { date, userId, limit: 1 }, signal);
        if (page.items[0]) return page.items[0];
      }
      return null;
    },
  });
  return <QueryView query={query}>{(digest) => (digest ? <DigestItem digest={digest} /> : <EmptyHint text={t('digest.noneYet')} />)}</QueryView>;
}

function TeamDigests({ today }: { today: string }) {
  const { t } = useI18n();
  const [date, setDate] = useState(today);
  const query = useQuery({
    queryKey: ['/api/digests', 'team', date],
    queryFn: async ({ signal }) => (await fetchAll<Digest>('/api/digests', { date }, 1000, signal)).items,
  });
  return (
    <>
      <DatePicker
        value={dayjs(date)}
        allowClear={false}
        disabledDate={(d) => d.format('YYYY-MM-DD') > today}
        onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
        aria-label={t('digest.date')}
        data-testid="digest-date"
      />
      <Divider style={{ margin: '12px 0' }} />
      <QueryView query={query}>
        {(digests) =>
          digests.length === 0 ? (
            <EmptyHint text={t('digest.noneForDate')} />
          ) : (
            <List dataSource={digests} renderItem={(d) => <List.Item key={d.id}><DigestItem digest={d} showName /></List.Item>} />
          )
        }
      </QueryView>
    </>
  );
}

export function DigestCard() {
  const { t } = useI18n();
  const me = useMe();
  const today = tenantDate(me.tenant.timeZone);
  const leader = me.user.role !== 'rep';
  return (
    <Card title={leader ? t('digest.teamTitle') : t('digest.myTitle')} data-testid="digest-card">
      {leader ? <TeamDigests today={today} /> : <MyLatestDigest userId={me.user.id} today={today} />}
    </Card>
  );
}
