// A custom field's value for reading: money and dates formatted, users by name, multiselect as tags, blanks as a dash.
import { Tag } from 'antd';
import type { CustomField, CustomValue } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/format.ts';
import { useUsers, userName } from '../api/directories.ts';

export function CustomValueView({ field, value }: { field: CustomField; value: CustomValue | undefined }) {
  const { t } = useI18n();
  const format = useFormat();
  const users = useUsers();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return <>—</>;
  if (Array.isArray(value)) return <>{value.map((v) => <Tag key={v}>{v}</Tag>)}</>;
  switch (field.type) {
    case 'money':
      return <>{format.money(String(value))}</>;
    case 'date':
      return <>{format.date(String(value))}</>;
    case 'number':
      return <>{typeof value === 'number' ? format.number(value) : String(value)}</>;
    case 'user':
      return <>{userName(users.data, String(value))}</>;
    case 'boolean':
      return <>{value === true ? t('customFields.yes') : t('customFields.no')}</>;
    default:
      return <>{String(value)}</>;
  }
}
