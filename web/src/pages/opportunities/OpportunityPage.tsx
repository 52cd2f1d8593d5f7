// 商机 detail: fields (custom ones too, editable), where it stands in the stage flow (moving it, and what the next stage requires), contacts, touches, documents and tasks.
import { useEffect, useState } from 'react';
import { Button, Card, Col, Descriptions, Row, Skeleton, Space, Steps, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router-dom';
import { api, type Page } from '../../api/client.ts';
import { stages, type Opportunity, type Stage, type Task } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useLabels, StageTag } from '../../components/labels.tsx';
import { useUsers, userName } from '../../api/directories.ts';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { rememberContext } from '../../app/last-context.ts';
import { ActivityTimeline } from '../../records/ActivityTimeline.tsx';
import { AttachmentsPanel } from '../../records/AttachmentsPanel.tsx';
import { NotesPanel } from '../../records/NotesPanel.tsx';
import { TasksList } from '../../records/TasksList.tsx';
import { useMoveStage } from '../../records/useMoveStage.tsx';
import { NextStageGate } from './NextStageGate.tsx';
import { ContactsPanel } from '../accounts/ContactsPanel.tsx';
import { useSession } from '../../app/session.tsx';
import { useCustomFields } from '../../custom-fields/useCustomFields.ts';
import { customDescriptionItems } from '../../custom-fields/customDescriptionItems.tsx';
import { OpportunityFormModal } from './OpportunityFormModal.tsx';
import { StageHistory } from './StageHistory.tsx';
import { EvidencePanel } from './evidence/EvidencePanel.tsx';
import { ScenariosCard } from './evidence/ScenariosCard.tsx';
import { WinProbabilityCard } from './WinProbabilityCard.tsx';
import { DealWarningsPanel } from '../deal-warnings/DealWarningsPanel.tsx';

const openFlow: Stage[] = stages.filter((s) => s !== 'lost');

