// Alerts the server raised with a message key, worded in the reader's language; an alert without
// one (raised before) or with a key or facts this app does not know keeps the text it was raised with.
import type { Translate } from '../../i18n/I18nProvider.tsx';
import { formatPercent, type Formatters } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';
import { flagRules } from '../../api/process-types.ts';

export interface AlertMessage {
  key: string;
  params: Record<string, string | number | null>;
}

type Params = AlertMessage['params'];

interface Wording {
  /** the title's and body's strings for these params, or null when the app cannot word them */
  keys: (params: Params) => { title: MessageKey; body: MessageKey } | null;
  /** the params as the reader reads them: dates, amounts and rule names formatted for the locale */
  vars: (params: Params, format: Formatters, t: Translate) => Params;
}

const fact = (value: string | number | null | undefined) => (value === null || value === undefined ? null : String(value));
const knownRule = (rule: Params[string] | undefined) => (flagRules as readonly unknown[]).includes(rule);
/** a visit flag's rule as its name and explanation in the reader's language, the check-in as a local time */
const flagVars = (p: Params, format: Formatters, t: Translate): Params => ({
  ...p,
  rule: t(`flagRule.${fact(p.rule)}` as MessageKey),
  ruleHelp: t(`flagRuleHelp.${fact(p.rule)}` as MessageKey),
  checkinAt: format.dateTime(fact(p.checkinAt)),
});

const wordings: Record<string, Wording> = {
  'forecast.commit_decayed': {
    keys: () => ({ title: 'alertMessage.commitDecayed.title', body: 'alertMessage.commitDecayed.body' }),
    vars: (p, format) => ({ ...p, closeDate: format.date(fact(p.closeDate)), factor: typeof p.factor === 'number' ? formatPercent(p.factor) : p.factor }),
  },
  'win_model.probability_dropped': {
    keys: () => ({ title: 'alertMessage.winProbabilityDropped.title', body: 'alertMessage.winProbabilityDropped.body' }),
    vars: (p) => ({ ...p, from: typeof p.from === 'number' ? formatPercent(p.from) : null, to: typeof p.to === 'number' ? formatPercent(p.to) : null }),
  },
  'touch.not_logged': {
    // the rep is asked to log the touch; the manager hears whose visit it was
    keys: (p) => (p.recipient === 'rep' || p.recipient === 'manager' ? { title: `alertMessage.touchNotLogged.${p.recipient}.title`, body: 'alertMessage.touchNotLogged.body' } : null),
    vars: (p, format) => ({ ...p, checkoutAt: format.dateTime(fact(p.checkoutAt)) }),
  },
  'visit.fake_suspected': {
    keys: (p) => (knownRule(p.rule) ? { title: 'alertMessage.visitFakeSuspected.title', body: 'alertMessage.visitFakeSuspected.body' } : null),
    vars: flagVars,
  },
  'visit.flag_answered': {
    keys: (p) => (knownRule(p.rule) ? { title: 'alertMessage.visitFlagAnswered.title', body: 'alertMessage.visitFlagAnswered.body' } : null),
    vars: flagVars,
  },
  'payment.overdue': {
    keys: () => ({ title: 'alertMessage.paymentOverdue.title', body: 'alertMessage.paymentOverdue.body' }),
    vars: (p, format) => ({ ...p, outstanding: format.money(fact(p.outstanding), fact(p.currency) ?? undefined), dueOn: format.date(fact(p.dueOn)), checkedOn: format.date(fact(p.checkedOn)) }),
  },
};

export function alertMessageText(message: AlertMessage | null | undefined, t: Translate, format: Formatters): { title: string; description: string } | null {
  const wording = message ? wordings[message.key] : undefined;
  if (!message || !wording) return null;
  const keys = wording.keys(message.params);
  if (!keys) return null;
  // a fact the server did not have shows as a dash, never as 0
  const vars = Object.fromEntries(Object.entries(wording.vars(message.params, format, t)).map(([name, value]) => [name, value ?? '—']));
  return { title: t(keys.title, vars), description: t(keys.body, vars) };
}
