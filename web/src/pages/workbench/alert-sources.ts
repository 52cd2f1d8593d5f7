// The workbench alerts feed: each source turns data the user can see into alerts; later modules add a source here.
import { api, type Page } from '../../api/client.ts';
import type { Opportunity } from '../../api/types.ts';
import type { Translate } from '../../i18n/I18nProvider.tsx';
import type { Formatters } from '../../i18n/format.ts';
import { dealWarningAlertText } from '../deal-warnings/warning-alert.ts';
import { alertMessageText, type AlertMessage } from './alert-messages.ts';

export interface WorkbenchAlert {
  key: string;
  severity: 'warning' | 'error' | 'info';
  title: string;
  description: string;
  link: string;
}

export interface AlertContext {
  userId: string;
  today: string;
  t: Translate;
  format: Formatters;
  signal: AbortSignal;
}

export interface AlertSource {
  id: string;
  load(ctx: AlertContext): Promise<WorkbenchAlert[]>;
}

const openStages = 'lead,qualified,solution,quoted,negotiation';

/** my open deals whose expected close date has passed: the date or the deal needs updating */
const overdueCloseDates: AlertSource = {
  id: 'overdue-close-date',
  async load({ userId, today, t, format, signal }) {
    const page = await api.get<Page<Opportunity>>('/api/opportunities', { ownerId: userId, stage: openStages, closeTo: today, sort: 'expectedCloseDate', limit: 20 }, signal);
    return page.items
      .filter((d) => d.expectedCloseDate && d.expectedCloseDate < today)
      .map((d) => ({
        key: `overdue-close:${d.id}`,
        severity: 'warning',
        title: t('alerts.overdueClose', { name: d.name }),
        description: t('alerts.overdueCloseDetail', { date: format.date(d.expectedCloseDate), amount: format.money(d.amount, d.currency) }),
        link: `/opportunities/${d.id}`,
      }));
  },
};

interface ServerAlert {
  id: string;
  kind: string;
  severity: 'info' | 'warning' | 'critical';
  title: string;
  body: string | null;
  entity: string | null;
  entityId: string | null;
  evidence?: Record<string, unknown>;
  message?: AlertMessage | null;
}

const recordLinks: Record<string, (id: string) => string> = {
  accounts: (id) => `/accounts/${id}`,
  opportunities: (id) => `/opportunities/${id}`,
  visit_flags: () => '/visits?tab=flags',
  visits: () => '/visits',
};
const recordLink = (entity: string | null, id: string | null) => (id && entity && recordLinks[entity] ? recordLinks[entity](id) : '/');

/** alerts the server raised for me (visit flags, missing touch logs, overdue payments, ...) */
const raisedForMe: AlertSource = {
  id: 'raised-for-me',
  async load({ signal, t, format }) {
    const page = await api.get<Page<ServerAlert>>('/api/alerts', { limit: 20 }, signal);
    return page.items.map((a) => ({
      key: `alert:${a.id}`,
      severity: a.severity === 'critical' ? 'error' : a.severity,
      title: a.title,
      description: a.body ?? '',
      link: recordLink(a.entity, a.entityId),
      ...(alertMessageText(a.message, t, format) ?? dealWarningAlertText(a.kind, a.evidence, t, format)),
    }));
  },
};

export const alertSources: AlertSource[] = [raisedForMe, overdueCloseDates];
