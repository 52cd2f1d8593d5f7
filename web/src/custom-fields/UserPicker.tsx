// Picks a colleague by name from the user directory (user-type custom fields, rep filters).
import { Select } from 'antd';
import { useUsers } from '../api/directories.ts';

export function UserPicker({ id, value, onChange, placeholder }: { id?: string; value?: string; onChange: (userId: string | undefined) => void; placeholder?: string }) {
  const users = useUsers();
  const options = [...(users.data?.values() ?? [])].filter((u) => u.active !== false || u.id === value).map((u) => ({ value: u.id, label: u.name }));
  return <Select id={id} placeholder={placeholder} style={{ width: '100%' }} allowClear showSearch optionFilterProp="label" loading={users.isPending} value={value} options={options} onChange={(v?: string) => onChange(v)} />;
}
