// Turns any failed request into what the user reads: a localised headline per error code, and the API's own message as the detail.
import { ApiError } from '../api/client.ts';
import type { Translate } from '../i18n/I18nProvider.tsx';
import type { MessageKey } from '../i18n/zh-CN.ts';

const headlines: Record<string, MessageKey> = {
  bad_request: 'errorCode.bad_request',
  unauthenticated: 'errorCode.unauthenticated',
  forbidden: 'errorCode.forbidden',
  not_found: 'errorCode.not_found',
  validation_failed: 'errorCode.validation_failed',
  conflict: 'errorCode.conflict',
  unprocessable: 'errorCode.unprocessable',
  payload_too_large: 'errorCode.payload_too_large',
  unsupported_media_type: 'errorCode.unsupported_media_type',
  rate_limited: 'errorCode.rate_limited',
  gate_failed: 'errorCode.gate_failed',
  transition_not_allowed: 'errorCode.transition_not_allowed',
  internal: 'errorCode.internal',
  network: 'error.network',
};

/** the localised one-line summary of what went wrong */
export function errorHeadline(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (isMissingRoute(error)) return t('error.notAvailable');
    const key = headlines[error.code];
    return key ? t(key) : t('error.title');
  }
  return t('error.unknown');
}

/** the API's own message (English, it says what to do), shown under the headline; empty when it would only repeat it */
export function errorMessage(t: Translate, error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'network' || isMissingRoute(error)) return '';
    return error.message;
  }
  return error instanceof Error ? error.message : '';
}

function isMissingRoute(error: ApiError): boolean {
  return error.status === 404 && error.code === 'not_found' && error.message.startsWith('No route');
}

export interface FieldIssue {
  /** the form field's name path, e.g. ['custom', 'tier'] */
  name: string[];
  message: string;
}

/** the API's per-field complaints (details.issues[].path like "body.name" or "custom.tier", or details.field) */
export function fieldIssues(error: unknown): FieldIssue[] {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return [];
  const details = error.details as { issues?: unknown; field?: unknown };
  if (Array.isArray(details.issues)) {
    return details.issues.flatMap((issue: { path?: unknown; message?: unknown }) => {
      if (typeof issue.path !== 'string' || !issue.path) return [];
      const name = issue.path.split('.').filter((part, i) => !(i === 0 && (part === 'body' || part === 'querystring')));
      return name.length ? [{ name, message: typeof issue.message === 'string' ? issue.message : error.message }] : [];
    });
  }
  return typeof details.field === 'string' ? [{ name: [details.field], message: error.message }] : [];
}
