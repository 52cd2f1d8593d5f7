// 过程完整度: per rep or team, the share of open deals touched in 14 days, with a decision maker and a fresh competition note;
// a share opens the deals that fail it. Below it, the 15-minute touch-logging rate.
import { useState } from 'react';
import { Card, Segmented, Space, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { checkField, completenessChecks, type CompletenessRow, type CompletenessSummary } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { PeriodPicker, type Period } from '../../components/PeriodPicker.tsx';
import { ShareCell } from './ShareCell.tsx';
import { OffendingDeals, type Drill } from './OffendingDeals.tsx';
import { TouchLoggingTable } from './TouchLoggingTable.tsx';

type Row = CompletenessSummary['items'][number];

export default function CompletenessPage() {
  const { t } = useI18n();
  const format = useFormat();
  const [groupBy, setGroupBy] = useState<'rep' | 'team'>('rep');
  const [drill, setDrill] = useState<Drill | null>(null);
  const [period, setPeriod] = useState<Period>({});
  const summary = useQuery({
    queryKey: ['/api/metrics/process-completeness', groupBy],
    queryFn: ({ signal }) => api.get<CompletenessSummary>('/api/metrics/process-completeness', { groupBy }, signal),
  });
  // a team row has no single owner to filter by, so only rep rows and the total drill down
  const checkColumns = (who: (r: Row) => Omit<Drill, 'check'> | null) =>
    completenessChecks.map((check) => ({
      title: t(`completeness.check.${check}`),
      key: check,
      render: (_: unknown, r: Row) => {
        const target = who(r);
        const cell = r[checkField[check]];
        return <ShareCell share={cell.share} met={cell.met} total={r.openDeals} label={t(`completeness.help.${check}`)} onOpen={target ? () => setDrill({ ...target, check }) : undefined} />;
      },
    }));
  const totalCell = (total: CompletenessRow, index: number) => {
    const check = completenessChecks[index];
    const cell = total[checkField[check]];
    return <ShareCell share={cell.share} met={cell.met} total={total.openDeals} label={t(`completeness.help.${check}`)} onOpen={() => setDrill({ check, who: t('completeness.everyone') })} />;
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
          <div>
            <Typography.Title level={4} style={{ margin: 0 }}>{t('completeness.title')}</Typography.Title>
            <Typography.Text type="secondary">{t('completeness.subtitle')}</Typography.Text>
          </div>
          <Segmented<'rep' | 'team'> value={groupBy} onChange={setGroupBy} options={[{ value: 'rep', label: t('completeness.byRep') }, { value: 'team', label: t('completeness.byTeam') }]} />
        </Space>
        <QueryView query={summary} rows={6}>
          {(data) => (
            <>
              <Table<Row>
                rowKey={(r) => r.id ?? 'none'}
                size="small"
                pagination={false}
                scroll={{ x: 720 }}
                data-testid="completeness-table"
                dataSource={data.items}
                locale={{ emptyText: <EmptyHint text={t('completeness.empty')} /> }}
                columns={[
                  { title: groupBy === 'rep' ? t('visits.rep') : t('admin.team'), dataIndex: 'name', render: (v: string | null) => v ?? t('completeness.noTeam') },
                  { title: t('completeness.openDeals'), dataIndex: 'openDeals', align: 'right' },
                  ...checkColumns((r) => (groupBy === 'rep' && r.id ? { ownerId: r.id, who: r.name ?? '' } : null)),
                ]}
                summary={() =>
                  data.items.length > 0 && (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0}><Typography.Text strong>{t('completeness.total')}</Typography.Text></Table.Summary.Cell>
                      <Table.Summary.Cell index={1} align="right">{data.total.openDeals}</Table.Summary.Cell>
                      {completenessChecks.map((check, i) => <Table.Summary.Cell key={check} index={i + 2}>{totalCell(data.total, i)}</Table.Summary.Cell>)}
                    </Table.Summary.Row>
                  )
                }
              />
              <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>{t('completeness.asOf', { when: format.dateTime(data.asOf) })}</Typography.Text>
            </>
          )}
        </QueryView>
      </Card>
      <Card
        title={t('touchLogging.title')}
        extra={<PeriodPicker value={period} onChange={setPeriod} />}
      >
        <TouchLoggingTable groupBy={groupBy} period={period} />
      </Card>
      <OffendingDeals drill={drill} onClose={() => setDrill(null)} />
    </Space>
  );
}
