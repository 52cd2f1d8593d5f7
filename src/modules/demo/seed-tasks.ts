// Tasks for every rep and manager: a year of done ones, and open ones that are overdue,
// due today, due this week and later, so every workbench has something to show.
import { addDays, atLocal, DAY_MS, dayStart, officeInstantBetween, type Clock } from './demo-calendar.ts';
import type { BuildContext, DemoAccount, DemoOpportunity, DemoUser, Row } from './demo-model.ts';
import { ACCOUNT_TASKS, DEAL_TASKS, fill } from './demo-phrases.ts';
import { newId } from '../../platform/ids.ts';

const DONE_PER_PERSON = 30;

/** Today's deadline: 18:00, or 22:00 when the seed runs late in the day. */
function laterToday(clock: Clock): Date {
  const six = atLocal(clock.today, 18);
  return clock.now.getTime() < six.getTime() - 3_600_000 ? six : atLocal(clock.today, 22);
}

interface Target {
  account: DemoAccount;
  deal: DemoOpportunity | null;
}

export function buildTasks(ctx: BuildContext, people: readonly { user: DemoUser; manager: DemoUser | null }[], deals: readonly DemoOpportunity[], accounts: readonly DemoAccount[]): Row<'tasks'>[] {
  const { rng, clock, tenantId } = ctx;
  const now = clock.now.getTime();
  const rows: Row<'tasks'>[] = [];
  for (const { user, manager } of people) {
    const mine = (d: DemoOpportunity) => (user.role === 'rep' ? d.owner.id === user.id : d.owner.team.id === user.team.id);
    const myDeals = deals.filter(mine);
    const myAccounts = accounts.filter((a) => (user.role === 'rep' ? a.owner.id === user.id : a.owner.team.id === user.team.id));
    if (myAccounts.length === 0) continue;
    /** A deal that was being worked when the task fell due, or else one of the customers. */
    const pickTarget = (dueAt: Date): Target => {
      const at = Math.min(dueAt.getTime(), now);
      const live = myDeals.filter((d) => d.createdAt.getTime() <= at && at <= d.activeUntil.getTime());
      if (live.length > 0 && rng.chance(0.8)) {
        const deal = rng.pick(live);
        return { account: deal.account, deal };
      }
      return { account: rng.pick(myAccounts), deal: null };
    };
    const task = (dueAt: Date, status: 'open' | 'done' | 'cancelled') => {
      const { account, deal } = pickTarget(dueAt);
      const contact = rng.pick(account.contacts);
      const title = fill(rng.pick(deal ? DEAL_TASKS : ACCOUNT_TASKS), { contact: contact.name, deal: deal?.name ?? '', account: account.shortName });
      const assigned = manager !== null && rng.chance(0.25);
      const hired = dayStart(user.hiredOn);
      const createdAt = new Date(Math.max(hired, Math.min(now, dueAt.getTime() - rng.int(1, 14) * DAY_MS)));
      const completedAt = status === 'done' ? new Date(Math.min(now, Math.max(createdAt.getTime(), dueAt.getTime() - rng.int(-2, 2) * DAY_MS))) : null;
      rows.push({
        id: newId(),
        tenant_id: tenantId,
        title,
        description: assigned ? '经理指派：请按时完成，完成后在商机里更新进展。' : null,
        due_at: dueAt,
        status,
        priority: rng.weighted([['high', 2], ['normal', 6], ['low', 2]] as const),
        owner_id: user.id,
        account_id: account.id,
        opportunity_id: deal?.id ?? null,
        created_by: assigned && manager ? manager.id : user.id,
        completed_at: completedAt,
        created_at: createdAt,
        updated_at: completedAt ?? createdAt,
      });
    };
    const from = Math.max(clock.historyStart, dayStart(user.hiredOn));
    for (let i = 0; i < DONE_PER_PERSON; i++) task(officeInstantBetween(rng, new Date(from), new Date(now - DAY_MS)), rng.chance(0.9) ? 'done' : 'cancelled');
    for (let i = rng.int(2, 4); i > 0; i--) task(atLocal(addDays(clock.today, -rng.int(1, 10)), 18), 'open');
    for (let i = rng.int(1, 3); i > 0; i--) task(laterToday(clock), 'open');
    for (let i = rng.int(2, 4); i > 0; i--) task(atLocal(addDays(clock.today, rng.int(1, 6)), rng.pick([10, 14, 18])), 'open');
    for (let i = rng.int(1, 3); i > 0; i--) task(atLocal(addDays(clock.today, rng.int(7, 30)), 18), 'open');
  }
  return rows;
}
