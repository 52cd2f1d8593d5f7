// Alerts the server raised with a message key, worded in the reader's language; an alert without
// one (raised before) or with a key this app does not know keeps the text it was raised with.
import type { Translate } from '../../i18n/I18nProvider.tsx';
import { formatPercent, type Formatters } from '../../i18n/format.ts';
import type { MessageKey } from '../../i18n/zh-CN.ts';

export interface AlertMessage {
  key: string;
  params: Record<string, string | number | null>;
}

type Vars = Record<string, string | number>;

interface Wording {
  title: MessageKey;
  body: MessageKey;
  /** the params as the reader reads them: dates and shares formatted for the locale */
  vars: (params: Vars, format: Formatters) => Vars;
}

const wordings: Record<string, Wording> = {
  'forecast.commit_decayed': {
    title: 'alertMessage.commitDecayed.title',
    body: 'alertMessage.commitDecayed.body',
    vars: (p, format) => ({ ...p, closeDate: format.date(String(p.closeDate)), factor: typeof p.factor === 'number' ? formatPercent(p.factor) : p.factor }),
  },
};

export function alertMessageText(message: AlertMessage | null | undefined, t: Translate, format: Formatters): { title: string; description: string } | null {
  const wording = message ? wordings[message.key] : undefined;
  if (!message || !wording) return null;
  // a fact the server did not have shows as a dash, never as 0
  const known = Object.fromEntries(Object.entries(message.params).map(([name, value]) => [name, value ?? '—']));
  const vars = wording.vars(known, format);
  return { title: t(wording.title, vars), description: t(wording.body, vars) };
}
