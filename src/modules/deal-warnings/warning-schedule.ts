// When warnings are evaluated: every open deal daily at 06:00 tenant time (so one condition that
// holds by the passing of time alone still fires within a day), the whole tenant again after its
// thresholds change, and the deals an event touched as soon as it is dispatched (a touch logged,
// a deal or contact changed, a note written), so a warning fires the moment its condition holds.
import { z } from 'zod';
import { subscribe, systemActor, type DispatchedEvent, type SubscriberScope } from '../../platform/events/dispatcher.ts';
import { defineJob, enqueue, type JobDeps } from '../../platform/jobs/define-job.ts';
import { defineTenantSchedule } from '../../platform/jobs/tenant-schedules.ts';
import { inTenant } from '../../platform/tenancy/context.ts';
import { evaluateWarnings } from './evaluate-warnings.ts';

export const WARNINGS_SCHEDULE_ID = 'deal-warnings.daily';

export const warningsSchedule = defineTenantSchedule({
  id: WARNINGS_SCHEDULE_ID,
  cron: '0 6 * * *',
  async handler(deps, run) {
    await inTenant(deps.db.kysely, run.tenantId, (trx) => evaluateWarnings(trx, systemActor(run.tenantId)));
  },
});

export const evaluateTenantJob = defineJob({
  id: 'deal-warnings.evaluate-tenant',
  payload: z.object({ tenantId: z.uuid() }),
  async handler(deps, payload) {
    await inTenant(deps.db.kysely, payload.tenantId, (trx) => evaluateWarnings(trx, systemActor(payload.tenantId)));
  },
});

async function reevaluateAfterActivity(_deps: JobDeps, event: DispatchedEvent, { trx, ctx }: SubscriberScope): Promise<void> {
  if (!event.entityId) return;
  const activity = await trx.selectFrom('activities').select(['account_id', 'opportunity_id']).where('tenant_id', '=', ctx.tenantId).where('id', '=', event.entityId).executeTakeFirst();
  if (!activity) return;
  // a touch counts for its deal and, through the decision makers, for every deal of its account
  if (activity.account_id) await evaluateWarnings(trx, ctx, { accountIds: [activity.account_id] });
  if (activity.opportunity_id) await evaluateWarnings(trx, ctx, { dealIds: [activity.opportunity_id] });
}

async function reevaluateDeal(_deps: JobDeps, event: DispatchedEvent, { trx, ctx }: SubscriberScope): Promise<void> {
  if (event.entityId) await evaluateWarnings(trx, ctx, { dealIds: [event.entityId] });
}

async function reevaluateAfterNote(_deps: JobDeps, event: DispatchedEvent, { trx, ctx }: SubscriberScope): Promise<void> {
  if (!event.entityId) return;
  const note = await trx.selectFrom('notes').select(['entity', 'entity_id']).where('tenant_id', '=', ctx.tenantId).where('id', '=', event.entityId).executeTakeFirst();
  if (note?.entity === 'opportunities') await evaluateWarnings(trx, ctx, { dealIds: [note.entity_id] });
}

async function reevaluateAfterContact(_deps: JobDeps, event: DispatchedEvent, { trx, ctx }: SubscriberScope): Promise<void> {
  if (!event.entityId) return;
  const contact = await trx.selectFrom('contacts').select('account_id').where('tenant_id', '=', ctx.tenantId).where('id', '=', event.entityId).executeTakeFirst();
  if (contact?.account_id) await evaluateWarnings(trx, ctx, { accountIds: [contact.account_id] });
}

async function reevaluateTenant(deps: JobDeps, event: DispatchedEvent, { trx }: SubscriberScope): Promise<void> {
  await enqueue(deps.jobs, evaluateTenantJob, { tenantId: event.tenantId }, { trx });
}

for (const type of ['activity.created', 'activity.updated']) subscribe(type, reevaluateAfterActivity, { id: 'deal-warnings.activity' });
for (const type of ['opportunity.created', 'opportunity.updated', 'opportunity.stage_changed']) subscribe(type, reevaluateDeal, { id: 'deal-warnings.deal' });
for (const type of ['note.created', 'note.updated']) subscribe(type, reevaluateAfterNote, { id: 'deal-warnings.note' });
for (const type of ['contact.created', 'contact.updated']) subscribe(type, reevaluateAfterContact, { id: 'deal-warnings.contact' });
subscribe('deal_warning_settings.updated', reevaluateTenant, { id: 'deal-warnings.settings' });
// a freshly seeded demo tenant shows its warnings without waiting for 06:00
subscribe('demo.seeded', reevaluateTenant, { id: 'deal-warnings.demo' });
