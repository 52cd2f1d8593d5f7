// One daily digest: its text, who wrote it (model or offline), and, for its own seller, correct or accept.
import { useState } from 'react';
import { App, Button, Input, Space, Tag, Typography } from 'antd';
import { CheckOutlined, EditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Digest } from '../../api/process-types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

const statusColors: Record<Digest['status'], string> = { pending: 'gold', adopted: 'green', edited: 'blue', rejected: 'red' };

export function DigestItem({ digest, showName }: { digest: Digest; showName?: boolean }) {
  const { t } = useI18n();
  const format = useFormat();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<string | null>(null);
  const own = digest.userId === me.user.id;
  const decided = digest.status !== 'pending';
  const done = (text: string) => {
    setDraft(null);
    void message.success(text);
    void queryClient.invalidateQueries({ queryKey: ['/api/digests'] });
  };
  const correct = useMutation({ mutationFn: (text: string) => api.put<Digest>(`/api/digests/${digest.id}`, { text }), onSuccess: () => done(t('digest.corrected')) });
  const accept = useMutation({ mutationFn: () => api.post<Digest>(`/api/digests/${digest.id}/accept`), onSuccess: () => done(t('digest.accepted')) });
  const failure = correct.error ?? accept.error;

  return (
    <div data-testid="digest-item" data-digest-id={digest.id}>
      <Space wrap size={[8, 4]} style={{ marginBottom: 8 }}>
        {showName && <Typography.Text strong>{digest.userName}</Typography.Text>}
        <Typography.Text type="secondary">{format.date(digest.date)}</Typography.Text>
        <Tag color={digest.offline ? 'default' : 'purple'} data-testid="digest-provider">
          {digest.offline ? t('digest.offline') : t('digest.byModel', { model: digest.model ?? digest.provider })}
        </Tag>
        <Tag color={statusColors[digest.status]}>{t(`digestStatus.${digest.status}`)}</Tag>
      </Space>
      {draft === null ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }} data-testid="digest-text">{digest.text}</Typography.Paragraph>
      ) : (
        <Input.TextArea value={draft} onChange={(e) => setDraft(e.target.value)} autoSize={{ minRows: 4, maxRows: 16 }} maxLength={10_000} aria-label={t('digest.editLabel')} data-testid="digest-editor" />
      )}
      {failure && <ErrorNotice error={failure} />}
      {own && !decided && (
        <Space style={{ marginTop: 8 }} wrap>
          {draft === null ? (
            <>
              <Button type="primary" icon={<CheckOutlined />} loading={accept.isPending} onClick={() => accept.mutate()}>{t('digest.accept')}</Button>
              <Button icon={<EditOutlined />} onClick={() => setDraft(digest.text)}>{t('digest.correct')}</Button>
            </>
          ) : (
            <>
              <Button type="primary" loading={correct.isPending} disabled={!draft.trim()} onClick={() => correct.mutate(draft.trim())}>{t('digest.saveCorrection')}</Button>
              <Button onClick={() => setDraft(null)}>{t('action.cancel')}</Button>
            </>
          )}
        </Space>
      )}
      {own && decided && <Typography.Text type="secondary">{t('digest.decidedHint')}</Typography.Text>}
    </div>
  );
}
