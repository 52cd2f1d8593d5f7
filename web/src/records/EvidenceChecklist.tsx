// What a stage gate asks of a deal, one line each in the user's language: documents already attached are ticked, missing ones get an upload button with their type preselected.
import { Button, List, Space, Tag, Typography, Upload } from 'antd';
import { CheckCircleFilled, UploadOutlined } from '@ant-design/icons';
import type { MissingItem } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useLocalLabel } from './document-types.ts';
import { useAttachments, useUploadAttachment } from './useUploadAttachment.ts';

export function EvidenceChecklist({ dealId, items, filledFields }: { dealId: string; items: MissingItem[]; filledFields?: ReadonlySet<string> }) {
  const { t } = useI18n();
  const local = useLocalLabel();
  const attachments = useAttachments('opportunities', dealId);
  const upload = useUploadAttachment('opportunities', dealId);
  const attached = new Set((attachments.data?.items ?? []).map((a) => a.documentType));
  const isMet = (item: MissingItem) => (item.kind === 'document' ? attached.has(item.name) : (filledFields?.has(item.name) ?? false));

  return (
    <List
      size="small"
      data-testid="evidence-checklist"
      dataSource={items}
      renderItem={(item) => (
        <List.Item data-testid="evidence-item" data-name={item.name} data-met={isMet(item)}>
          <Space wrap style={{ width: '100%', justifyContent: 'space-between' }}>
            <Space>
              <Tag>{t(item.kind === 'document' ? 'gates.kindDocument' : 'gates.kindField')}</Tag>
              <Typography.Text data-testid="evidence-label">{local(item)}</Typography.Text>
            </Space>
            {isMet(item) ? (
              <Typography.Text type="success"><CheckCircleFilled /> {t(item.kind === 'document' ? 'gates.uploaded' : 'gates.filled')}</Typography.Text>
            ) : item.kind === 'document' ? (
              <Upload
                showUploadList={false}
                beforeUpload={(file) => {
                  upload.mutate({ file, documentType: item.name });
                  return false;
                }}
              >
                <Button size="small" type="primary" ghost icon={<UploadOutlined />} loading={upload.isPending && upload.variables.documentType === item.name} data-testid="evidence-upload">
                  {t('gates.upload')}
                </Button>
              </Upload>
            ) : (
              <Typography.Text type="secondary">{t('gates.fillOnDeal')}</Typography.Text>
            )}
          </Space>
        </List.Item>
      )}
    />
  );
}
