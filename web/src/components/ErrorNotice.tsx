// A failed request shown in place: the localised headline, the API's message as the detail, and a retry button.
import { Alert, Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { errorHeadline, errorMessage } from './errors.ts';

export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={errorHeadline(t, error)}
      description={errorMessage(t, error) || undefined}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('action.retry')}</Button> : undefined}
    />
  );
}
