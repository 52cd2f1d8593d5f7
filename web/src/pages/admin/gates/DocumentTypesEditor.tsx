// The tenant's evidence document types: key, 中文名 and English name per row; add, remove and save (a type a gate requires cannot go, the API says which).
import { useEffect } from 'react';
import { Button, Form, Input, Space } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { DOCUMENT_TYPES_PATH, type DocumentType, type DocumentTypesConfig } from '../../../api/pipeline-types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useFormErrors } from '../../../components/useFormErrors.tsx';
import { usePipelineRule } from './usePipelineRule.ts';

interface TypesForm {
  documentTypes: DocumentType[];
}

const KEY_PATTERN = /^[a-z][a-z0-9_]{0,59}$/;

export function DocumentTypesEditor({ config }: { config: DocumentTypesConfig }) {
  const { t } = useI18n();
  const [form] = Form.useForm<TypesForm>();
  const errors = useFormErrors(form);
  const { save } = usePipelineRule<DocumentTypesConfig>(DOCUMENT_TYPES_PATH, errors.show);
  useEffect(() => form.setFieldsValue({ documentTypes: config.documentTypes }), [config, form]);
  const required = { required: true, whitespace: true, message: t('validation.required') };

  return (
    <Form<TypesForm>
      form={form}
      data-testid="document-types-editor"
      onFinish={(values) => {
        errors.clear();
        save.mutate({ documentTypes: values.documentTypes.map((d) => ({ key: d.key.trim(), label: d.label.trim(), labelEn: d.labelEn.trim() })) });
      }}
    >
      {errors.alert}
      <Form.List name="documentTypes">
        {(rows, { add, remove }, { errors: listErrors }) => (
          <>
            {rows.map((row) => (
              <Space key={row.key} wrap align="start" style={{ display: 'flex' }} data-testid="document-type-row">
                <Form.Item name={[row.name, 'key']} rules={[required, { pattern: KEY_PATTERN, message: t('gates.keyHelp') }]} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('gates.typeKey')} aria-label={t('gates.typeKey')} style={{ width: 190 }} autoComplete="off" />
                </Form.Item>
                <Form.Item name={[row.name, 'label']} rules={[required, { max: 60, message: t('validation.maxLength', { n: 60 }) }]} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('gates.typeLabel')} aria-label={t('gates.typeLabel')} style={{ width: 190 }} />
                </Form.Item>
                <Form.Item name={[row.name, 'labelEn']} rules={[required, { max: 60, message: t('validation.maxLength', { n: 60 }) }]} style={{ marginBottom: 8 }}>
                  <Input placeholder={t('gates.typeLabelEn')} aria-label={t('gates.typeLabelEn')} style={{ width: 220 }} />
                </Form.Item>
                <Button type="text" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} onClick={() => remove(row.name)} />
              </Space>
            ))}
            <Form.ErrorList errors={listErrors} />
            <Space wrap style={{ marginTop: 8 }}>
              <Button icon={<PlusOutlined />} onClick={() => add({ key: '', label: '', labelEn: '' })}>{t('gates.addType')}</Button>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-document-types">{t('gates.saveTypes')}</Button>
            </Space>
          </>
        )}
      </Form.List>
    </Form>
  );
}
