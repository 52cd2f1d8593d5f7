// The one toast for a failed request: the localised headline for its code and the API error's own message.
import { useCallback } from 'react';
import { App } from 'antd';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { errorHeadline, errorMessage } from './errors.ts';

/** a function that shows `error` as a toast, e.g. a mutation's onError */
export function useErrorToast(): (error: unknown) => void {
  const { message } = App.useApp();
  const { t } = useI18n();
  return useCallback((error: unknown) => void message.error([errorHeadline(t, error), errorMessage(t, error)].filter(Boolean).join(' — ')), [message, t]);
}
