// Sign-in page: email and password; says so when a session ended; on success returns to where the user was going.
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, MailOutlined } from '@ant-design/icons';
import { Navigate, useLocation, useNavigate } from 'react-router-dom';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { useSession } from '../../app/session.tsx';
import { LanguageSwitch } from '../../app/LanguageSwitch.tsx';
import { useFormErrors } from '../../components/useFormErrors.tsx';

interface LoginForm {
  email: string;
  password: string;
}

export default function LoginPage() {
  const { t } = useI18n();
  const { me, signIn, sessionEnded } = useSession();
  const [form] = Form.useForm<LoginForm>();
  const errors = useFormErrors(form);
  const navigate = useNavigate();
  const location = useLocation();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  if (me) return <Navigate to={from} replace />;

  const submit = async (values: LoginForm) => {
    setBusy(true);
    errors.clear();
    try {
      await signIn(values.email.trim(), values.password);
      void navigate(from, { replace: true });
    } catch (err) {
      errors.show(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ minHeight: '100vh', boxSizing: 'border-box', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: 'linear-gradient(160deg, #eaf1ff 0%, #f5f6f8 60%)' }}>
      <Card style={{ width: '100%', maxWidth: 380 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', marginBottom: 8 }}>
          <Typography.Title level={3} style={{ margin: 0 }}>Sightline</Typography.Title>
          <LanguageSwitch />
        </div>
        <Typography.Paragraph type="secondary">{t('login.subtitle')}</Typography.Paragraph>
        {sessionEnded && !errors.alert && <Alert type="warning" showIcon title={t('login.sessionEnded')} data-testid="session-ended" style={{ marginBottom: 16 }} />}
        {errors.alert}
        <Form<LoginForm> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="email" label={t('login.email')} rules={[{ required: true, message: t('login.emailRequired') }]}>
            <Input prefix={<MailOutlined />} autoComplete="username" inputMode="email" placeholder="name@company.com" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
      </Card>
    </div>
  );
}
