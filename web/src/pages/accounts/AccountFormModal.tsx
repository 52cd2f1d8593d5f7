// The account form, for creating or editing: validated in the browser first, then by the API whose complaints land under their fields.
import { AutoComplete, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router-dom';
import { api } from '../../api/client.ts';
import { accountSizes, billingModels, type Account, type CustomValues } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';
import { useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { CustomFormItems } from '../../custom-fields/CustomFormItems.tsx';
import { toCustomPayload } from '../../custom-fields/custom-values.ts';
import { commonIndustries, commonRegions, toOptions } from './account-options.ts';

interface AccountForm {
  name: string;
  industry?: string | null;
  region?: string | null;
  size?: Account['size'];
  billingModel?: Account['billingModel'];
  address?: string | null;
  custom?: CustomValues;
}

const blankToNull = (v: string | null | undefined) => (v && v.trim() ? v.trim() : null);

/** without `account` it creates one and opens its 客户360; with it, it edits that account */
export function AccountFormModal({ open, onClose, account }: { open: boolean; onClose: () => void; account?: Account }) {
  const { t } = useI18n();
  const [form] = Form.useForm<AccountForm>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const errors = useFormErrors(form);
  const fields = useCustomFields('accounts');
  const save = useMutation({
    mutationFn: (values: AccountForm) => {
      const body = {
        name: values.name.trim(),
        industry: blankToNull(values.industry),
        region: blankToNull(values.region),
        size: values.size ?? null,
        billingModel: values.billingModel ?? null,
        address: blankToNull(values.address),
        custom: toCustomPayload(fields.data, values.custom),
      };
      return account ? api.patch<Account>(`/api/accounts/${account.id}`, body) : api.post<Account>('/api/accounts', body);
    },
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['/api/accounts'] });
      form.resetFields();
      onClose();
      if (!account) void navigate(`/accounts/${saved.id}`);
    },
    onError: errors.show,
  });
  const close = () => {
    errors.clear();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={account ? t('accounts.edit') : t('accounts.new')}
      okText={account ? t('action.save') : t('action.create')}
      cancelText={t('action.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      destroyOnHidden
    >
      {errors.alert}
      <Form<AccountForm>
        form={form}
        layout="vertical"
        initialValues={account ? { ...account, custom: account.custom } : undefined}
        onFinish={(values) => {
          errors.clear();
          save.mutate(values);
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
        <CustomFormItems fields={fields.data} />
      </Form>
    </Modal>
  );
}
