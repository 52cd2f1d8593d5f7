// Notes and attachments hang on another record and inherit its visibility: they are seen by
// whoever can see that record, and changed by whoever added them or a leader who can see it.
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { isRecordVisible } from '../../platform/auth/record-scope.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

export const recordLabels = {
  accounts: 'Account',
  contacts: 'Contact',
  leads: 'Lead',
  opportunities: 'Opportunity',
  contracts: 'Contract',
  activities: 'Activity',
} as const;
export type AttachableEntity = keyof typeof recordLabels;

/** Refuses a record the actor cannot see: 422 when named in a request body, 404 when reading through it. */
export async function assertRecordVisible(trx: Tx, ctx: RequestContext, entity: AttachableEntity, entityId: string, as: 'reference' | 'read'): Promise<void> {
  if (await isRecordVisible(trx, ctx, entity, entityId)) return;
  const label = recordLabels[entity];
  if (as === 'read') throw notFound(label);
  throw new AppError('unprocessable', `${label} ${entityId} does not exist in your workspace, or you may not see it.`, { field: 'entityId' });
}

const leaders = new Set(['admin', 'executive', 'manager']);

export function assertMayChange(ctx: RequestContext, addedBy: unknown, what: string): void {
  if (addedBy === ctx.actor.userId || leaders.has(ctx.actor.role)) return;
  throw forbidden(`Only the person who added this ${what} or a manager may change or delete it.`);
}
