// Adds a proof to one evidence stage: pick one of the deal's documents (with the document's own date) or one of its activities;
// 法务闭环 also names the signer among the account's contacts. A refusal lists the failed checks in the user's language.
import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { api, ApiError, type Page } from '../../../api/client.ts';
import type { EvidenceCheck, EvidenceStageKey, EvidenceState } from '../../../api/evidence-types.ts';
import type { Activity, Contact, Opportunity } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { useLabels } from '../../../components/labels.tsx';
import { errorHeadline, errorMessage } from '../../../components/errors.ts';
import { useAttachments } from '../../../records/useUploadAttachment.ts';
import { useDocumentTypeLabel } from '../../../records/document-types.ts';
import { useEvidenceText } from './evidence-text.ts';
import { evidenceKey } from './EvidencePanel.tsx';

interface Values {
  source: 'attachment' | 'activity';
  attachmentId?: string;
  activityId?: string;
  documentDate?: Dayjs;
  signerContactId?: string;
  note?: string;
}

const refusedChecks = (error: unknown): EvidenceCheck[] | null => {
  if (!(error instanceof ApiError)) return null;
  const details = error.details as { reason?: string; checks?: EvidenceCheck[] } | undefined;
  return details?.reason === 'evidence_check_failed' ? (details.checks ?? []) : null;
};

export function AddProofModal({ deal, stage, onClose }: { deal: Opportunity; stage: EvidenceStageKey; onClose: () => void }) {
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  const text = useEvidenceText();
  const documentTypeLabel = useDocumentTypeLabel();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const source = Form.useWatch('source', form) ?? 'attachment';
  const [error, setError] = useState<unknown>(null);
  const attachments = useAttachments('opportunities', deal.id);
  const activities = useQuery({ queryKey: ['/api/activities', { opportunityId: deal.id, limit: 100 }], queryFn: ({ signal }) => api.get<Page<Activity>>('/api/activities', { opportunityId: deal.id, limit: 100 }, signal) });
  const contacts = useQuery({ queryKey: ['/api/contacts', { accountId: deal.accountId }], enabled: stage === 'legal_closed', queryFn: ({ signal }) => api.get<Page<Contact>>('/api/contacts', { accountId: deal.accountId, limit: 200 }, signal) });
  const save = useMutation({
    mutationFn: (v: Values) =>
      api.post<EvidenceState>(`/api/opportunities/${deal.id}/evidence`, {
        stage,
        ...(v.source === 'attachment' ? { attachmentId: v.attachmentId, documentDate: v.documentDate?.format('YYYY-MM-DD') } : { activityId: v.activityId }),
        ...(stage === 'legal_closed' ? { signerContactId: v.signerContactId } : {}),
        ...(v.note ? { note: v.note } : {}),
      }),
    onMutate: () => setError(null),
    onSuccess: (state) => {
      queryClient.setQueryData(evidenceKey(deal.id), state);
      onClose();
    },
    onError: setError,
  });
  const checks = refusedChecks(error);
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Modal open title={t('evidence.addProofTo', { stage: text.stage(stage) })} onCancel={onClose} onOk={() => form.submit()} okText={t('evidence.addProof')} cancelText={t('action.cancel')} confirmLoading={save.isPending} destroyOnHidden>
      {error !== null && (
        <Alert
          type="error"
          showIcon
          role="alert"
          data-testid="proof-refused"
          style={{ marginBottom: 12 }}
          title={checks ? t('evidence.refused') : errorHeadline(t, error)}
          description={checks ? <ul style={{ margin: 0, paddingInlineStart: 18 }}>{checks.map((c) => <li key={c.code}>{text.check(c)}</li>)}</ul> : errorMessage(t, error) || undefined}
        />
      )}
      <Form form={form} layout="vertical" initialValues={{ source: 'attachment' }} onFinish={(v) => save.mutate(v)}>
        <Form.Item name="source" label={t('evidence.proofKind')}>
          <Radio.Group optionType="button" options={[{ value: 'attachment', label: t('evidence.source.attachment') }, { value: 'activity', label: t('evidence.source.activity') }]} />
        </Form.Item>
        {source === 'attachment' ? (
          <>
            <Form.Item name="attachmentId" label={t('evidence.document')} rules={required} extra={t('evidence.documentHelp')}>
              <Select
                loading={attachments.isPending}
                data-testid="proof-attachment"
                notFoundContent={t('evidence.noDocuments')}
                options={(attachments.data?.items ?? []).map((a) => ({ value: a.id, label: `${a.filename ?? a.fileName ?? a.id}${a.documentType ? ` · ${documentTypeLabel(a.documentType)}` : ''}` }))}
              />
            </Form.Item>
            <Form.Item name="documentDate" label={t('evidence.documentDate')} rules={required} extra={t('evidence.documentDateHelp')}>
              <DatePicker style={{ width: '100%' }} data-testid="proof-date" />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="activityId" label={t('evidence.activity')} rules={required} extra={t('evidence.activityHelp')}>
            <Select
              loading={activities.isPending}
              data-testid="proof-activity"
              notFoundContent={t('evidence.noActivities')}
              options={(activities.data?.items ?? []).map((a) => ({ value: a.id, label: `${format.date(a.occurredAt)} · ${labels.activityType(a.type)} · ${a.subject}` }))}
            />
          </Form.Item>
        )}
        {stage === 'legal_closed' && (
          <Form.Item name="signerContactId" label={t('evidence.signer')} rules={required} extra={t('evidence.signerHelp')}>
            <Select
              loading={contacts.isPending}
              data-testid="proof-signer"
              options={(contacts.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name}${c.decisionRole ? ` · ${labels.decisionRole(c.decisionRole)}` : ''}` }))}
            />
          </Form.Item>
        )}
        <Form.Item name="note" label={t('evidence.note')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
