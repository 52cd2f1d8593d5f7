// Per stage, the deal fields (built-in and custom) and document types that must be there before a deal may enter it; the API's refusals land under the stage's control.
import { useEffect } from 'react';
import { Button, Col, Form, Row, Select, Typography } from 'antd';
import { ApiError } from '../../../api/client.ts';
import { stages, type Stage } from '../../../api/types.ts';
import { GATES_PATH, type DocumentType, type GatesConfig, type StageGate } from '../../../api/pipeline-types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { StageTag } from '../../../components/labels.tsx';
import { QueryView } from '../../../components/QueryView.tsx';
import { useFormErrors } from '../../../components/useFormErrors.tsx';
import { useLocalLabel } from '../../../records/document-types.ts';
import { usePipelineRule } from './usePipelineRule.ts';

type GateForm = Record<Stage, { fields: string[]; documents: string[] }>;

const toForm = (gates: StageGate[]): GateForm =>
  Object.fromEntries(stages.map((stage) => {
    const gate = gates.find((g) => g.stage === stage);
    return [stage, { fields: gate?.fields ?? [], documents: gate?.documents ?? [] }];
  })) as GateForm;

const toGates = (form: GateForm): StageGate[] => stages.map((stage) => ({ stage, fields: form[stage]?.fields ?? [], documents: form[stage]?.documents ?? [] })).filter((g) => g.fields.length + g.documents.length > 0);

/** the API names a gate by its index in what was sent ("gates.2.documents"); the form names it by stage ("quoted.documents") */
function byStage(error: unknown, sent: StageGate[]): unknown {
  if (!(error instanceof ApiError)) return error;
  const details = error.details as { issues?: { path?: string; message?: string }[] } | undefined;
  if (!Array.isArray(details?.issues)) return error;
  const issues = details.issues.map((issue) => {
    const [, index, part] = /^gates\.(\d+)(?:\.(\w+))?$/.exec(issue.path ?? '') ?? [];
    const stage = index === undefined ? undefined : sent[Number(index)]?.stage;
    return stage ? { ...issue, path: `${stage}.${part ?? 'documents'}` } : issue;
  });
  return new ApiError(error.status, error.code, error.message, { ...details, issues });
}

export function GatesEditor({ documentTypes }: { documentTypes: DocumentType[] }) {
  const { t } = useI18n();
  const local = useLocalLabel();
  const [form] = Form.useForm<GateForm>();
  const errors = useFormErrors(form);
  const { query, save } = usePipelineRule<GatesConfig>(GATES_PATH, (error) => errors.show(byStage(error, toGates(form.getFieldsValue(true) as GateForm))));
  useEffect(() => {
    if (query.data) form.setFieldsValue(toForm(query.data.gates));
  }, [query.data, form]);
  const documentOptions = documentTypes.map((d) => ({ value: d.key, label: local(d) }));

  return (
    <QueryView query={query} rows={6}>
      {(config) => (
        <Form<GateForm>
          form={form}
          layout="vertical"
          data-testid="gates-editor"
          onFinish={(values) => {
            errors.clear();
            save.mutate({ gates: toGates(values) });
          }}
        >
          <Typography.Paragraph type="secondary">{t(config.isDefault ? 'gates.usingDefault' : 'gates.help')}</Typography.Paragraph>
          {errors.alert}
          {stages.map((stage) => (
            <Row key={stage} gutter={12} align="top" data-testid={`gate-${stage}`} style={{ borderBottom: '1px solid #f0f0f0', paddingTop: 8 }}>
              <Col xs={24} md={4} style={{ paddingBottom: 8 }}><StageTag stage={stage} /></Col>
              <Col xs={24} md={10}>
                <Form.Item name={[stage, 'documents']} label={t('gates.documents')}>
                  <Select mode="multiple" allowClear options={documentOptions} placeholder={t('gates.none')} optionFilterProp="label" aria-label={`${t('gates.documents')} ${stage}`} />
                </Form.Item>
              </Col>
              <Col xs={24} md={10}>
                <Form.Item name={[stage, 'fields']} label={t('gates.fields')}>
                  <Select mode="multiple" allowClear options={config.fields.map((f) => ({ value: f.name, label: local(f) }))} placeholder={t('gates.none')} optionFilterProp="label" aria-label={`${t('gates.fields')} ${stage}`} />
                </Form.Item>
              </Col>
            </Row>
          ))}
          <Button type="primary" htmlType="submit" loading={save.isPending} style={{ marginTop: 12 }} data-testid="save-gates">{t('gates.save')}</Button>
        </Form>
      )}
    </QueryView>
  );
}
