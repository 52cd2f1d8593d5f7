// 记一笔: log a customer touch from a phone — channel, topic, mood in three taps, optional voice-typed note.
import { useEffect, useState } from 'react';
import { App, Button, Card, Input, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import { moods, type Account, type Activity, type ActivityType, type Mood, type Opportunity } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../../app/session.tsx';
import { useLabels, moodEmoji } from '../../components/labels.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { rememberContext } from '../../app/last-context.ts';
import { useSuggestedContext } from './quick-log-context.ts';
import { ChoiceGrid } from './ChoiceGrid.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';

const channels: { value: ActivityType; icon: string }[] = [
  { value: 'visit', icon: '🚗' },
  { value: 'call', icon: '📞' },
  { value: 'wechat', icon: '💬' },
  { value: 'email', icon: '✉️' },
  { value: 'meeting', icon: '👥' },
];
const topics: MessageKey[] = ['topic.firstVisit', 'topic.needs', 'topic.demo', 'topic.quote', 'topic.negotiation', 'topic.payment', 'topic.service', 'topic.relationship'];

export default function QuickLogPage() {
  const { t } = useI18n();
  const labels = useLabels();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const suggested = useSuggestedContext(me.user.id);
  const [accountId, setAccountId] = useState<string>();
  const [accountLabel, setAccountLabel] = useState<string>();
  const [opportunityId, setOpportunityId] = useState<string>();
  const [channel, setChannel] = useState<ActivityType>();
  const [topic, setTopic] = useState<string>();
  const [mood, setMood] = useState<Mood>();
  const [note, setNote] = useState('');
  const [accountSearch, setAccountSearch] = useState('');
  const q = useDebounced(accountSearch.trim(), 250);

  useEffect(() => {
    if (suggested.data && !accountId) {
      setAccountId(suggested.data.accountId);
      setAccountLabel(suggested.data.accountName);
      setOpportunityId(suggested.data.opportunityId);
    }
  }, [suggested.data, accountId]);

  const accountMatches = useQuery({ queryKey: ['/api/accounts', 'pick', q], enabled: q.length > 0, queryFn: ({ signal }) => api.get<Page<Account>>('/api/accounts', { q, limit: 20, sort: 'name' }, signal) });
  const deals = useQuery({
    queryKey: ['/api/opportunities', { accountId, open: true }],
    enabled: Boolean(accountId),
    queryFn: ({ signal }) => api.get<Page<Opportunity>>('/api/opportunities', { accountId, stage: 'lead,qualified,solution,quoted,negotiation', limit: 50 }, signal),
  });

  const save = useMutation({
    mutationFn: () =>
      api.post<Activity>('/api/activities', {
        type: channel,
        subject: topic,
        mood: mood ?? null,
        body: note.trim() || null,
        occurredAt: new Date().toISOString(),
        accountId: accountId ?? null,
        opportunityId: opportunityId ?? null,
      }),
    onSuccess: async () => {
      message.success(t('quickLog.saved'));
      if (accountId && accountLabel) {
        const deal = deals.data?.items.find((d) => d.id === opportunityId);
        rememberContext({ accountId, accountName: accountLabel, opportunityId: deal?.id, opportunityName: deal?.name });
      }
      setChannel(undefined);
      setTopic(undefined);
      setMood(undefined);
      setNote('');
      await queryClient.invalidateQueries({ queryKey: ['/api/activities'] });
    },
  });

  const accountOptions = accountMatches.data?.items.map((a) => ({ value: a.id, label: a.name })) ?? (accountId && accountLabel ? [{ value: accountId, label: accountLabel }] : []);
  const ready = Boolean(channel && topic && accountId);

  return (
    <div style={{ maxWidth: 520, margin: '0 auto' }}>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('quickLog.title')}</Typography.Title>
        <Card size="small" title={t('quickLog.customer')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Select
              showSearch
              filterOption={false}
              data-testid="quick-log-account"
              placeholder={t('quickLog.pickAccount')}
              value={accountId}
              options={accountOptions}
              onSearch={setAccountSearch}
              onChange={(value: string, option) => {
                setAccountId(value);
                setAccountLabel((option as { label: string } | undefined)?.label);
                setOpportunityId(undefined);
              }}
              notFoundContent={q ? t('quickLog.noAccountMatch') : t('quickLog.typeToSearch')}
              style={{ width: '100%' }}
            />
            <Select
              allowClear
              placeholder={t('quickLog.pickDeal')}
              value={opportunityId}
              disabled={!accountId}
              loading={deals.isFetching}
              options={deals.data?.items.map((d) => ({ value: d.id, label: d.name })) ?? []}
              onChange={(value?: string) => setOpportunityId(value)}
              style={{ width: '100%' }}
            />
            {suggested.data && accountId === suggested.data.accountId && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(suggested.data.source === 'viewed' ? 'quickLog.fromViewed' : 'quickLog.fromRecent')}</Typography.Text>
            )}
          </Space>
        </Card>
        <Card size="small" title={t('quickLog.channel')}>
          <ChoiceGrid<ActivityType> name="channel" columns={5} value={channel} onChange={setChannel} options={channels.map((c) => ({ value: c.value, icon: c.icon, label: labels.activityType(c.value) }))} />
        </Card>
        <Card size="small" title={t('quickLog.topic')}>
          <ChoiceGrid name="topic" columns={4} value={topic} onChange={setTopic} options={topics.map((key) => ({ value: t(key), label: t(key) }))} />
        </Card>
        <Card size="small" title={t('quickLog.mood')}>
          <ChoiceGrid<Mood> name="mood" columns={4} value={mood} onChange={setMood} options={moods.map((m) => ({ value: m, icon: moodEmoji[m], label: labels.mood(m) }))} />
        </Card>
        <Card size="small" title={t('quickLog.note')}>
          <Input.TextArea value={note} onChange={(e) => setNote(e.target.value)} maxLength={5000} autoSize={{ minRows: 2, maxRows: 6 }} placeholder={t('quickLog.notePlaceholder')} aria-label={t('quickLog.note')} />
        </Card>
        {save.isError && <ErrorNotice error={save.error} />}
        <Button type="primary" size="large" block disabled={!ready} loading={save.isPending} onClick={() => save.mutate()} data-testid="quick-log-save">
          {ready ? t('quickLog.save') : !accountId ? t('quickLog.needAccount') : t('quickLog.needChoices')}
        </Button>
      </Space>
    </div>
  );
}
