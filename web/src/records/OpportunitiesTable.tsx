// A compact table of deals (on 客户360): name, stage, amount, close date, owner.
import { Table } from 'antd';
import { Link } from 'react-router-dom';
import type { Opportunity } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/format.ts';
import { StageTag } from '../components/labels.tsx';
import { useUsers, userName } from '../api/directories.ts';
import { EmptyHint } from '../components/EmptyHint.tsx';

export function OpportunitiesTable({ items, loading, emptyText }: { items: Opportunity[]; loading?: boolean; emptyText: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const users = useUsers();
  return (
    <Table<Opportunity>
      rowKey="id"
      size="small"
      loading={loading}
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={items}
      locale={{ emptyText: loading ? ' ' : <EmptyHint text={emptyText} /> }}
      columns={[
        { title: t('opportunity.name'), dataIndex: 'name', render: (_, o) => <Link to={`/opportunities/${o.id}`}>{o.name}</Link> },
        { title: t('opportunity.stage'), dataIndex: 'stage', render: (_, o) => <StageTag stage={o.stage} /> },
        { title: t('opportunity.amount'), dataIndex: 'amount', align: 'right', render: (_, o) => format.money(o.amount, o.currency) },
        { title: t('opportunity.expectedCloseDate'), dataIndex: 'expectedCloseDate', render: (v: string | null) => format.date(v) },
        { title: t('opportunity.owner'), dataIndex: 'ownerId', render: (v: string | null) => userName(users.data, v) },
      ]}
    />
  );
}
