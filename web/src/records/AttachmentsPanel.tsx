// Documents on a record: list, download, and upload with a document type (e.g. the evidence a stage gate asks for).
import { useState } from 'react';
import { Button, List, Select, Skeleton, Space, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import type { Attachment } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/format.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { EmptyHint } from '../components/EmptyHint.tsx';
import { useDocumentTypeLabel, useDocumentTypeOptions } from './document-types.ts';
import { useAttachments, useUploadAttachment, type AttachmentEntity } from './useUploadAttachment.ts';

const fileNameOf = (a: Attachment) => a.fileName ?? a.filename ?? a.name ?? a.id;

export function AttachmentsPanel({ entity, entityId }: { entity: AttachmentEntity; entityId: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const options = useDocumentTypeOptions();
  const documentTypeLabel = useDocumentTypeLabel();
  const [chosenType, setDocumentType] = useState<string>();
  const documentType = chosenType ?? options[0]?.value;
  const list = useAttachments(entity, entityId);
  const upload = useUploadAttachment(entity, entityId);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Select value={documentType} onChange={setDocumentType} style={{ width: 220 }} options={options} aria-label={t('attachments.documentType')} />
        <Upload
          showUploadList={false}
          beforeUpload={(file) => {
            if (documentType) upload.mutate({ file, documentType });
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
