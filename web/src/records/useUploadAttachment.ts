// Uploads one file to a record with a document type, then refreshes that record's document list (one cache key for every panel showing it).
import { App } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request, type Page } from '../api/client.ts';
import type { Attachment } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useErrorToast } from '../components/useErrorToast.ts';

export type AttachmentEntity = 'accounts' | 'opportunities';

const attachmentsKey = (entity: AttachmentEntity, entityId: string) => ['/api/attachments', entity, entityId];

export function useAttachments(entity: AttachmentEntity, entityId: string) {
  return useQuery({ queryKey: attachmentsKey(entity, entityId), queryFn: ({ signal }) => api.get<Page<Attachment>>('/api/attachments', { entity, entityId, limit: 100 }, signal) });
}

export function useUploadAttachment(entity: AttachmentEntity, entityId: string) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, documentType }: { file: File; documentType: string }) => {
      const form = new FormData();
      form.set('entity', entity);
      form.set('entityId', entityId);
      form.set('documentType', documentType);
      form.set('file', file);
      return request<Attachment>('POST', '/api/attachments', form);
    },
    onSuccess: async () => {
      void message.success(t('attachments.uploaded'));
      await queryClient.invalidateQueries({ queryKey: attachmentsKey(entity, entityId) });
    },
    onError: showError,
  });
}
