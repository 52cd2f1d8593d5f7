// The monthly deviation report: the ten largest gaps between forecast and outcome, root causes proposed with their evidence, confirmed by the deal's rep; CSV and PDF download.
import { useState } from 'react';
import { App, Button, Card, Checkbox, Input, Modal, Popover, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, withQuery } from '../../api/client.ts';
import type { Deviation, RootCauseTag } from '../../api/forecast-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useErrorToast } from '../../components/useErrorToast.ts';
import { currentPeriod, stepPeriod } from './period-keys.ts';
import { useSession } from '../../app/session.tsx';

function ConfirmModal({ row, tags, onClose }: { row: Deviation; tags: RootCauseTag[]; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(row.confirmedTags ?? row.proposed.map((p) => p.tag));
  const save = useMutation({
    mutationFn: () => api.post(`/api/forecast/deviations/${row.id}/confirm`, { tags: chosen }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['/api/forecast/deviations'] });
      message.success(t('forecast.tagsConfirmed'));
      onClose();
    },
    onError: showError,
  });
  return (
    <Modal open title={t('forecast.confirmTitle', { deal: row.opportunity.name })} onCancel={onClose} onOk={() => save.mutate()} okText={t('forecast.confirm')} cancelText={t('action.cancel')} okButtonProps={{ disabled: chosen.length === 0, loading: save.isPending }}>
      <Checkbox.Group value={chosen} onChange={(v) => setChosen(v)} style={{ display: 'flex', flexDirection: 'column', gap: 8 }} options={tags.filter((x) => x.active).map((x) => ({ value: x.key, label: x.label }))} />
    </Modal>
  );
}

/** admins add and retire the tenant's own root-cause tags */
function TagAdmin({ tags }: { tags: RootCauseTag[] }) {
  const { t } = useI18n();
  const showError = useErrorToast();
  const queryClient = useQueryClient();
  const [label, setLabel] = useState('');
  const done = async () => queryClient.invalidateQueries({ queryKey: ['/api/forecast/root-cause-tags'] });
  const add = useMutation({ mutationFn: () => api.post('/api/forecast/root-cause-tags', { label }), onSuccess: async () => { setLabel(''); await done(); }, onError: showError });
  const toggle = useMutation({ mutationFn: (tag: RootCauseTag) => api.patch(`/api/forecast/root-cause-tags/${tag.key.replace('custom:', '')}`, { active: !tag.active }), onSuccess: done, onError: showError });
  return (
    <Space direction="vertical" style={{ maxWidth: 320 }}>
      <Typography.Text type="secondary">{t('forecast.tagsHelp')}</Typography.Text>
      <Space wrap size={4}>
        {tags.map((tag) => (
          <Tag key={tag.key} color={tag.builtin ? 'blue' : tag.active ? 'purple' : 'default'} closable={!tag.builtin && tag.active} onClose={(e) => { e.preventDefault(); toggle.mutate(tag); }} style={tag.active ? undefined : { textDecoration: 'line-through', cursor: 'pointer' }} onClick={() => !tag.active && toggle.mutate(tag)}>
            {tag.label}
          </Tag>
        ))}
      </Space>
      <Space.Compact style={{ width: '100%' }}>
        <Input maxLength={40} value={label} placeholder={t('forecast.newTag')} onChange={(e) => setLabel(e.target.value)} />
        <Button disabled={!label.trim()} loading={add.isPending} onClick={() => add.mutate()}>{t('forecast.addTag')}</Button>
      </Space.Compact>
    </Space>
  );
}

