// 15 分钟记录率: per rep or team, the share of touches logged within 15 minutes of happening, and the median delay.
import { Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { TouchLogging, TouchLoggingRow } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import type { Period } from '../../components/PeriodPicker.tsx';
import { ShareCell } from './ShareCell.tsx';

export function TouchLoggingTable({ groupBy, period }: { groupBy: 'rep' | 'team'; period: Period }) {
  const { t } = useI18n();
  const format = useFormat();
  const query = useQuery({
    queryKey: ['/api/metrics/touch-logging', groupBy, period],
    queryFn: ({ signal }) => api.get<TouchLogging>('/api/metrics/touch-logging', { groupBy, ...period }, signal),
  });
  return (
    <QueryView query={query}>
      {(data) => (
        <>
          <Typography.Paragraph type="secondary">{t('touchLogging.period', { from: format.date(data.from), to: format.date(data.to), n: data.windowMinutes })}</Typography.Paragraph>
          <Table<TouchLoggingRow>
            rowKey={(r) => r.id ?? 'none'}
            size="small"
            pagination={false}
            scroll={{ x: 520 }}
            data-testid="touch-logging"
            dataSource={data.groups}
            locale={{ emptyText: <EmptyHint text={t('touchLogging.empty')} /> }}
            summary={() =>
              data.total && (
                <Table.Summary.Row>
                  <Table.Summary.Cell index={0}><Typography.Text strong>{t('completeness.total')}</Typography.Text></Table.Summary.Cell>
                  <Table.Summary.Cell index={1} align="right">{data.total.count}</Table.Summary.Cell>
                  <Table.Summary.Cell index={2}><ShareCell share={data.total.share} met={data.total.within15} total={data.total.count} label={t('touchLogging.within', { n: data.windowMinutes })} /></Table.Summary.Cell>
                  <Table.Summary.Cell index={3} align="right">{t('touchLogging.minutes', { n: data.total.medianDelayMinutes })}</Table.Summary.Cell>
                </Table.Summary.Row>
              )
            }
            columns={[
              { title: groupBy === 'rep' ? t('visits.rep') : t('admin.team'), dataIndex: 'name', render: (v: string | null) => v ?? t('completeness.noTeam') },
              { title: t('touchLogging.touches'), dataIndex: 'count', align: 'right' },
              { title: t('touchLogging.within', { n: data.windowMinutes }), render: (_, r) => <ShareCell share={r.share} met={r.within15} total={r.count} label={t('touchLogging.within', { n: data.windowMinutes })} /> },
              { title: t('touchLogging.median'), dataIndex: 'medianDelayMinutes', align: 'right', render: (m: number) => t('touchLogging.minutes', { n: m }) },
            ]}
          />
        </>
      )}
    </QueryView>
  );
}
