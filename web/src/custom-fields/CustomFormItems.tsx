// The form rows for a record type's custom fields, named custom.<key>, with required and money rules.
import { Form } from 'antd';
import type { Rule } from 'antd/es/form/index.js';
import type { CustomField } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { CustomFieldInput } from './CustomFieldInput.tsx';
import { MONEY_PATTERN } from './custom-values.ts';

export function CustomFormItems({ fields }: { fields: CustomField[] | undefined }) {
  const { t } = useI18n();
  return (
    <>
      {(fields ?? []).map((field) => {
        const rules: Rule[] = [];
        if (field.required) rules.push({ required: true, type: field.type === 'multiselect' ? 'array' : undefined, message: t('validation.required') });
        if (field.type === 'money') rules.push({ pattern: MONEY_PATTERN, message: t('validation.money') });
        return (
          <Form.Item key={field.id} name={['custom', field.key]} label={field.label} rules={rules} data-testid={`custom-field-${field.key}`}>
            <CustomFieldInput field={field} />
          </Form.Item>
        );
      })}
    </>
  );
}
