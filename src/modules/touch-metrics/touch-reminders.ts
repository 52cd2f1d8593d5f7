// After a visit's check-out, a touch should be logged within 15 minutes: two delayed jobs check
// again when they fire and remind the rep at +15 min, then the manager at +60 min, only if the
// touch is still missing.
import { z } from 'zod';
import { subscribe, systemActor, type DispatchedEvent, type SubscriberScope } from '../../platform/events/dispatcher.ts';
import { defineJob, enqueue, type JobDeps } from '../../platform/jobs/define-job.ts';
import { inTenant, type RequestContext, type Tx } from '../../platform/tenancy/context.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { managersOf } from '../teams/managers-of.ts';
import { LOGGING_WINDOW_MINUTES } from './touch-logging.ts';

const MANAGER_AFTER_MINUTES = 60;

const reminderPayload = z.object({ tenantId: z.uuid(), visitId: z.uuid(), notify: z.enum(['rep', 'manager']) });
export type ReminderPayload = z.output<typeof reminderPayload>;

export const touchReminderJob = defineJob({
  id: 'touch-metrics.visit-touch-reminder',
  payload: reminderPayload,
  async handler(deps, payload) {
    await inTenant(deps.db.kysely, payload.tenantId, (trx) => remindIfTouchMissing(trx, systemActor(payload.tenantId), payload));
  },
});

const checkedOutPayload = z.object({ visitId: z.uuid(), checkoutAt: z.iso.datetime() });

async function queueTouchReminders(deps: JobDeps, event: DispatchedEvent, scope: SubscriberScope): Promise<void> {
  const { visitId, checkoutAt } = checkedOutPayload.parse(event.payload);
  const out = Date.parse(checkoutAt);
  for (const [notify, minutes] of [['rep', LOGGING_WINDOW_MINUTES], ['manager', MANAGER_AFTER_MINUTES]] as const) {
    await enqueue(deps.jobs, touchReminderJob, { tenantId: event.tenantId, visitId, notify }, { trx: scope.trx, startAfter: new Date(out + minutes * 60_000) });
  }
}
subscribe('visit.checked_out', queueTouchReminders);

/** Alerts the rep (or the rep's manager) when no touch for the visited account has been logged by the rep since the check-in. */
export async function remindIfTouchMissing(trx: Tx, ctx: RequestContext, payload: ReminderPayload): Promise<{ reminded: string[] }> {
  const visit = await trx
    .selectFrom('visits as v')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'v.owner_id').onRef('u.tenant_id', '=', 'v.tenant_id'))
    .leftJoin('accounts as a', (j) => j.onRef('a.id', '=', 'v.account_id').onRef('a.tenant_id', '=', 'v.tenant_id'))
    .select(['v.id', 'v.owner_id', 'v.account_id', 'v.in_at', 'v.out_at', 'u.name as rep_name', 'a.name as account_name'])
    .where('v.tenant_id', '=', ctx.tenantId)
    .where('v.id', '=', payload.visitId)
    .executeTakeFirst();
  if (!visit?.out_at) return { reminded: [] };
  const touch = await trx
    .selectFrom('activities')
    .select('id')
    .where('tenant_id', '=', ctx.tenantId)
    .where('owner_id', '=', visit.owner_id)
    .where('account_id', '=', visit.account_id)
    .where('logged_at', '>=', visit.in_at)
    .limit(1)
    .executeTakeFirst();
  if (touch) return { reminded: [] };
  const recipients = payload.notify === 'rep' ? [visit.owner_id] : ((await managersOf(trx, ctx.tenantId, [visit.owner_id])).get(visit.owner_id) ?? []);
  const evidence = { visitId: visit.id, ownerId: visit.owner_id, accountId: visit.account_id, checkinAt: visit.in_at.toISOString(), checkoutAt: visit.out_at.toISOString(), touchesLogged: 0 };
  const minutes = payload.notify === 'rep' ? LOGGING_WINDOW_MINUTES : MANAGER_AFTER_MINUTES;
  const message = { key: 'touch.not_logged', params: { recipient: payload.notify, repName: visit.rep_name, accountName: visit.account_name, checkoutAt: evidence.checkoutAt, minutes } };
  for (const userId of recipients) {
    await raiseAlert(trx, ctx, {
      userId,
      kind: 'touch.not_logged',
      severity: payload.notify === 'rep' ? 'info' : 'warning',
      title: payload.notify === 'rep' ? '拜访结束 15 分钟内未记录跟进，请补录' : '下属拜访结束 1 小时仍未记录跟进',
      message,
      entity: 'visits',
      entityId: visit.id,
      evidence,
      dedupeKey: `touch-missing:${visit.id}`,
    });
  }
  return { reminded: recipients };
}
