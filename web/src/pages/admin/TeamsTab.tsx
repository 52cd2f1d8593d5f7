// Teams as a hierarchy: list with parent and manager, and adding a team.
import { useState } from 'react';
import { Button, Form, Input, Modal, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Team } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useTeams, useUsers, userName } from '../../api/directories.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';

interface NewTeam {
  name: string;
  parentId?: string;
  managerId?: string;
}

export function TeamsTab() {
  const { t } = useI18n();
  const teams = useTeams();
  const users = useUsers();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewTeam>();
  const [adding, setAdding] = useState(false);
  const errors = useFormErrors(form);
  const create = useMutation({
    mutationFn: (v: NewTeam) => api.post<Team>('/api/teams', { name: v.name.trim(), parentId: v.parentId ?? null, managerId: v.managerId ?? null }),
    onSuccess: async () => {
      setAdding(false);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['directory', 'teams'] });
    },
    onError: errors.show,
  });
  const teamName = (id: string | null) => (id ? (teams.data?.get(id)?.name ?? '—') : '—');

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => { errors.clear(); setAdding(true); }}>{t('admin.addTeam')}</Button>
      <QueryView query={teams}>
        {(map) => (
          <Table<Team>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={[...map.values()]}
            locale={{ emptyText: <EmptyHint text={t('admin.noTeams')} /> }}
            columns={[
              { title: t('admin.teamName'), dataIndex: 'name' },
              { title: t('admin.parentTeam'), dataIndex: 'parentId', render: teamName },
              { title: t('admin.manager'), dataIndex: 'managerId', render: (id: string | null) => userName(users.data, id) },
            ]}
          />
        )}
      </QueryView>
      <Modal open={adding} title={t('admin.addTeam')} okText={t('action.create')} cancelText={t('action.cancel')} confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={() => setAdding(false)} destroyOnHidden>
        {errors.alert}
        <Form<NewTeam> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label={t('admin.teamName')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}><Input /></Form.Item>
          <Form.Item name="parentId" label={t('admin.parentTeam')}><Select allowClear options={[...(teams.data?.values() ?? [])].map((team) => ({ value: team.id, label: team.name }))} /></Form.Item>
          <Form.Item name="managerId" label={t('admin.manager')}><Select allowClear showSearch optionFilterProp="label" options={[...(users.data?.values() ?? [])].map((u) => ({ value: u.id, label: u.name }))} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
