// Picks a customer by typing part of its name (searched on the server, 20 at a time); works as an antd form control.
import { useState } from 'react';
import { Select } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Page } from '../../api/client.ts';
import type { Account } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useDebounced } from '../../components/useDebounced.ts';

export interface AccountSelectProps {
  id?: string;
  value?: string;
  onChange?: (accountId: string | undefined) => void;
  /** the name of the preselected account, shown before any search */
  initialLabel?: string;
  disabled?: boolean;
}

export function AccountSelect({ id, value, onChange, initialLabel, disabled }: AccountSelectProps) {
  const { t } = useI18n();
  const [search, setSearch] = useState('');
  const [label, setLabel] = useState(initialLabel);
  const q = useDebounced(search.trim(), 250);
  const matches = useQuery({
    queryKey: ['/api/accounts', 'pick', q],
    enabled: !disabled,
    placeholderData: keepPreviousData,
    queryFn: ({ signal }) => api.get<Page<Account>>('/api/accounts', { q: q || undefined, limit: 20, sort: '-updatedAt' }, signal),
  });
  const options = (matches.data?.items ?? []).map((a) => ({ value: a.id, label: a.name }));
  if (value && label && !options.some((o) => o.value === value)) options.unshift({ value, label });
  return (
    <Select
      id={id}
      showSearch
      allowClear
      filterOption={false}
      disabled={disabled}
      placeholder={t('dealCreate.pickAccount')}
      value={value}
      options={options}
      loading={matches.isFetching}
      onSearch={setSearch}
      onChange={(next?: string, option?: unknown) => {
        setLabel((option as { label?: string } | undefined)?.label);
        onChange?.(next);
      }}
      notFoundContent={matches.isError ? t('dealCreate.accountSearchFailed') : q ? t('quickLog.noAccountMatch') : t('quickLog.typeToSearch')}
      style={{ width: '100%' }}
      data-testid="deal-account"
    />
  );
}
