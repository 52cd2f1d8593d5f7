// Creates a deal (商机) from the pipeline board or a customer's 客户360: checked in the browser first, then by the API whose
// complaints land under their fields; on success it opens the new deal.
import { DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../../api/client.ts';
import type { CustomValues, ForecastCategory, Opportunity } from '../../api/types.ts';
import { useI18n, type Translate } from '../../i18n/I18nProvider.tsx';
import { useMe } from '../../app/session.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';
import { useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { CustomFormItems } from '../../custom-fields/CustomFormItems.tsx';
import { UserPicker } from '../../custom-fields/UserPicker.tsx';
import { toCustomPayload } from '../../custom-fields/custom-values.ts';
import { AccountSelect } from './AccountSelect.tsx';

/** a new deal starts in one of these; later stages are reached through moves and their gates */
const entryStages = ['lead', 'qualified'] as const;
const choosable: ForecastCategory[] = ['pipeline', 'best_case', 'commit', 'omitted'];
/** deal amounts are never negative (margins may be) */
const AMOUNT_PATTERN = /^\d{1,16}(\.\d{1,2})?$/;

interface DealForm {
  accountId?: string;
  name: string;
  amount: string;
  expectedCloseDate?: Dayjs | null;
  stage: (typeof entryStages)[number];
  forecastCategory: ForecastCategory;
  ownerId?: string;
  custom?: CustomValues;
}

/** the API names reference columns (account_id); the form names its fields (accountId) */
const apiFieldToForm: Record<string, string> = { account_id: 'accountId', owner_id: 'ownerId' };
/** puts a refused reference under its form field; a customer that no longer exists is said in the user's language */
function withFormFieldNames(error: unknown, t: Translate): unknown {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return error;
  const details = error.details as { field?: unknown };
  const field = typeof details.field === 'string' ? apiFieldToForm[details.field] : undefined;
  if (!field) return error;
  const message = field === 'accountId' && error.code === 'unprocessable' ? t('dealCreate.accountGone') : error.message;
  return new ApiError(error.status, error.code, message, { ...details, field });
}

export interface DealCreateModalProps {
  onClose: () => void;
  /** preselected (and fixed) when creating from a customer's page */
  account?: { id: string; name: string };
}

export function DealCreateModal({ onClose, account }: DealCreateModalProps) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm<DealForm>();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const errors = useFormErrors(form);
  const fields = useCustomFields('opportunities');
  const isRep = me.user.role === 'rep';
  const save = useMutation({
    mutationFn: (v: DealForm) =>
      api.post<Opportunity>('/api/opportunities', {
        accountId: v.accountId,
        name: v.name.trim(),
        amount: v.amount.trim(),
        expectedCloseDate: v.expectedCloseDate ? v.expectedCloseDate.format('YYYY-MM-DD') : null,
        stage: v.stage,
        forecastCategory: v.forecastCategory,
        ...(v.ownerId ? { ownerId: v.ownerId } : {}),
        custom: toCustomPayload(fields.data, v.custom),
      }),
    onSuccess: async (created) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: ['board'] }), queryClient.invalidateQueries({ queryKey: ['/api/opportunities'] })]);
      // after the invalidation, so the deal page starts from the created deal instead of fetching it again
      queryClient.setQueryData(['/api/opportunities', created.id], created);
      onClose();
      void navigate(`/opportunities/${created.id}`);
    },
    onError: (error) => errors.show(withFormFieldNames(error, t)),
  });

  return (
    <Modal open title={t('dealCreate.title')} okText={t('action.create')} cancelText={t('action.cancel')} confirmLoading={save.isPending} onOk={() => form.submit()} onCancel={onClose} destroyOnHidden okButtonProps={{ 'data-testid': 'deal-create-submit' }}>
      {errors.alert}
      <Form<DealForm>
        form={form}
        layout="vertical"
        data-testid="deal-create-form"
        initialValues={{ accountId: account?.id, stage: 'lead', forecastCategory: 'pipeline', ownerId: me.user.id }}
        onFinish={(v) => {
          errors.clear();
          save.mutate(v);
        }}
      >
        <Form.Item name="accountId" label={t('opportunity.account')} rules={[{ required: true, message: t('dealCreate.accountRequired') }]}>
          <AccountSelect initialLabel={account?.name} disabled={Boolean(account)} />
        </Form.Item>
        <Form.Item name="name" label={t('opportunity.name')} rules={[{ required: true, whitespace: true, message: t('dealCreate.nameRequired') }, { max: 200, message: t('validation.maxLength', { n: 200 }) }]}>
          <Input autoFocus={Boolean(account)} placeholder={t('dealCreate.namePlaceholder')} data-testid="deal-name" />
        </Form.Item>
        <Form.Item name="amount" label={t('dealCreate.amountLabel')} extra={t('dealCreate.amountHint')} rules={[{ required: true, whitespace: true, message: t('dealCreate.amountRequired') }, { pattern: AMOUNT_PATTERN, message: t('dealCreate.amountInvalid') }]}>
          <Input inputMode="decimal" prefix="¥" placeholder="880000.00" data-testid="deal-amount" />
        </Form.Item>
        <Form.Item name="expectedCloseDate" label={t('opportunity.expectedCloseDate')}>
          <DatePicker style={{ width: '100%' }} data-testid="deal-close-date" />
        </Form.Item>
        <Form.Item name="stage" label={t('dealCreate.startStage')}>
          <Radio.Group optionType="button" options={entryStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))} />
        </Form.Item>
        <Form.Item name="forecastCategory" label={t('opportunity.forecastCategory')}>
          <Select options={choosable.map((c) => ({ value: c, label: t(`forecastCategory.${c}`) }))} />
        </Form.Item>
        {!isRep && (
          <Form.Item name="ownerId" label={t('opportunity.owner')}>
            <UserPicker onChange={() => undefined} />
          </Form.Item>
        )}
        <CustomFormItems fields={fields.data} />
      </Form>
    </Modal>
  );
}
