// Adds a contact to an account with their place in the decision chain.
import { useState } from 'react';
import { Alert, Form, Input, Modal, Rate, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import { decisionRoles, type Contact, type DecisionRole } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLabels } from '../../components/labels.tsx';
import { errorMessage } from '../../components/errors.ts';

interface ContactForm {
  name: string;
  title?: string;
  decisionRole?: DecisionRole;
  influence?: number;
  phone?: string;
  email?: string;
  wechat?: string;
}

const orNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function ContactFormModal({ accountId, open, onClose }: { accountId: string; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const labels = useLabels();
  const [form] = Form.useForm<ContactForm>();
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (v: ContactForm) =>
      api.post<Contact>('/api/contacts', { accountId, name: v.name.trim(), title: orNull(v.title), decisionRole: v.decisionRole ?? null, influence: v.influence || null, phone: orNull(v.phone), email: orNull(v.email), wechat: orNull(v.wechat) }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: ['/api/contacts', accountId] });
      form.resetFields();
      onClose();
    },
    onError: (err) => setError(errorMessage(t, err)),
  });
  return (
    <Modal open={open} title={t('contacts.add')} okText={t('action.create')} cancelText={t('action.cancel')} confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} />}
      <Form<ContactForm> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
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
      </Form>
    </Modal>
  );
}
