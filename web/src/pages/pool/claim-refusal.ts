// Why the pool refused a claim or assignment, in the user's language: the API's reason code picks the headline, its message says what to do.
import { ApiError } from '../../api/client.ts';
import type { Translate } from '../../i18n/I18nProvider.tsx';
import { errorHeadline, errorMessage } from '../../components/errors.ts';

const reasons = ['claim_limit_reached', 'cooldown', 'not_in_pool', 'already_held', 'already_in_pool'] as const;
type Reason = (typeof reasons)[number];

function reasonOf(error: unknown): Reason | null {
  if (!(error instanceof ApiError) || typeof error.details !== 'object' || error.details === null) return null;
  const reason = (error.details as { reason?: unknown }).reason;
  return reasons.find((r) => r === reason) ?? null;
}

export function poolRefusal(t: Translate, error: unknown): { title: string; detail: string } {
  const reason = reasonOf(error);
  return { title: reason ? t(`pool.refused.${reason}`) : errorHeadline(t, error), detail: errorMessage(t, error) };
}
