// What one can do with a flag: the flagged rep answers it; a manager records the outcome with a note.
import { useState } from 'react';
import { App, Button, Input, Select, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { flagOutcomes, type FlagOutcome, type VisitFlag } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useMe, useSession } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

export function FlagReview({ flag }: { flag: VisitFlag }) {
  const { t } = useI18n();
  const me = useMe();
  const { can } = useSession();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [outcome, setOutcome] = useState<FlagOutcome>('accepted');
  const saved = (note: string) => {
    setText('');
    void message.success(note);
    void queryClient.invalidateQueries({ queryKey: ['/api/visits/flags'] });
  };
  const answer = useMutation({ mutationFn: () => api.post<VisitFlag>(`/api/visits/flags/${flag.id}/answer`, { text: text.trim() }), onSuccess: () => saved(t('flags.answered')) });
  const decide = useMutation({ mutationFn: () => api.post<VisitFlag>(`/api/visits/flags/${flag.id}/outcome`, { outcome, note: text.trim() }), onSuccess: () => saved(t('flags.decided')) });
  const own = flag.ownerId === me.user.id;
  const mayDecide = !own && can('visit_flag_outcomes', 'create');
  if (flag.status === 'closed' || (!own && !mayDecide)) return null;
  const error = answer.error ?? decide.error;
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea value={text} onChange={(e) => setText(e.target.value)} maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} placeholder={own ? t('flags.answerPlaceholder') : t('flags.notePlaceholder')} aria-label={own ? t('flags.answer') : t('flags.note')} />
      {error && <ErrorNotice error={error} />}
      {own ? (
        <Button type="primary" disabled={!text.trim()} loading={answer.isPending} onClick={() => answer.mutate()}>{t('flags.answer')}</Button>
      ) : (
        <Space wrap>
          <Select<FlagOutcome> value={outcome} onChange={setOutcome} style={{ minWidth: 160 }} options={flagOutcomes.map((o) => ({ value: o, label: t(`flagOutcome.${o}`) }))} aria-label={t('flags.outcome')} />
          <Button type="primary" disabled={!text.trim()} loading={decide.isPending} onClick={() => decide.mutate()}>{t('flags.recordOutcome')}</Button>
        </Space>
      )}
    </Space>
  );
}
