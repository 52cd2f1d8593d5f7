// Marks a task done: the one-click action from a task list, evented as task.completed so
// automations can follow up on it.
import { AppError } from '../../platform/http/errors.ts';
import type { ResourceService } from '../../platform/http/resource.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

export async function completeTask(trx: Tx, ctx: RequestContext, tasks: ResourceService, id: string): Promise<Record<string, unknown>> {
  authorize(ctx, 'tasks', 'update');
  const task = await tasks.fetch(trx, ctx, id, true);
  if (task.status === 'cancelled') {
    throw new AppError('transition_not_allowed', 'This task was cancelled. Reopen it (set status to open) before completing it.');
  }
  if (task.status === 'open') {
    const completedAt = new Date();
    await trx.updateTable('tasks').set({ status: 'done', completed_at: completedAt, updated_at: completedAt }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
    await recordEvent(trx, ctx, { type: 'task.completed', entity: 'tasks', entityId: id, before: { status: 'open' }, after: { status: 'done', completedAt: completedAt.toISOString() } });
  }
  return tasks.get(trx, ctx, id);
}
