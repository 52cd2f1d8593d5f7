// The input for one custom field, chosen by its type; it speaks the API's value shapes (dates as YYYY-MM-DD, money as a decimal string).
import { DatePicker, Input, InputNumber, Radio, Select } from 'antd';
import dayjs from 'dayjs';
import type { CustomField, CustomValue } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { UserPicker } from './UserPicker.tsx';

interface CustomFieldInputProps {
  field: CustomField;
  value?: CustomValue;
  onChange?: (value: CustomValue) => void;
  id?: string;
}

const asString = (value: CustomValue | undefined) => (typeof value === 'string' ? value : undefined);

export function CustomFieldInput({ field, value, onChange = () => undefined, id }: CustomFieldInputProps) {
  const { t } = useI18n();
  const options = field.options.map((option) => ({ value: option, label: option }));
  switch (field.type) {
    case 'text':
      return <Input id={id} value={asString(value)} maxLength={2000} onChange={(e) => onChange(e.target.value)} />;
    case 'number':
      return <InputNumber id={id} value={typeof value === 'number' ? value : null} onChange={(n) => onChange(typeof n === 'number' ? n : null)} style={{ width: '100%' }} />;
    case 'money':
      return <Input id={id} value={asString(value)} inputMode="decimal" placeholder="1234.50" onChange={(e) => onChange(e.target.value)} />;
    case 'date':
      return <DatePicker id={id} value={asString(value) ? dayjs(asString(value)) : null} onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : null)} style={{ width: '100%' }} />;
    case 'select':
      return <Select id={id} allowClear value={asString(value)} options={options} onChange={(v?: string) => onChange(v ?? null)} />;
    case 'multiselect':
      return <Select id={id} mode="multiple" allowClear value={Array.isArray(value) ? value : []} options={options} onChange={(v: string[]) => onChange(v)} />;
    case 'user':
      return <UserPicker id={id} value={asString(value)} onChange={(v) => onChange(v ?? null)} />;
    case 'boolean':
      return (
        <Radio.Group
          id={id}
          optionType="button"
          value={typeof value === 'boolean' ? value : undefined}
          onChange={(e) => onChange(e.target.value as boolean)}
          options={[{ value: true, label: t('customFields.yes') }, { value: false, label: t('customFields.no') }]}
        />
      );
  }
}
