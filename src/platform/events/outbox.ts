// Domain events, written in the same transaction as the change they describe (outbox), each
// also appended to the hash-chained audit log with its before/after images.
import { newId } from '../ids.ts';
import type { RequestContext, Tx } from '../tenancy/context.ts';
import { appendAuditEntries } from './audit-chain.ts';
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

/** rows per INSERT into events: 8 parameters each */
const EVENT_ROWS_PER_STATEMENT = 1000;

export async function recordEvent(trx: Tx, ctx: RequestContext, event: DomainEvent): Promise<string> {
  const [id] = await recordEvents(trx, ctx, [event]);
  return id;
}

/**
 * Records many events at once, in the order given (their audit entries are chained in that
 * order): a few multi-row statements instead of four per event. Returns the events' ids.
 */
export async function recordEvents(trx: Tx, ctx: RequestContext, events: readonly DomainEvent[]): Promise<string[]> {
  if (events.length === 0) return [];
  if (events.some((e) => cachedEntities.has(e.entity))) invalidateTenantCache(ctx.tenantId);
  if (events.some((e) => credentialEntities.has(e.entity))) forgetCredentials();
  const at = new Date();
  const rows = events.map((event) => ({
    id: newId(),
    tenant_id: ctx.tenantId,
    type: event.type,
    entity: event.entity,
    entity_id: event.entityId,
    actor_id: ctx.actor.userId,
    payload: JSON.stringify(event.payload ?? {}),
    created_at: at,
  }));
  for (let i = 0; i < rows.length; i += EVENT_ROWS_PER_STATEMENT) await trx.insertInto('events').values(rows.slice(i, i + EVENT_ROWS_PER_STATEMENT)).execute();
  await appendAuditEntries(
    trx,
    ctx.tenantId,
    events.map((event, i) => ({
      event_id: rows[i].id,
      actor_id: ctx.actor.userId,
      action: event.type,
      entity: event.entity,
      entity_id: event.entityId,
      before: event.before ?? null,
      after: event.after ?? null,
      at: at.toISOString(),
    })),
  );
  return rows.map((r) => r.id);
}
