// A list of tasks with a tick to complete each (used on the workbench and the deal page).
import { Button, List, Tag, Typography } from 'antd';
import { CheckOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api/client.ts';
import type { Task } from '../api/types.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { useFormat } from '../i18n/format.ts';
import { ErrorNotice } from '../components/ErrorNotice.tsx';
import { EmptyHint } from '../components/EmptyHint.tsx';

export function TasksList({ tasks, emptyText, overdue = false }: { tasks: Task[]; emptyText: string; overdue?: boolean }) {
  const { t } = useI18n();
  const format = useFormat();
  const queryClient = useQueryClient();
  const complete = useMutation({
    mutationFn: (task: Task) => api.post<Task>(`/api/tasks/${task.id}/complete`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['/api/tasks'] }),
  });
  if (tasks.length === 0) return <EmptyHint text={emptyText} />;
  return (
    <>
      {complete.isError && <ErrorNotice error={complete.error} />}
      <List
        size="small"
        dataSource={tasks}
        renderItem={(task) => (
          <List.Item
            actions={
              task.status === 'open'
                ? [<Button key="done" size="small" icon={<CheckOutlined />} loading={complete.isPending && complete.variables?.id === task.id} onClick={() => complete.mutate(task)}>{t('tasks.complete')}</Button>]
                : [<Tag key="status">{t(`taskStatus.${task.status}`)}</Tag>]
            }
          >
            <List.Item.Meta
              title={
                <span>
                  {task.priority === 'high' && <Tag color="red">{t('tasks.high')}</Tag>}
                  {task.opportunityId ? <Link to={`/opportunities/${task.opportunityId}`}>{task.title}</Link> : task.accountId ? <Link to={`/accounts/${task.accountId}`}>{task.title}</Link> : task.title}
                </span>
              }
              description={<Typography.Text type={overdue ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>{task.dueAt ? t('tasks.due', { when: format.dateTime(task.dueAt) }) : t('tasks.noDue')}</Typography.Text>}
            />
          </List.Item>
        )}
      />
    </>
  );
}
