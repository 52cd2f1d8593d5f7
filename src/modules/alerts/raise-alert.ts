// raiseAlert(): how any module puts something in a person's alert list (workbench), in the
// caller's transaction; a dedupe key keeps one open alert per cause.
import { sql } from 'kysely';
import { newId } from '../../platform/ids.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

/** an alert's wording by key, rendered in each reader's language (the web app's `alertMessage.<key>.*` strings) */
export interface AlertMessage {
  key: string;
  params: Record<string, string | number | null>;
}

export interface AlertInput {
  userId: string;
  /** e.g. 'visit.fake_suspected', 'touch.not_logged', 'payment.overdue' */
  kind: string;
  severity?: 'info' | 'warning' | 'critical';
  /** the text as raised, kept for API readers and shown where the app does not know `message` */
  title: string;
  body?: string;
  message?: AlertMessage;
  entity?: string;
  entityId?: string;
  /** the facts that made the alert fire, shown with it */
  evidence?: Record<string, unknown>;
  /** at most one open alert per user and key; a second raise returns the open one */
  dedupeKey?: string;
}

export async function raiseAlert(trx: Tx, ctx: RequestContext, input: AlertInput): Promise<{ id: string; created: boolean }> {
  const id = newId();
  const inserted = await trx
    .insertInto('alerts')
    .values({
      id,
      tenant_id: ctx.tenantId,
      user_id: input.userId,
      kind: input.kind,
      severity: input.severity ?? 'info',
      title: input.title,
      body: input.body ?? null,
      entity: input.entity ?? null,
      entity_id: input.entityId ?? null,
      evidence: JSON.stringify(input.evidence ?? {}),
      message: input.message ? JSON.stringify(input.message) : null,
      dedupe_key: input.dedupeKey ?? null,
    })
    .onConflict((oc) => oc.expression(sql`tenant_id, user_id, dedupe_key`).where('dedupe_key', 'is not', null).where('resolved_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) {
    const open = await trx
      .selectFrom('alerts')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('user_id', '=', input.userId)
      .where('dedupe_key', '=', input.dedupeKey ?? '')
      .where('resolved_at', 'is', null)
      .executeTakeFirstOrThrow();
    return { id: open.id, created: false };
  }
  await recordEvent(trx, ctx, { type: 'alert.raised', entity: 'alerts', entityId: id, after: { userId: input.userId, kind: input.kind, title: input.title, entity: input.entity, entityId: input.entityId } });
  return { id, created: true };
}
