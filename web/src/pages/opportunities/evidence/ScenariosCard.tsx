// On the deal page: the rep's optimistic / neutral / pessimistic amounts and close dates, each compared with similar won deals —
// a value more than 2σ from their mean is flagged (with mean, σ, n and z); too little history says so instead of "ok".
import { useEffect } from 'react';
import { App, Button, Card, Col, DatePicker, Form, Input, Row, Space, Tag, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../../api/client.ts';
import { scenarioKinds, type ScenarioFlag, type ScenarioKind, type Scenarios } from '../../../api/evidence-types.ts';
import type { Opportunity, Stage } from '../../../api/types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { useFormat } from '../../../i18n/format.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import { useFormErrors } from '../../../components/useFormErrors.tsx';
import { useSession } from '../../../app/session.tsx';
import { useEvidenceText } from './evidence-text.ts';

type Values = Record<ScenarioKind, { amount?: string; closeDate?: Dayjs }>;
const key = (dealId: string) => ['/api/opportunities', dealId, 'scenarios'];

function Flag({ flag, kind }: { flag: ScenarioFlag; kind: 'amount' | 'cycle' }) {
  const { t } = useI18n();
  const format = useFormat();
  const text = useEvidenceText();
  const what = kind === 'amount' ? t('evidence.scenario.amount') : flag.measure === 'from_stage' && flag.stage ? t('evidence.scenario.cycleFromStage', { stage: t(`stage.${flag.stage as Stage}`) }) : t('evidence.scenario.cycle');
  if (flag.state === 'unknown') return <Tooltip title={t('evidence.scenario.unknownHelp')}><Tag data-testid={`flag-${kind}`}>{t('evidence.scenario.flag.unknown', { what })}</Tag></Tooltip>;
  const mean = kind === 'amount' ? format.money(String(flag.mean)) : t('evidence.scenario.days', { n: String(flag.mean) });
  const sigma = kind === 'amount' ? `σ(ln) = ${flag.sigma}` : `σ = ${t('evidence.scenario.days', { n: String(flag.sigma) })}`;
  const detail = t('evidence.scenario.flagDetail', { mean, sigma, n: flag.n, z: (flag.z ?? 0).toFixed(2), similarity: text.similarity(flag.similarity) });
  const tag = (
    <Tooltip title={detail}>
      <Tag color={flag.state === 'flagged' ? 'red' : 'green'} data-testid={`flag-${kind}`}>
        {flag.state === 'flagged' ? t('evidence.scenario.flag.flagged', { what, z: Math.abs(flag.z ?? 0).toFixed(1) }) : t('evidence.scenario.flag.ok', { what })}
      </Tag>
    </Tooltip>
  );
  // a flagged value shows its evidence in place, not only on hover (phones have no hover)
  if (flag.state !== 'flagged') return tag;
  return (
    <Space direction="vertical" size={0}>
      {tag}
      <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid="flag-detail">{detail}</Typography.Text>
    </Space>
  );
}

export function ScenariosCard({ deal }: { deal: Opportunity }) {
  const { t } = useI18n();
  const text = useEvidenceText();
  const { message } = App.useApp();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form);
  const query = useQuery({ queryKey: key(deal.id), queryFn: ({ signal }) => api.get<Scenarios>(`/api/opportunities/${deal.id}/scenarios`, {}, signal) });
  const open = deal.stage !== 'won' && deal.stage !== 'lost';
  useEffect(() => {
    const s = query.data?.scenarios;
    if (s) form.setFieldsValue(Object.fromEntries(scenarioKinds.map((k) => [k, { amount: s[k].amount, closeDate: dayjs(s[k].closeDate) }])));
  }, [query.data, form]);
  const save = useMutation({
    mutationFn: (v: Values) => api.put<Scenarios>(`/api/opportunities/${deal.id}/scenarios`, Object.fromEntries(scenarioKinds.map((k) => [k, { amount: v[k].amount?.trim(), closeDate: v[k].closeDate?.format('YYYY-MM-DD') }]))),
    onMutate: () => errors.clear(),
    onSuccess: (saved) => {
      queryClient.setQueryData(key(deal.id), saved);
      void message.success(t('evidence.scenario.saved'));
    },
    onError: (err) => errors.show(err),
  });
  const required = [{ required: true, message: t('validation.required') }];
  return (
    <Card title={t('evidence.scenario.title')} data-testid="scenarios-card">
      <QueryView query={query}>
        {(data) => (
          <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)} disabled={!open || !can('deal_scenarios', 'update')}>
            <Typography.Paragraph type="secondary" style={{ marginTop: 0 }} data-testid="scenario-history">
              {data.history.similarity ? t('evidence.scenario.history', { n: data.history.n, similarity: text.similarity(data.history.similarity) }) : t('evidence.scenario.noHistory', { min: data.history.minimum })}
              {!open && ` ${t('evidence.scenario.closedDeal')}`}
            </Typography.Paragraph>
            {errors.alert}
            {scenarioKinds.map((k) => {
              const value = data.scenarios?.[k];
              return (
                <Row gutter={12} key={k} align="bottom" data-testid={`scenario-${k}`}>
                  <Col xs={24} sm={4}><Typography.Text strong style={{ display: 'block', marginBottom: 8 }}>{t(`evidence.scenario.kind.${k}`)}</Typography.Text></Col>
                  <Col xs={12} sm={7}>
                    <Form.Item name={[k, 'amount']} label={t('evidence.scenario.amountYuan')} rules={required}>
                      <Input inputMode="decimal" prefix="¥" />
                    </Form.Item>
                  </Col>
                  <Col xs={12} sm={6}>
                    <Form.Item name={[k, 'closeDate']} label={t('evidence.scenario.closeDate')} rules={required}>
                      <DatePicker style={{ width: '100%' }} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} sm={7}>
                    {value && (
                      <Space wrap size={4} style={{ marginBottom: 24 }}>
                        <Flag flag={value.amountFlag} kind="amount" />
                        <Flag flag={value.cycleFlag} kind="cycle" />
                      </Space>
                    )}
                  </Col>
                </Row>
              );
            })}
            {open && can('deal_scenarios', 'update') && <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="save-scenarios">{t('evidence.scenario.save')}</Button>}
          </Form>
        )}
      </QueryView>
    </Card>
  );
}
