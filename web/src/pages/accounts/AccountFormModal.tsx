// The create-account form: validated in the browser first, then by the API whose message is shown as is.
import { useState } from 'react';
import { Alert, AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { accountSizes, billingModels, type Account } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { errorMessage } from '../../components/errors.ts';
import { commonIndustries, commonRegions, toOptions } from './account-options.ts';

interface AccountForm {
  name: string;
  industry?: string;
  region?: string;
  size?: Account['size'];
  billingModel?: Account['billingModel'];
  address?: string;
}

const blankToNull = (v: string | undefined) => (v && v.trim() ? v.trim() : null);

export function AccountFormModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AccountForm>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (values: AccountForm) =>
      api.post<Account>('/api/accounts', {
        name: values.name.trim(),
        industry: blankToNull(values.industry),
        region: blankToNull(values.region),
        size: values.size ?? null,
        billingModel: values.billingModel ?? null,
        address: blankToNull(values.address),
      }),
    onSuccess: async (account) => {
      await queryClient.invalidateQueries({ queryKey: ['/api/accounts'] });
      await queryClient.invalidateQueries({ queryKey: ['directory', 'accounts'] });
      form.resetFields();
      onClose();
      void navigate(`/accounts/${account.id}`);
    },
    onError: (err) => setError(errorMessage(t, err)),
  });

  return (
    <Modal
      open={open}
      title={t('accounts.new')}
      okText={t('action.create')}
      cancelText={t('action.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 12 }} />}
      <Form<AccountForm>
        form={form}
        layout="vertical"
        onFinish={(values) => {
          setError(null);
          create.mutate(values);
        }}
      >
        <Form.Item
          name="name"
          label={t('account.name')}
          rules={[
            { required: true, whitespace: true, message: t('accounts.nameRequired') },
            { max: 200, message: t('validation.maxLength', { n: 200 }) },
          ]}
        >
          <Input autoFocus placeholder={t('accounts.namePlaceholder')} />
        </Form.Item>
        <Form.Item name="industry" label={t('account.industry')} rules={[{ max: 60, message: t('validation.maxLength', { n: 60 }) }]}>
          <AutoComplete options={toOptions(commonIndustries)} filterOption />
        </Form.Item>
        <Form.Item name="region" label={t('account.region')} rules={[{ max: 60, message: t('validation.maxLength', { n: 60 }) }]}>
          <AutoComplete options={toOptions(commonRegions)} filterOption />
        </Form.Item>
        <Form.Item name="size" label={t('account.size')}>
          <Select allowClear options={accountSizes.map((s) => ({ value: s, label: t(`accountSize.${s}`) }))} />
        </Form.Item>
        <Form.Item name="billingModel" label={t('account.billingModel')}>
          <Select allowClear options={billingModels.map((b) => ({ value: b, label: t(`billingModel.${b}`) }))} />
        </Form.Item>
        <Form.Item name="address" label={t('account.address')} rules={[{ max: 500, message: t('validation.maxLength', { n: 500 }) }]}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
