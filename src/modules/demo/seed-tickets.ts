// Service tickets from customers who bought: hardware faults for equipment buyers, system
// issues for software buyers; old tickets resolved, recent ones still open.
import { DAY_MS, officeInstantBetween } from './demo-calendar.ts';
import type { Industry } from './demo-catalog.ts';
import type { BuildContext, DemoOpportunity, Row } from './demo-model.ts';
import { TICKET_SUBJECTS } from './demo-phrases.ts';
import { newId } from '../../platform/ids.ts';

export const TICKET_COUNT = 300;
const HOUR_MS = 3_600_000;
const EQUIPMENT: readonly Industry[] = ['医疗器械', '工业制造', '新能源', '生物医药'];
const SIZE_WEIGHT = { small: 1, medium: 2, large: 3, enterprise: 4 } as const;
/** How long each severity takes to resolve, in hours [fastest, slowest]. */
const RESOLUTION_HOURS = { urgent: [2, 24], high: [4, 72], normal: [24, 168], low: [48, 336] } as const;

export function buildTickets(ctx: BuildContext, deals: readonly DemoOpportunity[]): Row<'service_tickets'>[] {
  const { rng, clock, tenantId } = ctx;
  const now = clock.now.getTime();
  const won = deals.filter((d) => d.stage === 'won' && d.closedAt);
  const weights = won.map((d) => [d, SIZE_WEIGHT[d.account.size]] as const);
  const rows: Row<'service_tickets'>[] = [];
  for (let i = 0; i < TICKET_COUNT && won.length > 0; i++) {
    const deal = rng.weighted(weights);
    const account = deal.account;
    const subjects = EQUIPMENT.includes(account.industry) ? TICKET_SUBJECTS.device : TICKET_SUBJECTS.software;
    const openedAt = officeInstantBetween(rng, deal.closedAt ?? clock.now, clock.now);
    const severity = rng.weighted([['low', 25], ['normal', 50], ['high', 18], ['urgent', 7]] as const);
    const [fastest, slowest] = RESOLUTION_HOURS[severity];
    const resolvedAt = openedAt.getTime() + rng.int(fastest, slowest) * HOUR_MS;
    const settled = resolvedAt < now && (now - openedAt.getTime() > 10 * DAY_MS || rng.chance(0.3));
    const status = settled ? rng.weighted([['resolved', 30], ['closed', 65], ['pending', 5]] as const) : rng.weighted([['open', 6], ['pending', 4]] as const);
    const contact = rng.pick(account.contacts.filter((c) => c.decisionRole === 'user' || c.decisionRole === 'influencer').concat(account.contacts[0]));
    const done = status === 'resolved' || status === 'closed';
    rows.push({
      id: newId(),
      tenant_id: tenantId,
      account_id: account.id,
      contact_id: contact.id,
      subject: rng.pick(rng.chance(0.8) ? subjects : TICKET_SUBJECTS.common),
      severity,
      status,
      opened_at: openedAt,
      resolved_at: done ? new Date(resolvedAt) : null,
      created_at: openedAt,
      updated_at: done ? new Date(resolvedAt) : openedAt,
    });
  }
  return rows;
}
