// Contacts of an account as a decision chain: the lazily loaded map, the list with custom fields, and adding or editing a contact.
import { lazy, Suspense, useCallback, useState } from 'react';
import { Button, Rate, Skeleton, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table/index.js';
import { UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { Contact, DecisionRole } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLabels } from '../../components/labels.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { ContactFormModal } from './ContactFormModal.tsx';
import { useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { customColumns } from '../../custom-fields/customColumns.tsx';

const DecisionChainChart = lazy(() => import('./DecisionChainChart.tsx'));

export function useAccountContacts(accountId: string) {
  return useQuery({ queryKey: ['/api/contacts', accountId], queryFn: ({ signal }) => api.get<Page<Contact>>('/api/contacts', { accountId, limit: 200 }, signal) });
}

export function ContactsPanel({ accountId }: { accountId: string }) {
  const { t } = useI18n();
  const labels = useLabels();
  const contacts = useAccountContacts(accountId);
  const fields = useCustomFields('contacts');
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<Contact>();
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
            { title: t('contact.name'), dataIndex: 'name', render: (_, c) => <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setEditing(c)}>{c.name}</Button> },
            { title: t('contact.title'), dataIndex: 'title', render: (v: string | null) => v ?? '—' },
            { title: t('contact.decisionRole'), dataIndex: 'decisionRole', render: (v: DecisionRole | null) => (v ? <Tag>{labels.decisionRole(v)}</Tag> : '—') },
            { title: t('contact.influence'), dataIndex: 'influence', render: (v: number | null) => (v ? <Rate disabled count={5} value={v} style={{ fontSize: 12 }} /> : '—') },
            { title: t('contact.phone'), dataIndex: 'phone', render: (v: string | null) => v ?? '—' },
            ...(customColumns(fields.data) as ColumnsType<Contact>),
          ]}
        />
        <div style={{ marginTop: 8 }}>{addButton}</div>
      </>
    );
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {body}
      <ContactFormModal accountId={accountId} open={adding} onClose={() => setAdding(false)} />
      {editing && <ContactFormModal key={editing.id} accountId={accountId} contact={editing} open onClose={() => setEditing(undefined)} />}
    </Space>
  );
}
