// raiseAlert(): how any module puts something in a person's alert list (workbench), in the
// caller's transaction; a dedupe key keeps one open alert per cause.
import { sql } from 'kysely';
import { newId } from '../../platform/ids.ts';
import { recordEvents } from '../../platform/events/outbox.ts';
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
  const [result] = await raiseAlerts(trx, ctx, [input]);
  return result;
}

/** rows per INSERT into alerts: 12 parameters each */
const ALERT_ROWS_PER_STATEMENT = 1000;

/**
 * Raises many alerts at once with raiseAlert's meaning, one result per input in order: an input
 * whose user already has an open alert with its dedupe key (or meets one earlier in the same
 * list) gets that alert back, not a new one. The alert.raised events are recorded in one go.
 */
export async function raiseAlerts(trx: Tx, ctx: RequestContext, inputs: readonly AlertInput[]): Promise<{ id: string; created: boolean }[]> {
  const rows = inputs.map((input) => ({
    id: newId(),
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
  }));
  const created = new Set<string>();
  for (let i = 0; i < rows.length; i += ALERT_ROWS_PER_STATEMENT) {
    const inserted = await trx
      .insertInto('alerts')
      .values(rows.slice(i, i + ALERT_ROWS_PER_STATEMENT))
      .onConflict((oc) => oc.expression(sql`tenant_id, user_id, dedupe_key`).where('dedupe_key', 'is not', null).where('resolved_at', 'is', null).doNothing())
      .returning('id')
      .execute();
    for (const row of inserted) created.add(row.id);
  }
  const openKey = (userId: string, dedupeKey: string) => `${userId}\u0000${dedupeKey}`;
  const skipped = rows.filter((r) => !created.has(r.id));
  const open = new Map<string, string>();
  for (let i = 0; i < skipped.length; i += ALERT_ROWS_PER_STATEMENT) {
    const batch = skipped.slice(i, i + ALERT_ROWS_PER_STATEMENT);
    const found = await trx
      .selectFrom('alerts')
      .select(['id', 'user_id', 'dedupe_key'])
      .where('tenant_id', '=', ctx.tenantId)
      .where('resolved_at', 'is', null)
      .where('user_id', 'in', [...new Set(batch.map((r) => r.user_id))])
      .where('dedupe_key', 'in', [...new Set(batch.map((r) => r.dedupe_key ?? ''))])
      .execute();
    for (const a of found) open.set(openKey(a.user_id, a.dedupe_key ?? ''), a.id);
  }
  const results = rows.map((r) => {
    if (created.has(r.id)) return { id: r.id, created: true };
    const id = open.get(openKey(r.user_id, r.dedupe_key ?? ''));
    if (!id) throw new Error(`alert ${r.kind} for ${r.user_id} was neither inserted nor found open`);
    return { id, created: false };
  });
  const raised = inputs.flatMap((input, i) => (results[i].created ? [{ input, id: results[i].id }] : []));
  await recordEvents(
    trx,
    ctx,
    raised.map(({ input, id }) => ({ type: 'alert.raised', entity: 'alerts', entityId: id, after: { userId: input.userId, kind: input.kind, title: input.title, entity: input.entity, entityId: input.entityId } })),
  );
  return results;
}
