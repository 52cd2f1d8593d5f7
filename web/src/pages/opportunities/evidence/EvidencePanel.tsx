// On the deal page: the four evidence stages with their proofs and dates, which checks passed or failed and why,
// and the credibility weight the evidence sets (with decay for a commit past its close date); proofs added from the deal's documents and activities.
import { useState } from 'react';
import { Button, Card, Col, Descriptions, Grid, List, Popconfirm, Row, Space, Steps, Tag, Tooltip, Typography } from 'antd';
import { CheckCircleFilled, CloseCircleFilled, DeleteOutlined, FileTextOutlined, MessageOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { EvidenceStageKey, EvidenceState, Proof } from '../../../api/evidence-types.ts';
import { useI18n } from '../../../i18n/I18nProvider.tsx';
import { formatPercent, useFormat } from '../../../i18n/format.ts';
import { QueryView } from '../../../components/QueryView.tsx';
import { useErrorToast } from '../../../components/useErrorToast.ts';
import { useLabels } from '../../../components/labels.tsx';
import { useSession } from '../../../app/session.tsx';
import type { ActivityType, Opportunity } from '../../../api/types.ts';
import { useEvidenceText } from './evidence-text.ts';
import { AddProofModal } from './AddProofModal.tsx';

export const evidenceKey = (dealId: string) => ['/api/opportunities', dealId, 'evidence'];
const statusOf = { passed: 'finish', failed: 'error', missing: 'wait' } as const;

function ProofItem({ proof, dealId }: { proof: Proof; dealId: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  const text = useEvidenceText();
  const showError = useErrorToast();
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => api.delete(`/api/opportunities/${dealId}/evidence/${proof.id}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: evidenceKey(dealId) }),
    onError: showError,
  });
  const title = proof.attachment ? (
    <Typography.Link href={`/api/attachments/${proof.attachment.id}/content`}>{proof.attachment.filename}</Typography.Link>
  ) : (
    <Typography.Text>{proof.activity?.subject}</Typography.Text>
  );
  return (
    <List.Item
      data-testid="evidence-proof"
      actions={[
        <Popconfirm key="remove" title={t('evidence.removeConfirm')} onConfirm={() => remove.mutate()} okText={t('evidence.remove')} cancelText={t('action.cancel')}>
          <Button type="text" size="small" icon={<DeleteOutlined />} loading={remove.isPending} aria-label={t('evidence.remove')} />
        </Popconfirm>,
      ]}
    >
      <Space direction="vertical" size={2} style={{ minWidth: 0 }}>
        <Space wrap size={6}>
          {proof.passed ? <CheckCircleFilled style={{ color: '#389e0d' }} aria-label={t('evidence.passed')} /> : <CloseCircleFilled style={{ color: '#cf1322' }} aria-label={t('evidence.failed')} />}
          {proof.source === 'attachment' ? <FileTextOutlined /> : <MessageOutlined />}
          {title}
          <Tag>{proof.source === 'attachment' ? t('evidence.source.attachment') : labels.activityType(proof.activity?.type as ActivityType)}</Tag>
        </Space>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('evidence.proofDate', { date: format.date(proof.date) })}
          {proof.signer && ` · ${t('evidence.signedBy', { name: proof.signer.name })}`}
          {proof.note && ` · ${proof.note}`}
        </Typography.Text>
        {proof.checks.map((c) => (
          <Typography.Text key={c.code} type="danger" style={{ fontSize: 12 }} data-testid="evidence-check-failed">{text.check(c)}</Typography.Text>
        ))}
      </Space>
    </List.Item>
  );
}

function Summary({ state, deal }: { state: EvidenceState; deal: Opportunity }) {
  const { t } = useI18n();
  const format = useFormat();
  const text = useEvidenceText();
  const c = state.credibility;
  const decayed = c.decayFactor < 1;
  return (
    <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }} data-testid="evidence-summary">
      <Descriptions.Item label={t('evidence.currentStage')}>{c.evidenceStage ? text.stage(c.evidenceStage) : <Typography.Text type="secondary">{t('evidence.noStage')}</Typography.Text>}</Descriptions.Item>
      <Descriptions.Item label={t('evidence.stageWeight')}>{formatPercent(c.stageWeight)}</Descriptions.Item>
      <Descriptions.Item label={t('evidence.decay')}>
        {decayed ? (
          <Tooltip title={t('evidence.decayHelp', { days: state.decay.daysWithoutUpdate ?? 0, date: format.date(state.decay.closeDate) })}>
            <Tag color="orange" data-testid="evidence-decayed">{t('evidence.decayedTo', { pct: formatPercent(c.decayFactor), days: c.daysPastClose ?? 0 })}</Tag>
          </Tooltip>
        ) : (
          <Typography.Text>{deal.forecastCategory === 'commit' ? t('evidence.noDecay') : t('evidence.decayCommitOnly')}</Typography.Text>
        )}
      </Descriptions.Item>
      <Descriptions.Item label={t('evidence.weight')}>
        {c.weight === null ? <Tag data-testid="evidence-weight">{t('evidence.weightUnknown')}</Tag> : <Tag color={decayed ? 'orange' : 'blue'} data-testid="evidence-weight">{formatPercent(c.weight, { digits: 1, fixed: true })}</Tag>}
      </Descriptions.Item>
    </Descriptions>
  );
}

export function EvidencePanel({ deal }: { deal: Opportunity }) {
  const { t } = useI18n();
  const format = useFormat();
  const text = useEvidenceText();
  const { can } = useSession();
  const [adding, setAdding] = useState<EvidenceStageKey | null>(null);
  // on a phone the stage cards below already show each stage's status: the step bar would only repeat them
  const isPhone = Grid.useBreakpoint().md === false;
  const query = useQuery({ queryKey: evidenceKey(deal.id), queryFn: ({ signal }) => api.get<EvidenceState>(`/api/opportunities/${deal.id}/evidence`, {}, signal) });
  const mayAdd = can('deal_evidence', 'create');
  return (
    <Card title={t('evidence.title')} data-testid="evidence-panel">
      <QueryView query={query} rows={5}>
        {(state) => {
          const reached = state.evidenceStage ? state.stages.findIndex((s) => s.key === state.evidenceStage) : -1;
          const blockers = state.failures.length > 0 || state.stages.some((s, i) => i > reached + 1 && s.status !== 'missing');
          return (
            <Space direction="vertical" size={12} style={{ width: '100%' }}>
              <Summary state={state} deal={deal} />
              {blockers && (
                <Typography.Paragraph type="warning" style={{ margin: 0 }} data-testid="evidence-held">
                  {t('evidence.heldAt', { stage: state.evidenceStage ? text.stage(state.evidenceStage) : t('evidence.noStage') })}
                </Typography.Paragraph>
              )}
              {!isPhone && (
                <Steps
                  size="small"
                  responsive
                  current={Math.max(0, reached)}
                  items={state.stages.map((s) => ({ title: text.stage(s.key), status: statusOf[s.status], description: `${formatPercent(s.weight)}${s.firstDate ? ` · ${format.date(s.firstDate)}` : ''}` }))}
                />
              )}
              <Row gutter={[12, 12]}>
                {state.stages.map((s) => (
                  <Col xs={24} md={12} key={s.key}>
                    <Card
                      size="small"
                      type="inner"
                      data-testid={`evidence-stage-${s.key}`}
                      title={
                        <Space size={6}>
                          {text.stage(s.key)}
                          <Tag color={s.status === 'passed' ? 'green' : s.status === 'failed' ? 'red' : undefined}>{t(`evidence.status.${s.status}`)}</Tag>
                        </Space>
                      }
                      extra={mayAdd && <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => setAdding(s.key)} data-testid={`add-proof-${s.key}`}>{t('evidence.addProof')}</Button>}
                    >
                      {s.proofs.length === 0 ? (
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t(`evidence.hint.${s.key}`)}</Typography.Text>
                      ) : (
                        <List size="small" dataSource={s.proofs} renderItem={(p) => <ProofItem proof={p} dealId={deal.id} />} />
                      )}
                    </Card>
                  </Col>
                ))}
              </Row>
              <details>
                <summary style={{ cursor: 'pointer', color: '#4b5563' }}>{t('evidence.reasons')}</summary>
                <ul style={{ margin: '6px 0 0', paddingInlineStart: 20, color: '#4b5563', fontSize: 12 }}>
                  {state.failures.map((f) => <li key={`${f.code}:${f.proofId}`}>{text.check(f)}</li>)}
                  {state.credibility.reasons.map((r) => <li key={r} lang="en">{r}</li>)}
                </ul>
              </details>
            </Space>
          );
        }}
      </QueryView>
      {adding && <AddProofModal deal={deal} stage={adding} onClose={() => setAdding(null)} />}
    </Card>
  );
}
