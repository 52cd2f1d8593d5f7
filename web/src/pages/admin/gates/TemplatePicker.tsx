// Applies an industry gate template (医疗器械, SaaS, 工业制造, 商贸分销) after a confirmation that it replaces the current gates.
import { useState } from 'react';
import { App, Button, Select, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, type Page } from '../../../api/client.ts';
import { DOCUMENT_TYPES_PATH, GATES_PATH, type GateTemplate } from '../../../api/pipeline-types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { ErrorNotice } from '../../../components/ErrorNotice.tsx';
import { useLocalLabel } from '../../../records/document-types.ts';

export function TemplatePicker() {
  const { t } = useI18n();
  const { message, modal } = App.useApp();
  const local = useLocalLabel();
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<string>();
  const templates = useQuery({ queryKey: ['/api/pipeline/gate-templates'], staleTime: Infinity, queryFn: ({ signal }) => api.get<Omit<Page<GateTemplate>, 'nextCursor'>>('/api/pipeline/gate-templates', {}, signal) });
  const apply = useMutation({
    mutationFn: (template: string) => api.post('/api/pipeline/gates/apply-template', { template }),
    onSuccess: async () => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: [GATES_PATH] }), queryClient.invalidateQueries({ queryKey: [DOCUMENT_TYPES_PATH] })]);
      void message.success(t('gates.templateApplied'));
    },
  });
  const template = templates.data?.items.find((x) => x.key === chosen);

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph type="secondary" style={{ margin: 0 }}>{t('gates.templateHelp')}</Typography.Paragraph>
      <Space wrap>
        <Select value={chosen} onChange={setChosen} loading={templates.isPending} placeholder={t('gates.chooseTemplate')} style={{ width: 220 }} options={(templates.data?.items ?? []).map((x) => ({ value: x.key, label: local(x) }))} aria-label={t('gates.chooseTemplate')} data-testid="template-select" />
        <Button
          disabled={!template}
          loading={apply.isPending}
          data-testid="apply-template"
          onClick={() =>
            template &&
            modal.confirm({
              title: t('gates.applyConfirmTitle', { name: local(template) }),
              content: t('gates.applyConfirm'),
              okText: t('gates.apply'),
              cancelText: t('action.cancel'),
              onOk: () => apply.mutateAsync(template.key),
            })
          }
        >
          {t('gates.apply')}
        </Button>
      </Space>
      {apply.isError && <ErrorNotice error={apply.error} />}
      {templates.isError && <ErrorNotice error={templates.error} onRetry={() => void templates.refetch()} />}
    </Space>
  );
}
