// API tokens for integrations: list, create (the secret is shown once), revoke.
import { useState } from 'react';
import { Alert, Button, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { ApiToken } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';

export function TokensTab() {
  const { t } = useI18n();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const tokens = useQuery({ queryKey: ['/api/tokens'], queryFn: ({ signal }) => api.get<Page<ApiToken>>('/api/tokens', {}, signal) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['/api/tokens'] });
  const create = useMutation({
    mutationFn: () => api.post<{ id: string; token: string }>('/api/tokens', { name: name.trim() }),
    onSuccess: async (created) => {
      setSecret(created.token);
      setName('');
      await refresh();
    },
  });
  const revoke = useMutation({ mutationFn: (id: string) => api.delete(`/api/tokens/${id}`), onSuccess: refresh });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space.Compact style={{ maxWidth: 420, width: '100%' }}>
        <Input value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder={t('admin.tokenName')} aria-label={t('admin.tokenName')} />
        <Button type="primary" disabled={!name.trim()} loading={create.isPending} onClick={() => create.mutate()}>{t('admin.createToken')}</Button>
      </Space.Compact>
      {secret && <Alert type="success" showIcon closable onClose={() => setSecret(null)} title={t('admin.tokenOnce')} description={<Typography.Text code copyable>{secret}</Typography.Text>} />}
      {create.isError && <ErrorNotice error={create.error} />}
      {revoke.isError && <ErrorNotice error={revoke.error} />}
      <QueryView query={tokens}>
        {(page) => (
          <Table<ApiToken>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={page.items}
            locale={{ emptyText: <EmptyHint text={t('admin.noTokens')} /> }}
            columns={[
              { title: t('admin.tokenName'), dataIndex: 'name' },
              { title: t('admin.tokenHint'), dataIndex: 'hint', render: (hint: string) => <Typography.Text code>…{hint}</Typography.Text> },
              { title: t('admin.createdAt'), dataIndex: 'createdAt', render: (v: string) => format.dateTime(v) },
              { title: t('admin.lastUsed'), dataIndex: 'lastUsedAt', render: (v: string | null) => format.dateTime(v) },
              {
                title: '',
                key: 'actions',
                render: (_, token) =>
                  token.revokedAt ? (
                    <Tag>{t('admin.revoked')}</Tag>
                  ) : (
                    <Popconfirm title={t('admin.revokeConfirm')} okText={t('action.ok')} cancelText={t('action.cancel')} onConfirm={() => revoke.mutate(token.id)}>
                      <Button size="small" danger>{t('admin.revoke')}</Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </QueryView>
    </Space>
  );
}
