// Notes on a record: the list and a box to add one (internal or shareable with the customer).
import { useState } from 'react';
import { Button, Input, List, Segmented, Skeleton, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../api/client.ts';
import type { Note } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/format.ts';
import { useUsers, userName } from '../api/directories.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { EmptyHint } from '../components/EmptyHint.tsx';

export function NotesPanel({ entity, entityId }: { entity: 'accounts' | 'opportunities'; entityId: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const users = useUsers();
  const queryClient = useQueryClient();
  const [body, setBody] = useState('');
  const [visibility, setVisibility] = useState<Note['visibility']>('internal');
  const key = ['/api/notes', entity, entityId];
  const notes = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<Page<Note>>('/api/notes', { entity, entityId, limit: 100 }, signal) });
  const add = useMutation({
    mutationFn: () => api.post<Note>('/api/notes', { entity, entityId, body: body.trim(), visibility }),
    onSuccess: async () => {
      setBody('');
      await queryClient.invalidateQueries({ queryKey: key });
    },
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea value={body} onChange={(e) => setBody(e.target.value)} autoSize={{ minRows: 2, maxRows: 6 }} maxLength={10_000} placeholder={t('notes.placeholder')} aria-label={t('notes.placeholder')} />
      <Space wrap>
        <Segmented<Note['visibility']> value={visibility} onChange={setVisibility} options={[{ value: 'internal', label: t('notes.internal') }, { value: 'shareable', label: t('notes.shareable') }]} />
        <Button type="primary" disabled={!body.trim()} loading={add.isPending} onClick={() => add.mutate()}>
          {t('notes.add')}
        </Button>
      </Space>
      {add.isError && <ErrorNotice error={add.error} />}
      {notes.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : notes.isError ? (
        <ErrorNotice error={notes.error} onRetry={() => void notes.refetch()} />
      ) : notes.data.items.length === 0 ? (
        <EmptyHint text={t('notes.empty')} />
      ) : (
        <List
          dataSource={notes.data.items}
          renderItem={(note) => (
            <List.Item>
              <div style={{ width: '100%' }}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>{note.body}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {userName(users.data, note.authorId)} · {format.dateTime(note.createdAt)}{' '}
                  {note.visibility === 'shareable' && <Tag color="green">{t('notes.shareable')}</Tag>}
                </Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
