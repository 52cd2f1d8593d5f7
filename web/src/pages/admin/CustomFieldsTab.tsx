// Admin → custom fields: per record type, the list of admin-defined fields with add, edit and delete.
import { useState } from 'react';
import { Button, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { customFieldEntities, type CustomField, type CustomFieldEntity } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useErrorToast } from '../../components/useErrorToast.ts';
import { CUSTOM_FIELDS_KEY, useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { CustomFieldFormModal } from './CustomFieldFormModal.tsx';

export function CustomFieldsTab() {
  const { t } = useI18n();
  const showError = useErrorToast();
  const queryClient = useQueryClient();
  const [entity, setEntity] = useState<CustomFieldEntity>('accounts');
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const fields = useCustomFields(entity);
  const remove = useMutation({
    mutationFn: (field: CustomField) => api.delete(`/api/custom-fields/${field.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [CUSTOM_FIELDS_KEY] }),
    onError: showError,
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
        <Segmented<CustomFieldEntity> value={entity} onChange={setEntity} options={customFieldEntities.map((e) => ({ value: e, label: t(`import.entity.${e}`) }))} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('customFields.add')}</Button>
      </Space>
      <QueryView query={fields}>
        {(list) => (
          <Table<CustomField>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={list}
            locale={{ emptyText: <EmptyHint text={t('customFields.empty')} /> }}
            columns={[
              { title: t('customFields.label'), dataIndex: 'label', render: (label: string, f) => <>{label}{f.required && <Tag color="red" style={{ marginLeft: 6 }}>{t('customFields.required')}</Tag>}</> },
              { title: t('customFields.key'), dataIndex: 'key', render: (key: string) => <code>{key}</code> },
              { title: t('customFields.type'), dataIndex: 'type', render: (type: CustomField['type']) => t(`customFieldType.${type}`) },
              { title: t('customFields.options'), dataIndex: 'options', render: (options: string[]) => (options.length ? options.map((o) => <Tag key={o}>{o}</Tag>) : '—') },
              {
                key: 'actions',
                title: '',
                width: 96,
                render: (_, f) => (
                  <Space size={0}>
                    <Button type="text" size="small" icon={<EditOutlined />} aria-label={t('action.edit')} onClick={() => setEditing(f)} />
                    <Popconfirm title={t('customFields.deleteConfirm', { label: f.label })} okText={t('action.delete')} cancelText={t('action.cancel')} onConfirm={() => remove.mutate(f)}>
                      <Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('action.delete')} loading={remove.isPending && remove.variables?.id === f.id} />
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryView>
      {editing && <CustomFieldFormModal entity={entity} field={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Space>
  );
}
