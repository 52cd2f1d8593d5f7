// Documents on a record: list, download, and upload with a document type (e.g. the evidence a stage gate asks for).
import { useState } from 'react';
import { App, Button, List, Select, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, request, type Page } from '../api/client.ts';
import type { Attachment } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/format.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { errorHeadline, errorMessage } from '../components/errors.ts';
import { documentTypes, useDocumentTypeLabel } from './document-types.ts';

const fileNameOf = (a: Attachment) => a.fileName ?? a.filename ?? a.name ?? a.id;

export function AttachmentsPanel({ entity, entityId }: { entity: 'accounts' | 'opportunities'; entityId: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const { message } = App.useApp();
  const documentTypeLabel = useDocumentTypeLabel();
  const queryClient = useQueryClient();
  const [documentType, setDocumentType] = useState<string>(documentTypes[0]);
  const key = ['/api/attachments', entity, entityId];
  const list = useQuery({ queryKey: key, queryFn: ({ signal }) => api.get<Page<Attachment>>('/api/attachments', { entity, entityId, limit: 100 }, signal) });
  const upload = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set('entity', entity);
      form.set('entityId', entityId);
      form.set('documentType', documentType);
      form.set('file', file);
      return request<Attachment>('POST', '/api/attachments', form);
    },
    onSuccess: async () => {
      message.success(t('attachments.uploaded'));
      await queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (err) => message.error([errorHeadline(t, err), errorMessage(t, err)].filter(Boolean).join(' — ')),
  });

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select value={documentType} onChange={setDocumentType} style={{ width: 180 }} options={documentTypes.map((d) => ({ value: d, label: documentTypeLabel(d) }))} aria-label={t('attachments.documentType')} />
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            upload.mutate(file);
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} loading={upload.isPending}>
            {t('attachments.upload')}
          </Button>
        </Upload>
      </Space>
      {list.isPending ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : list.isError ? (
        <ErrorNotice error={list.error} onRetry={() => void list.refetch()} />
      ) : list.data.items.length === 0 ? (
        <EmptyHint text={t('attachments.empty')} />
      ) : (
        <List
          dataSource={list.data.items}
          renderItem={(a) => (
            <List.Item>
              <Space wrap>
                <PaperClipOutlined />
                <Typography.Link href={`/api/attachments/${a.id}/content`}>{fileNameOf(a)}</Typography.Link>
                {a.documentType && <Tag>{documentTypeLabel(a.documentType)}</Tag>}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{format.dateTime(a.createdAt)}</Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}
