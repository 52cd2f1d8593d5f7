// 客户 list: search, filters (custom select fields too), sortable columns (custom fields too), keyset pages, and the create form.
import { useState } from 'react';
import { Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface.js';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useSession } from '../../app/session.tsx';
import { useCursorPage } from '../../components/useCursorPage.ts';
import { CursorPager } from '../../components/CursorPager.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useUsers, userName } from '../../api/directories.ts';
import { accountSizes, type Account } from '../../api/types.ts';
import { commonIndustries, commonRegions, toOptions } from './account-options.ts';
import { AccountFormModal } from './AccountFormModal.tsx';
import { useDebounced } from '../../components/useDebounced.ts';
import { useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { customColumns, sortOrderFor } from '../../custom-fields/customColumns.tsx';

const DEFAULT_SORT = 'name';

/** the API sort param for the column the user clicked (back to the default when sorting is cleared) */
function sortParam(sorter: SorterResult<Account> | SorterResult<Account>[]): string {
  const one = Array.isArray(sorter) ? sorter[0] : sorter;
  if (!one?.order || typeof one.columnKey !== 'string') return DEFAULT_SORT;
  return one.order === 'descend' ? `-${one.columnKey}` : one.columnKey;
}

export default function AccountsPage() {
  const { t } = useI18n();
  const format = useFormat();
  const { can } = useSession();
  const users = useUsers();
  const [search, setSearch] = useState('');
  const [industry, setIndustry] = useState<string>();
  const [region, setRegion] = useState<string>();
  const [size, setSize] = useState<string>();
  const [customFilters, setCustomFilters] = useState<Record<string, string | undefined>>({});
  const [sort, setSort] = useState(DEFAULT_SORT);
  const [creating, setCreating] = useState(false);
  const fields = useCustomFields('accounts');
  const filterableFields = (fields.data ?? []).filter((f) => f.type === 'select' || f.type === 'multiselect');
  const cfParams = Object.fromEntries(Object.entries(customFilters).map(([key, value]) => [`cf.${key}`, value]));
  const q = useDebounced(search.trim(), 300);
  const pages = useCursorPage<Account>('/api/accounts', { q, industry, region, size, ...cfParams, sort });
  const filtered = Boolean(q || industry || region || size || Object.values(customFilters).some(Boolean));
  const sortOrder = (key: string) => sortOrderFor(sort, key);
  const columns: ColumnsType<Account> = [
    { key: 'name', title: t('account.name'), dataIndex: 'name', sorter: true, sortOrder: sortOrder('name'), render: (_, a) => <Link to={`/accounts/${a.id}`}>{a.name}</Link> },
    { title: t('account.industry'), dataIndex: 'industry', render: (v: string | null) => v ?? '—' },
    { title: t('account.region'), dataIndex: 'region', render: (v: string | null) => v ?? '—' },
    { title: t('account.size'), dataIndex: 'size', render: (v: Account['size']) => (v ? t(`accountSize.${v}`) : '—') },
    { title: t('account.owner'), dataIndex: 'ownerId', render: (v: string | null) => userName(users.data, v) },
    ...(customColumns(fields.data, sort) as ColumnsType<Account>),
    { key: 'createdAt', title: t('account.createdAt'), dataIndex: 'createdAt', sorter: true, sortOrder: sortOrder('createdAt'), render: (v: string) => format.date(v) },
  ];

  return (
    <Card>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 16 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>{t('accounts.title')}</Typography.Title>
        {can('accounts', 'create') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('accounts.new')}
          </Button>
        )}
      </Space>
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search allowClear placeholder={t('accounts.searchPlaceholder')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ width: 240 }} aria-label={t('accounts.searchPlaceholder')} />
        <Select allowClear showSearch placeholder={t('account.industry')} options={toOptions(commonIndustries)} value={industry} onChange={setIndustry} style={{ width: 150 }} />
        <Select allowClear placeholder={t('account.region')} options={toOptions(commonRegions)} value={region} onChange={setRegion} style={{ width: 120 }} />
        <Select allowClear placeholder={t('account.size')} options={accountSizes.map((s) => ({ value: s, label: t(`accountSize.${s}`) }))} value={size} onChange={setSize} style={{ width: 130 }} />
        {filterableFields.map((field) => (
          <Select
            key={field.key}
            allowClear
            data-testid={`filter-cf-${field.key}`}
            aria-label={field.label}
            placeholder={field.label}
            options={field.options.map((o) => ({ value: o, label: o }))}
            value={customFilters[field.key]}
            onChange={(value?: string) => setCustomFilters((current) => ({ ...current, [field.key]: value }))}
            style={{ minWidth: 130 }}
          />
        ))}
      </Space>
      {pages.query.isError ? (
        <ErrorNotice error={pages.query.error} onRetry={() => void pages.query.refetch()} />
      ) : (
        <>
          <Table<Account>
            rowKey="id"
            size="middle"
            loading={pages.query.isFetching}
            dataSource={pages.query.data?.items ?? []}
            pagination={false}
            scroll={{ x: 720 + 140 * (fields.data?.length ?? 0) }}
            locale={{ emptyText: pages.query.isPending ? ' ' : <EmptyHint text={filtered ? t('accounts.emptyFiltered') : t('accounts.empty')} /> }}
            columns={columns}
            onChange={(_pagination, _filters, sorter) => setSort(sortParam(sorter))}
          />
          <CursorPager {...pages} />
        </>
      )}
      <AccountFormModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
