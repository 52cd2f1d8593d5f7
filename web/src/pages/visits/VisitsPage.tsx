// 外勤拜访: visits, fake-visit flags and the heat map, filtered by rep (for leaders) and period.
import { useState } from 'react';
import { Card, Space, Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../../app/session.tsx';
import { UserPicker } from '../../custom-fields/UserPicker.tsx';
import { PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { VisitsTable } from './VisitsTable.tsx';
import { FlagsList } from './FlagsList.tsx';
import { HeatmapPanel } from './HeatmapPanel.tsx';

export default function VisitsPage() {
  const { t } = useI18n();
  const me = useMe();
  const [search, setSearch] = useSearchParams();
  const [ownerId, setOwnerId] = useState<string | undefined>();
  const [period, setPeriod] = useState<Period>({});
  const params = { ownerId, ...period };
  return (
    <Card>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('visits.title')}</Typography.Title>
        <Space wrap>
          {me.user.role !== 'rep' && (
            <div style={{ minWidth: 180 }} aria-label={t('visits.rep')}>
              <UserPicker value={ownerId} onChange={setOwnerId} placeholder={t('visits.allReps')} />
            </div>
          )}
          <PeriodPicker value={period} onChange={setPeriod} />
        </Space>
      </Space>
      <Tabs
        activeKey={search.get('tab') ?? 'visits'}
        onChange={(tab) => setSearch({ tab })}
        items={[
          { key: 'visits', label: t('visits.list'), children: <VisitsTable params={params} /> },
          { key: 'flags', label: t('visits.flags'), children: <FlagsList params={params} /> },
          { key: 'heatmap', label: t('visits.heatmap'), children: <HeatmapPanel params={params} /> },
        ]}
      />
    </Card>
  );
}
