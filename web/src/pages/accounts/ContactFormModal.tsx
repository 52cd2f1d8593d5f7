// Adds a contact to an account (or edits one) with their place in the decision chain and the tenant's custom fields.
import { Form, Input, Modal, Rate, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { decisionRoles, type Contact, type CustomValues, type DecisionRole } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLabels } from '../../components/labels.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';
import { useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { CustomFormItems } from '../../custom-fields/CustomFormItems.tsx';
import { toCustomPayload } from '../../custom-fields/custom-values.ts';

interface ContactForm {
  name: string;
  title?: string | null;
  decisionRole?: DecisionRole | null;
  influence?: number | null;
  phone?: string | null;
  email?: string | null;
  wechat?: string | null;
  custom?: CustomValues;
}

const orNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

export function ContactFormModal({ accountId, open, onClose, contact }: { accountId: string; open: boolean; onClose: () => void; contact?: Contact }) {
  const { t } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<ContactForm>();
  const queryClient = useQueryClient();
  const errors = useFormErrors(form);
  const fields = useCustomFields('contacts');
  const save = useMutation({
    mutationFn: (v: ContactForm) => {
      const body = { name: v.name.trim(), title: orNull(v.title), decisionRole: v.decisionRole ?? null, influence: v.influence || null, phone: orNull(v.phone), email: orNull(v.email), wechat: orNull(v.wechat), custom: toCustomPayload(fields.data, v.custom) };
      return contact ? api.patch<Contact>(`/api/contacts/${contact.id}`, body) : api.post<Contact>('/api/contacts', { ...body, accountId });
    },
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['/api/contacts', accountId] });
      form.resetFields();
      onClose();
    },
    onError: errors.show,
  });
  const close = () => {
    errors.clear();
    onClose();
  };
  return (
    <Modal open={open} title={contact ? t('contacts.edit') : t('contacts.add')} okText={contact ? t('action.save') : t('action.create')} cancelText={t('action.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={close} destroyOnHidden>
      {errors.alert}
      <Form<ContactForm>
        form={form}
        layout="vertical"
        initialValues={contact}
        onFinish={(v) => {
          errors.clear();
          save.mutate(v);
        }}
      >
        <Form.Item name="name" label={t('contact.name')} rules={[{ required: true, whitespace: true, message: t('contacts.nameRequired') }, { max: 100, message: t('validation.maxLength', { n: 100 }) }]}>
          <Input autoFocus />
        </Form.Item>
        <Form.Item name="title" label={t('contact.title')}>
          <Input />
        </Form.Item>
        <Form.Item name="decisionRole" label={t('contact.decisionRole')}>
          <Select allowClear options={decisionRoles.map((r) => ({ value: r, label: labels.decisionRole(r) }))} />
        </Form.Item>
        <Form.Item name="influence" label={t('contact.influence')}>
          <Rate count={5} />
        </Form.Item>
        <Form.Item name="phone" label={t('contact.phone')}>
          <Input inputMode="tel" />
        </Form.Item>
        <Form.Item name="email" label={t('contact.email')} rules={[{ type: 'email', message: t('validation.email') }]}>
          <Input inputMode="email" />
        </Form.Item>
        <Form.Item name="wechat" label={t('contact.wechat')}>
          <Input />
        </Form.Item>
        <CustomFormItems fields={fields.data} />
      </Form>
    </Modal>
  );
}
