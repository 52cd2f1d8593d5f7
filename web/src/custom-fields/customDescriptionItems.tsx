// A record's custom fields as rows of a Descriptions block (客户360, the deal page).
import { Descriptions } from 'antd';
import type { CustomField, CustomValues } from '../api/types.ts';
import { CustomValueView } from './CustomValueView.tsx';

export function customDescriptionItems(fields: CustomField[] | undefined, values: CustomValues | undefined) {
  return (fields ?? []).map((field) => (
    <Descriptions.Item key={`cf.${field.key}`} label={field.label}>
      <span data-testid={`custom-value-${field.key}`}>
        <CustomValueView field={field} value={values?.[field.key]} />
      </span>
    </Descriptions.Item>
  ));
}
