// A deal-warning alert in the workbench, worded in the user's language from its evidence (the
// server's stored title is Chinese), linked to the deal.
import type { Translate } from '../../i18n/I18nProvider.tsx';
import type { Formatters } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { describeWarning } from './describe-warning.ts';
import { warningKinds, type Evidence, type WarningKind } from './warning-types.ts';

export function dealWarningAlertText(kind: string, evidence: Evidence | undefined, t: Translate, format: Formatters): { title: string; description: string } | null {
  const short = kind.replace(/^deal_warning\./, '') as WarningKind;
  if (!kind.startsWith('deal_warning.') || !warningKinds.includes(short) || !evidence) return null;
  const words = describeWarning(short, evidence, t, format, (s) => t(`stage.${s}` as MessageKey));
  const close = typeof evidence.expectedCloseDate === 'string' && typeof evidence.daysBeforeClose === 'number' && evidence.daysBeforeClose >= 0 ? ` · ${t('dealWarnings.alertClose', { date: format.date(evidence.expectedCloseDate), days: evidence.daysBeforeClose })}` : '';
  return { title: t('dealWarnings.alertTitle', { name: typeof evidence.dealName === 'string' ? evidence.dealName : '', kind: words.kind }), description: `${words.detail}${words.flag ? ` (${words.flag})` : ''}${close}` };
}
