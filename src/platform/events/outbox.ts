// Domain events, written in the same transaction as the change they describe (outbox), each
// also appended to the hash-chained audit log with its before/after images.
import { newId } from '../ids.ts';
import type { RequestContext, Tx } from '../tenancy/context.ts';
import { appendAudit } from './audit-chain.ts';
import { cachedEntities, invalidateTenantCache } from '../tenancy/tenant-cache.ts';
import { forgetCredentials } from '../auth/authenticate.ts';

/** changes to these may end someone's access: cached sign-ins are dropped */
const credentialEntities = new Set(['users', 'api_tokens', 'sessions', 'teams']);

export interface DomainEvent {
  /** e.g. 'account.created', 'opportunity.stage_changed' */
  type: string;
  entity: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
  payload?: Record<string, unknown>;
}

export async function recordEvent(trx: Tx, ctx: RequestContext, event: DomainEvent): Promise<string> {
  if (cachedEntities.has(event.entity)) invalidateTenantCache(ctx.tenantId);
  if (credentialEntities.has(event.entity)) forgetCredentials();
  const id = newId();
  const at = new Date();
  await trx
    .insertInto('events')
    .values({
      id,
      tenant_id: ctx.tenantId,
      type: event.type,
      entity: event.entity,
      entity_id: event.entityId,
      actor_id: ctx.actor.userId,
      payload: JSON.stringify(event.payload ?? {}),
      created_at: at,
    })
    .execute();
  await appendAudit(trx, ctx.tenantId, {
    event_id: id,
    actor_id: ctx.actor.userId,
    action: event.type,
    entity: event.entity,
    entity_id: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    at: at.toISOString(),
  });
  return id;
}