export default function OpportunityPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const format = useFormat();
  const labels = useLabels();
  const users = useUsers();
  const queryClient = useQueryClient();
  const showMoved = async (moved: Opportunity, before: Opportunity) => {
    queryClient.setQueryData(['/api/opportunities', id], { ...before, ...moved });
    await queryClient.invalidateQueries({ queryKey: ['board'] });
  };
  const { move: moveStage, dialog: refusalDialog } = useMoveStage(showMoved);
  const { can } = useSession();
  const fields = useCustomFields('opportunities');
  const [moving, setMoving] = useState<Stage | null>(null);
  const [editing, setEditing] = useState(false);
  const deal = useQuery({ queryKey: ['/api/opportunities', id], queryFn: ({ signal }) => api.get<Opportunity>(`/api/opportunities/${id}`, {}, signal) });
  const tasks = useQuery({ queryKey: ['/api/tasks', { opportunityId: id }], queryFn: ({ signal }) => api.get<Page<Task>>('/api/tasks', { opportunityId: id, limit: 100 }, signal) });

  useEffect(() => {
    const d = deal.data;
    if (d?.accountName) rememberContext({ accountId: d.accountId, accountName: d.accountName, opportunityId: d.id, opportunityName: d.name });
  }, [deal.data]);

  if (deal.isPending) return <Skeleton active paragraph={{ rows: 10 }} />;
  if (deal.isError) return <ErrorNotice error={deal.error} onRetry={() => void deal.refetch()} />;
  const d = deal.data;
  const flowIndex = openFlow.indexOf(d.stage);
  const isOpen = d.stage !== 'won' && d.stage !== 'lost';
  const nextStage = isOpen ? openFlow[flowIndex + 1] : undefined;

  const move = async (stage: Stage) => {
    setMoving(stage);
    const moved = await moveStage(d, stage);
    setMoving(null);
    if (moved) await showMoved(moved, d);
  };

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card>
        <Typography.Text type="secondary"><Link to="/pipeline">{t('pipeline.title')}</Link> / {t('opportunity.detail')}</Typography.Text>
        <Space wrap style={{ width: '100%', justifyContent: 'space-between', margin: '4px 0 12px' }}>
          <Typography.Title level={3} style={{ margin: 0 }}>{d.name} <StageTag stage={d.stage} /></Typography.Title>
          <Space wrap>
            {can('opportunities', 'update') && <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>{t('action.edit')}</Button>}
            {isOpen && (
              <>
              {nextStage && <Button type="primary" loading={moving === nextStage} onClick={() => void move(nextStage)}>{t('opportunity.advanceTo', { stage: labels.stage(nextStage) })}</Button>}
                <Button danger loading={moving === 'lost'} onClick={() => void move('lost')}>{t('opportunity.markLost')}</Button>
              </>
            )}
          </Space>
        </Space>
        <Steps size="small" current={d.stage === 'lost' ? -1 : flowIndex} status={d.stage === 'lost' ? 'error' : d.stage === 'won' ? 'finish' : 'process'} items={openFlow.map((s) => ({ title: labels.stage(s) }))} style={{ marginBottom: 16 }} responsive />
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
          <Descriptions.Item label={t('opportunity.account')}><Link to={`/accounts/${d.accountId}`}>{d.accountName ?? t('nav.account360')}</Link></Descriptions.Item>
          <Descriptions.Item label={t('opportunity.amount')}>{format.money(d.amount, d.currency)}</Descriptions.Item>
          {d.margin !== undefined && <Descriptions.Item label={t('opportunity.margin')}>{format.money(d.margin, d.currency)}</Descriptions.Item>}
          <Descriptions.Item label={t('opportunity.expectedCloseDate')}>{format.date(d.expectedCloseDate)}</Descriptions.Item>
          <Descriptions.Item label={t('opportunity.forecastCategory')}>{t(`forecastCategory.${d.forecastCategory}`)}</Descriptions.Item>
          <Descriptions.Item label={t('opportunity.owner')}>{userName(users.data, d.ownerId)}</Descriptions.Item>
          <Descriptions.Item label={t('opportunity.stageSince')}>{format.dateTime(d.stageChangedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('opportunity.createdAt')}>{format.dateTime(d.createdAt)}</Descriptions.Item>
          {d.closedAt && <Descriptions.Item label={t('opportunity.closedAt')}>{format.dateTime(d.closedAt)}</Descriptions.Item>}
          {customDescriptionItems(fields.data, d.custom)}
        </Descriptions>
        {editing && <OpportunityFormModal deal={d} onClose={() => setEditing(false)} />}
        {refusalDialog}
      </Card>
      {isOpen && <DealWarningsPanel opportunityId={d.id} />}
      {nextStage && <NextStageGate deal={d} stage={nextStage} />}
      <EvidencePanel deal={d} />
      <ScenariosCard deal={d} />
      <WinProbabilityCard dealId={d.id} />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('opportunity.documents')}>
              <AttachmentsPanel entity="opportunities" entityId={d.id} />
            </Card>
            <Card title={t('opportunity.contacts')}>
              <ContactsPanel accountId={d.accountId} />
            </Card>
            <Card title={t('opportunity.tasks')}>
              {tasks.isPending ? <Skeleton active /> : tasks.isError ? <ErrorNotice error={tasks.error} onRetry={() => void tasks.refetch()} /> : <TasksList tasks={tasks.data.items} emptyText={t('opportunity.noTasks')} />}
            </Card>
          </Space>
        </Col>
        <Col xs={24} xl={10}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <StageHistory deal={d} />
            <Card title={t('opportunity.activities')}>
              <ActivityTimeline params={{ opportunityId: d.id }} emptyText={t('opportunity.noActivities')} />
            </Card>
            <Card title={t('account360.notes')}>
              <NotesPanel entity="opportunities" entityId={d.id} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
