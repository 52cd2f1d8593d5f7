// Contacts of an account as a decision chain: the lazily loaded map, the list, and adding a contact.
import { lazy, Suspense, useCallback, useState } from 'react';
import { Button, Rate, Skeleton, Space, Table, Tag } from 'antd';
import { UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { Contact, DecisionRole } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLabels } from '../../components/labels.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { ContactFormModal } from './ContactFormModal.tsx';

const DecisionChainChart = lazy(() => import('./DecisionChainChart.tsx'));

export function useAccountContacts(accountId: string) {
  return useQuery({ queryKey: ['/api/contacts', accountId], queryFn: ({ signal }) => api.get<Page<Contact>>('/api/contacts', { accountId, limit: 200 }, signal) });
}

export function ContactsPanel({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const labels = useLabels();
  const contacts = useAccountContacts(accountId);
  const [adding, setAdding] = useState(false);
  const roleLabel = useCallback((r: DecisionRole) => labels.decisionRole(r), [labels]);
  const influenceLabel = useCallback((n: number) => t('contact.influenceValue', { n }), [t]);

  const addButton = (
    <Button icon={<UserAddOutlined />} onClick={() => setAdding(true)}>
      {t('contacts.add')}
    </Button>
  );
  let body;
  if (contacts.isPending) body = <Skeleton active paragraph={{ rows: 6 }} />;
  else if (contacts.isError) body = <ErrorNotice error={contacts.error} onRetry={() => void contacts.refetch()} />;
  else if (contacts.data.items.length === 0) body = <EmptyHint text={t('contacts.empty')} action={addButton} />;
  else
    body = (
      <>
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: 340 }} />}>
          <DecisionChainChart contacts={contacts.data.items} roleLabel={roleLabel} influenceLabel={influenceLabel} />
        </Suspense>
        <Table<Contact>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: 560 }}
          dataSource={contacts.data.items}
          columns={[
            { title: t('contact.name'), dataIndex: 'name' },
            { title: t('contact.title'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
            { title: t('contact.decisionRole'), dataIndex: 'decisionRole', render: (v: DecisionRole | null) => (v ? <Tag>{labels.decisionRole(v)}</Tag> : '—') },
            { title: t('contact.influence'), dataIndex: 'influence', render: (v: number | null) => (v ? <Rate disabled count={5} value={v} style={{ fontSize: 12 }} /> : '—') },
            { title: t('contact.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
          ]}
        />
        <div style={{ marginTop: 8 }}>{addButton}</div>
      </>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {body}
      <ContactFormModal accountId={accountId} open={adding} onClose={() => setAdding(false)} />
    </Space>
  );
}
