// A failed request shown in place: the API's message and a retry button.
import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { errorMessage } from './errors.ts';

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={t('error.title')}
      description={errorMessage(t, error)}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('action.retry')}</Button> : undefined}
    />
  );
}