export function DeviationReport({ timeZone }: { timeZone: string | undefined }) {
  const { t, locale } = useI18n();
  const { can } = useSession();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const queryClient = useQueryClient();
  const format = useFormat();
  const [month, setMonth] = useState(() => stepPeriod(currentPeriod('month', timeZone), -1));
  const [confirming, setConfirming] = useState<Deviation | null>(null);
  const report = useQuery({ queryKey: ['/api/forecast/deviations', month], queryFn: ({ signal }) => api.get<{ items: Deviation[] }>('/api/forecast/deviations', { month }, signal) });
  const tags = useQuery({ queryKey: ['/api/forecast/root-cause-tags'], queryFn: ({ signal }) => api.get<{ items: RootCauseTag[] }>('/api/forecast/root-cause-tags', {}, signal) });
  const build = useMutation({
    mutationFn: () => api.post('/api/forecast/deviations/build', { month }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['/api/forecast/deviations'] });
      message.success(t('forecast.reportBuilt'));
    },
    onError: showError,
  });
  const label = (key: string) => {
    const tag = tags.data?.items.find((x) => x.key === key);
    return tag ? (locale === 'en' ? tag.labelEn : tag.label) : key;
  };
  return (
    <Card title={t('forecast.deviationsTitle')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Button size="small" icon={<LeftOutlined />} aria-label={t('forecast.previousPeriod')} onClick={() => setMonth((m) => stepPeriod(m, -1))} />
        <Typography.Text strong>{month}</Typography.Text>
        <Button size="small" icon={<RightOutlined />} aria-label={t('forecast.nextPeriod')} onClick={() => setMonth((m) => stepPeriod(m, 1))} />
        <Button size="small" icon={<DownloadOutlined />} href={withQuery('/api/forecast/deviations/export.csv', { month })}>CSV</Button>
        <Button size="small" icon={<DownloadOutlined />} href={withQuery('/api/forecast/deviations/export.pdf', { month })}>PDF</Button>
        {can('forecast_snapshots', 'create') && <Button size="small" loading={build.isPending} onClick={() => build.mutate()}>{t('forecast.buildReport')}</Button>}
        {can('forecast_root_cause_tags', 'create') && tags.data && (
          <Popover trigger="click" title={t('forecast.manageTags')} content={<TagAdmin tags={tags.data.items} />}>
            <Button size="small">{t('forecast.manageTags')}</Button>
          </Popover>
        )}
      </Space>
      <QueryView query={report}>
        {(data) => (
          <Table<Deviation>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 980 }}
            dataSource={data.items}
            data-testid="forecast-deviations"
            locale={{ emptyText: <EmptyHint text={t('forecast.noDeviations')} /> }}
            columns={[
              { title: t('opportunity.name'), key: 'deal', render: (_, d) => <Link to={`/opportunities/${d.opportunity.id}`}>{d.opportunity.name}</Link> },
              { title: t('opportunity.owner'), key: 'owner', render: (_, d) => d.owner?.name ?? '—' },
              { title: t('forecast.kind'), dataIndex: 'kind', render: (v: Deviation['kind']) => t(`forecast.kind.${v}`) },
              { title: t('forecast.forecastAmount'), dataIndex: 'forecast', align: 'right', render: (v: string) => format.money(v) },
              { title: t('forecast.actual'), dataIndex: 'actual', align: 'right', render: (v: string) => format.money(v) },
              { title: t('forecast.deviation'), dataIndex: 'deviation', align: 'right', render: (v: string) => <Typography.Text type={v.startsWith('-') ? 'danger' : 'success'}>{format.money(v)}</Typography.Text> },
              {
                title: t('forecast.proposed'),
                key: 'proposed',
                render: (_, d) =>
                  d.proposed.length === 0 ? '—' : d.proposed.map((p) => (
                    <Popover key={p.tag} title={t('forecast.evidence')} content={<ul style={{ margin: 0, paddingLeft: 16, maxWidth: 360 }}>{p.evidence.map((e) => <li key={e}>{e}</li>)}</ul>}>
                      <Tag color="orange" style={{ cursor: 'help' }}>{label(p.tag)}</Tag>
                    </Popover>
                  )),
              },
              {
                title: t('forecast.confirmed'),
                key: 'confirmed',
                render: (_, d) => (
                  <Space wrap size={4}>
                    {d.confirmedTags ? d.confirmedTags.map((k) => <Tag key={k} color="green">{label(k)}</Tag>) : <Typography.Text type="secondary">{t('forecast.pending')}</Typography.Text>}
                    {d.canConfirm && <Button size="small" onClick={() => setConfirming(d)}>{d.confirmedTags ? t('forecast.change') : t('forecast.confirm')}</Button>}
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      {confirming && tags.data && <ConfirmModal row={confirming} tags={tags.data.items} onClose={() => setConfirming(null)} />}
    </Card>
  );
}
