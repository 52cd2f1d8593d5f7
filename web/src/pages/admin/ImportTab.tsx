// CSV import: upload a file, watch the progress bar, and read every bad row by line number.
import { useState } from 'react';
import { Button, Checkbox, Progress, Select, Space, Table, Typography, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { request, api } from '../../api/client.ts';
import type { ImportStatus } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';

const entities = ['accounts', 'contacts', 'opportunities', 'leads', 'activities'] as const;
type ImportEntity = (typeof entities)[number];
const finished = (status: string | undefined) => status === 'succeeded' || status === 'failed';

export function ImportTab() {
  const { t } = useI18n();
  const format = useFormat();
  const [entity, setEntity] = useState<ImportEntity>('accounts');
  const [skipBadRows, setSkipBadRows] = useState(false);
  const [importId, setImportId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.set('file', file);
      const query = new URLSearchParams({ entity, skipBadRows: String(skipBadRows) });
      return request<{ id: string }>('POST', `/api/imports?${query.toString()}`, form);
    },
    onSuccess: (created) => setImportId(created.id),
  });
  const status = useQuery({
    queryKey: ['/api/imports', importId],
    enabled: Boolean(importId),
    queryFn: ({ signal }) => api.get<ImportStatus>(`/api/imports/${importId}`, {}, signal),
    refetchInterval: (query) => (finished(query.state.data?.status) ? false : 1000),
  });
  const s = status.data;
  const percent = s ? Math.round(s.progress * 100) : 0;

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary">{t('import.help')}</Typography.Paragraph>
      <Space wrap>
        <Select<ImportEntity> value={entity} onChange={setEntity} style={{ width: 160 }} options={entities.map((e) => ({ value: e, label: t(`import.entity.${e}`) }))} aria-label={t('import.entityLabel')} />
        <Checkbox checked={skipBadRows} onChange={(e) => setSkipBadRows(e.target.checked)}>{t('import.skipBadRows')}</Checkbox>
        <Upload
          accept=".csv,.xlsx,text/csv"
          showUploadList={false}
          beforeUpload={(file) => {
            setImportId(null);
            start.mutate(file);
            return false;
          }}
        >
          <Button type="primary" icon={<UploadOutlined />} loading={start.isPending}>{t('import.choose')}</Button>
        </Upload>
      </Space>
      {start.isError && <ErrorNotice error={start.error} />}
      {status.isError && <ErrorNotice error={status.error} />}
      {s && (
        <>
          <Progress percent={percent} status={s.status === 'failed' ? 'exception' : finished(s.status) ? 'success' : 'active'} data-testid="import-progress" />
          <Typography.Text>
            {t('import.counts', { processed: format.number(s.processedRows), total: s.totalRows === null ? '?' : format.number(s.totalRows), inserted: format.number(s.insertedRows), bad: format.number(s.badRowCount) })}
          </Typography.Text>
          {s.errors.length > 0 && (
            <Table
              rowKey={(row) => `${row.line}:${row.message}`}
              size="small"
              title={() => t('import.badRows')}
              dataSource={s.errors}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                { title: t('import.line'), dataIndex: 'line', width: 90 },
                { title: t('import.reason'), dataIndex: 'message' },
              ]}
            />
          )}
        </>
      )}
    </Space>
  );
}
