// Adds or edits one custom field: key and type are fixed once created; options only for select types; the API's complaints land under their fields.
import { Form, Input, Modal, Select, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { customFieldTypes, type CustomField, type CustomFieldEntity, type CustomFieldType } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';
import { CUSTOM_FIELDS_KEY } from '../../custom-fields/useCustomFields.ts';

interface FieldForm {
  label: string;
  key: string;
  type: CustomFieldType;
  options?: string[];
  required: boolean;
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;
const hasOptions = (type: CustomFieldType | undefined) => type === 'select' || type === 'multiselect';

export function CustomFieldFormModal({ entity, field, onClose }: { entity: CustomFieldEntity; field?: CustomField; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<FieldForm>();
  const type = Form.useWatch('type', form);
  const queryClient = useQueryClient();
  const errors = useFormErrors(form);
  const save = useMutation({
    mutationFn: (v: FieldForm) => {
      const options = hasOptions(v.type) ? (v.options ?? []).map((o) => o.trim()).filter(Boolean) : undefined;
      return field
        ? api.patch<CustomField>(`/api/custom-fields/${field.id}`, { label: v.label.trim(), required: v.required, ...(options ? { options } : {}) })
        : api.post<CustomField>('/api/custom-fields', { entity, key: v.key, label: v.label.trim(), type: v.type, required: v.required, ...(options ? { options } : {}) });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: [CUSTOM_FIELDS_KEY] });
      onClose();
    },
    onError: errors.show,
  });
  return (
    <Modal open title={field ? t('customFields.edit') : t('customFields.add')} okText={field ? t('action.save') : t('action.create')} cancelText={t('action.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {errors.alert}
      <Form<FieldForm>
        form={form}
        layout="vertical"
        initialValues={field ?? { type: 'text', required: false, options: [] }}
        onFinish={(v) => {
          errors.clear();
          save.mutate(v);
        }}
      >
        <Form.Item name="label" label={t('customFields.label')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 100, message: t('validation.maxLength', { n: 100 }) }]}>
          <Input autoFocus placeholder={t('customFields.labelPlaceholder')} />
        </Form.Item>
        <Form.Item name="key" label={t('customFields.key')} extra={field ? t('customFields.fixed') : t('customFields.keyHelp')} rules={field ? [] : [{ required: true, message: t('validation.required') }, { pattern: KEY_PATTERN, message: t('customFields.keyHelp') }]}>
          <Input disabled={Boolean(field)} placeholder="tier" autoComplete="off" />
        </Form.Item>
        <Form.Item name="type" label={t('customFields.type')} extra={field ? t('customFields.fixed') : undefined}>
          <Select disabled={Boolean(field)} options={customFieldTypes.map((ty) => ({ value: ty, label: t(`customFieldType.${ty}`) }))} />
        </Form.Item>
        {hasOptions(type) && (
          <Form.Item name="options" label={t('customFields.options')} extra={t('customFields.optionsHelp')} rules={[{ required: true, type: 'array', min: 1, message: t('customFields.optionsRequired') }]}>
            <Select mode="tags" open={false} tokenSeparators={[',', '，', '、']} suffixIcon={null} placeholder={t('customFields.optionsPlaceholder')} />
          </Form.Item>
        )}
        <Form.Item name="required" label={t('customFields.required')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
