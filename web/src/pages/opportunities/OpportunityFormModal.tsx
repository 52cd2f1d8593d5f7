// Edits a deal's fields (name, amount, close date, forecast category) and its custom fields; stages move elsewhere.
import { DatePicker, Form, Input, Modal, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import type { CustomValues, ForecastCategory, Opportunity } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';
import { useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { CustomFormItems } from '../../custom-fields/CustomFormItems.tsx';
import { MONEY_PATTERN, toCustomPayload } from '../../custom-fields/custom-values.ts';

/** the categories a person may pick; 'closed' only comes from winning */
const choosable: ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'omitted'];

interface OpportunityForm {
  name: string;
  amount: string;
  expectedCloseDate: Dayjs | null;
  forecastCategory: ForecastCategory;
  custom?: CustomValues;
}

export function OpportunityFormModal({ deal, onClose }: { deal: Opportunity; onClose: () => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<OpportunityForm>();
  const queryClient = useQueryClient();
  const errors = useFormErrors(form);
  const fields = useCustomFields('opportunities');
  const categoryLocked = !choosable.includes(deal.forecastCategory);
  const save = useMutation({
    mutationFn: (v: OpportunityForm) =>
      api.patch<Opportunity>(`/api/opportunities/${deal.id}`, {
        name: v.name.trim(),
        amount: v.amount.trim(),
        expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
        ...(categoryLocked ? {} : { forecastCategory: v.forecastCategory }),
        custom: toCustomPayload(fields.data, v.custom),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['/api/opportunities', deal.id], { ...deal, ...saved });
      await queryClient.invalidateQueries({ queryKey: ['board'] });
      onClose();
    },
    onError: errors.show,
  });
  return (
    <Modal open title={t('opportunity.edit')} okText={t('action.save')} cancelText={t('action.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden>
      {errors.alert}
      <Form<OpportunityForm>
        form={form}
        layout="vertical"
        initialValues={{ name: deal.name, amount: deal.amount, expectedCloseDate: deal.expectedCloseDate ? dayjs(deal.expectedCloseDate) : null, forecastCategory: deal.forecastCategory, custom: deal.custom }}
        onFinish={(v) => {
          errors.clear();
          save.mutate(v);
        }}
      >
        <Form.Item name="name" label={t('opportunity.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }, { max: 200, message: t('validation.maxLength', { n: 200 }) }]}>
          <Input />
        </Form.Item>
        <Form.Item name="amount" label={t('opportunity.amount')} rules={[{ required: true, message: t('validation.required') }, { pattern: MONEY_PATTERN, message: t('validation.money') }]}>
          <Input inputMode="decimal" />
        </Form.Item>
        <Form.Item name="expectedCloseDate" label={t('opportunity.expectedCloseDate')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="forecastCategory" label={t('opportunity.forecastCategory')}>
          <Select disabled={categoryLocked} options={(categoryLocked ? [deal.forecastCategory] : choosable).map((c) => ({ value: c, label: t(`forecastCategory.${c}`) }))} />
        </Form.Item>
        <CustomFormItems fields={fields.data} />
      </Form>
    </Modal>
  );
}
