// Users and their roles/teams: list, add (the generated password is shown once), change role or team, deactivate.
import { useState } from 'react';
import { Alert, Button, Form, Input, Modal, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Role, User } from '../../api/types.ts';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useLabels } from '../../components/labels.tsx';
import { useTeams, useUsers } from '../../api/directories.ts';
import { QueryView } from '../../components/QueryView.tsx';
import { ErrorNotice } from '../../components/ErrorNotice.tsx';
import { EmptyHint } from '../../components/EmptyHint.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';

const roles: Role[] = ['admin', 'executive', 'manager', 'rep'];

interface NewUser {
  name: string;
  email: string;
  role: Role;
  teamId?: string;
}

export function UsersTab() {
  const { t } = useI18n();
  const labels = useLabels();
  const users = useUsers();
  const teams = useTeams();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<NewUser>();
  const [adding, setAdding] = useState(false);
  const [created, setCreated] = useState<{ email: string; password?: string } | null>(null);
  const errors = useFormErrors(form);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['directory', 'users'] });
  const create = useMutation({
    mutationFn: (v: NewUser) => api.post<User & { password?: string }>('/api/users', { ...v, teamId: v.teamId ?? null }),
    onSuccess: async (user) => {
      setAdding(false);
      form.resetFields();
      setCreated({ email: user.email, password: user.password });
      await refresh();
    },
    onError: errors.show,
  });
  const update = useMutation({ mutationFn: ({ id, patch }: { id: string; patch: Partial<User> }) => api.patch<User>(`/api/users/${id}`, patch), onSuccess: refresh });
  const teamOptions = [...(teams.data?.values() ?? [])].map((team) => ({ value: team.id, label: team.name }));

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Button type="primary" icon={<PlusOutlined />} onClick={() => { errors.clear(); setAdding(true); }}>{t('admin.addUser')}</Button>
      {created && (
        <Alert type="success" showIcon closable onClose={() => setCreated(null)} title={t('admin.userCreated', { email: created.email })} description={created.password ? <>{t('admin.passwordOnce')} <Typography.Text code copyable>{created.password}</Typography.Text></> : undefined} />
      )}
      {update.isError && <ErrorNotice error={update.error} />}
      <QueryView query={users}>
        {(map) => (
          <Table<User>
            rowKey="id"
            size="small"
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 720 }}
            dataSource={[...map.values()]}
            locale={{ emptyText: <EmptyHint text={t('admin.noUsers')} /> }}
            columns={[
              { title: t('admin.name'), dataIndex: 'name' },
              { title: t('admin.email'), dataIndex: 'email' },
              { title: t('admin.role'), dataIndex: 'role', render: (role: Role, u) => <Select size="small" value={role} style={{ width: 120 }} options={roles.map((r) => ({ value: r, label: labels.role(r) }))} onChange={(next: Role) => update.mutate({ id: u.id, patch: { role: next } })} /> },
              { title: t('admin.team'), dataIndex: 'teamId', render: (teamId: string | null, u) => <Select size="small" allowClear value={teamId ?? undefined} style={{ width: 140 }} options={teamOptions} onChange={(next?: string) => update.mutate({ id: u.id, patch: { teamId: next ?? null } })} /> },
              { title: t('admin.active'), dataIndex: 'active', render: (active: boolean, u) => <Switch size="small" checked={active} onChange={(next) => update.mutate({ id: u.id, patch: { active: next } })} /> },
              { title: '', key: 'status', render: (_, u) => (u.active ? null : <Tag>{t('admin.inactive')}</Tag>) },
            ]}
          />
        )}
      </QueryView>
      <Modal open={adding} title={t('admin.addUser')} okText={t('action.create')} cancelText={t('action.cancel')} confirmLoading={create.isPending} onOk={() => form.submit()} onCancel={() => setAdding(false)} destroyOnHidden>
        {errors.alert}
        <Form<NewUser> form={form} layout="vertical" initialValues={{ role: 'rep' }} onFinish={(v) => create.mutate(v)}>
          <Form.Item name="name" label={t('admin.name')} rules={[{ required: true, whitespace: true, message: t('validation.required') }]}><Input /></Form.Item>
          <Form.Item name="email" label={t('admin.email')} rules={[{ required: true, message: t('validation.required') }, { type: 'email', message: t('validation.email') }]}><Input inputMode="email" /></Form.Item>
          <Form.Item name="role" label={t('admin.role')}><Select options={roles.map((r) => ({ value: r, label: labels.role(r) }))} /></Form.Item>
          <Form.Item name="teamId" label={t('admin.team')}><Select allowClear options={teamOptions} /></Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
