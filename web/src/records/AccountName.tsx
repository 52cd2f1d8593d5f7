// An account's name for an id (from the shared account cache that 客户360 also fills), linked to its 客户360.
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { Account } from '../api/types.ts';

export function AccountName({ id }: { id: string }) {
  const account = useQuery({ queryKey: ['/api/accounts', id], queryFn: ({ signal }) => api.get<Account>(`/api/accounts/${id}`, {}, signal), staleTime: 5 * 60_000 });
  return <Link to={`/accounts/${id}`}>{account.data?.name ?? `#${id.slice(-6)}`}</Link>;
}
