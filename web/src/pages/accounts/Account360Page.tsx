// 客户360: one customer's profile, decision chain, deals, touches, notes and documents on one page.
import { useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, type Page } from '../../api/client.ts';
import type { Account, Opportunity } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useUsers, userName } from '../../api/directories.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { rememberContext } from '../../app/last-context.ts';
import { ContactsPanel } from './ContactsPanel.tsx';
import { ActivityTimeline } from '../../records/ActivityTimeline.tsx';
import { NotesPanel } from '../../records/NotesPanel.tsx';
import { AttachmentsPanel } from '../../records/AttachmentsPanel.tsx';
import { OpportunitiesTable } from '../../records/OpportunitiesTable.tsx';
import { NewDealButton } from '../opportunities/NewDealButton.tsx';
import { useSession } from '../../app/session.tsx';
import { useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { customDescriptionItems } from '../../custom-fields/customDescriptionItems.tsx';
import { AccountFormModal } from './AccountFormModal.tsx';
import { ReleaseButton } from './ReleaseButton.tsx';

export default function Account360Page() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const format = useFormat();
  const users = useUsers();
  const { can } = useSession();
  const fields = useCustomFields('accounts');
  const [editing, setEditing] = useState(false);
  const account = useQuery({ queryKey: ['/api/accounts', id], queryFn: ({ signal }) => api.get<Account>(`/api/accounts/${id}`, {}, signal) });
  const deals = useQuery({ queryKey: ['/api/opportunities', { accountId: id }], queryFn: ({ signal }) => api.get<Page<Opportunity>>('/api/opportunities', { accountId: id, limit: 100, sort: '-updatedAt' }, signal) });

  useEffect(() => {
    if (account.data) rememberContext({ accountId: account.data.id, accountName: account.data.name });
  }, [account.data]);

  if (account.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (account.isError) return <ErrorNotice error={account.error} onRetry={() => void account.refetch()} />;
  const a = account.data;

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Text type="secondary"><Link to="/accounts">{t('accounts.title')}</Link> / {t('nav.account360')}</Typography.Text>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between', margin: '4px 0 12px' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{a.name}</Typography.Title>
          <Space wrap>
            {a.ownerId && can('customer_pool', 'create') && <ReleaseButton account={a} />}
            {can('accounts', 'update') && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('action.edit')}</Button>}
          </Space>
        </Space>
        <Space wrap style={{ marginBottom: 12 }}>
          {a.industry && <Tag color="blue">{a.industry}</Tag>}
          {a.region && <Tag>{a.region}</Tag>}
          {a.size && <Tag>{t(`accountSize.${a.size}`)}</Tag>}
        </Space>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('account.owner')}>{userName(users.data, a.ownerId)}</Descriptions.Item>
          <Descriptions.Item label={t('account.billingModel')}>{a.billingModel ? t(`billingModel.${a.billingModel}`) : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('account.address')}>{a.address ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('account.createdAt')}>{format.date(a.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('account.updatedAt')}>{format.dateTime(a.updatedAt)}</Descriptions.Item>
          {customDescriptionItems(fields.data, a.custom)}
        </Descriptions>
        {editing && <AccountFormModal open account={a} onClose={() => setEditing(false)} />}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('account360.decisionChain')}>
              <ContactsPanel accountId={a.id} />
            </Card>
            <Card title={t('account360.opportunities')} extra={<NewDealButton account={a} />}>
              {deals.isError ? <ErrorNotice error={deals.error} onRetry={() => void deals.refetch()} /> : <OpportunitiesTable items={deals.data?.items ?? []} loading={deals.isPending} emptyText={t('account360.noOpportunities')} />}
            </Card>
            <Card title={t('account360.attachments')}>
              <AttachmentsPanel entity="accounts" entityId={a.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('account360.timeline')}>
              <ActivityTimeline params={{ accountId: a.id }} emptyText={t('account360.noActivities')} />
            </Card>
            <Card title={t('account360.notes')}>
              <NotesPanel entity="accounts" entityId={a.id} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
