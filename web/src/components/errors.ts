// Turns any failed request into the sentence the user reads: the API's own message, or a network hint.
import { ApiError } from '../api/client.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';

export function errorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network') return t('error.network');
    if (error.status === 404 && error.code === 'not_found' && error.message.startsWith('No route')) return t('error.notAvailable');
    return error.message;
  }
  return error instanceof Error ? error.message : t('error.unknown');
}
