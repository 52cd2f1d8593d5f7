// 工作台: today's and overdue tasks, alerts raised for me, my daily digest (the team's for leaders) and recent touches.
import { Alert, Button, Card, Col, List, Row, Skeleton, Space, Typography } from 'antd';
import { EditOutlined } from '@ant-design/icons';
import { useQueries, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router-dom';
import dayjs from 'dayjs';
import { api, type Page } from '../../api/client.ts';
import type { Task } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useFormat } from '../../i18n/format.ts';
import { useMe } from '../../app/session.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { TasksList } from '../../records/TasksList.tsx';
import { ActivityTimeline } from '../../records/ActivityTimeline.tsx';
import { alertSources } from './alert-sources.ts';
import { DigestCard } from './DigestCard.tsx';

function AlertsPanel({ userId }: { userId: string }) {
  const { t } = useI18n();
  const format = useFormat();
  const today = dayjs().format('YYYY-MM-DD');
  const results = useQueries({
    queries: alertSources.map((source) => ({ queryKey: ['alerts', source.id, userId, today], queryFn: ({ signal }: { signal: AbortSignal }) => source.load({ userId, today, t, format, signal }) })),
  });
  if (results.some((r) => r.isPending)) return <Skeleton active paragraph={{ rows: 2 }} />;
  const failed = results.find((r) => r.isError);
  const alerts = results.flatMap((r) => r.data ?? []);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {failed && <ErrorNotice error={failed.error} />}
      {alerts.length === 0 && !failed ? (
        <EmptyHint text={t('workbench.noAlerts')} />
      ) : (
        <List
          size="small"
          data-testid="workbench-alerts"
          dataSource={alerts}
          renderItem={(a) => (
            <List.Item>
              <Alert type={a.severity} showIcon style={{ width: '100%' }} title={<Link to={a.link}>{a.title}</Link>} description={a.description} />
            </List.Item>
          )}
        />
      )}
    </Space>
  );
}

export default function WorkbenchPage() {
  const { t } = useI18n();
  const me = useMe();
  const navigate = useNavigate();
  const endOfToday = dayjs().endOf('day').toISOString();
  const startOfToday = dayjs().startOf('day').toISOString();
  const tasks = useQuery({
    queryKey: ['/api/tasks', { ownerId: me.user.id, status: 'open', dueBefore: endOfToday }],
    queryFn: ({ signal }) => api.get<Page<Task>>('/api/tasks', { ownerId: me.user.id, status: 'open', dueBefore: endOfToday, sort: 'dueAt', limit: 200 }, signal),
  });
  const due = tasks.data?.items ?? [];
  const overdue = due.filter((task) => task.dueAt && task.dueAt < startOfToday);
  const today = due.filter((task) => !task.dueAt || task.dueAt >= startOfToday);

  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>{t('workbench.greeting', { name: me.user.name })}</Typography.Title>
          <Typography.Text type="secondary">{me.tenant.name}</Typography.Text>
        </div>
        <Button type="primary" icon={<EditOutlined />} onClick={() => navigate('/quick-log')}>{t('quickLog.title')}</Button>
      </Space>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <Card title={t('workbench.today')} data-testid="today-tasks">
              {tasks.isPending ? <Skeleton active /> : tasks.isError ? <ErrorNotice error={tasks.error} onRetry={() => void tasks.refetch()} /> : <TasksList tasks={today} emptyText={t('workbench.noToday')} />}
            </Card>
            <Card title={t('workbench.overdue')}>
              {tasks.isPending ? <Skeleton active /> : tasks.isError ? <ErrorNotice error={tasks.error} /> : <TasksList tasks={overdue} overdue emptyText={t('workbench.noOverdue')} />}
            </Card>
            <Card title={t('workbench.alerts')}>
              <AlertsPanel userId={me.user.id} />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={12}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <DigestCard />
            <Card title={t('workbench.recent')}>
              <ActivityTimeline params={{}} showAccountLink emptyText={t('workbench.noRecent')} />
            </Card>
          </Space>
        </Col>
      </Row>
    </Space>
  );
}
