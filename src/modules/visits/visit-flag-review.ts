// A flag's life after it is raised: listed in the actor's scope, answered by the flagged rep,
// decided by a manager; every step evented.
import { sql } from 'kysely';
import { z } from 'zod';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { decodeCursor, fetchLimit, listQueryBase, type Page, pageFrom } from '../../platform/http/list-params.ts';
import { id, name } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { raiseAlert } from '../alerts/raise-alert.ts';
import { flagAlertParams } from './flag-alert-params.ts';
import { managersOf } from '../teams/managers-of.ts';
import { presentFlag } from './visit-flag-presenter.ts';
import { flagRules } from './visit-rules.ts';

export const flagListQuery = z
  .object({
    limit: listQueryBase.limit,
    cursor: listQueryBase.cursor,
    ownerId: id().optional(),
    visitId: id().optional(),
    rule: z.enum(flagRules).optional(),
    status: z.enum(['open', 'answered', 'closed']).optional(),
  })
  .strict();
export const answerInput = z.object({ text: name(2000) }).strict();
export const outcomeInput = z.object({ outcome: z.enum(['accepted', 'confirmed_fake', 'dismissed']), note: name(2000) }).strict();

type FlagView = ReturnType<typeof presentFlag>;
const SORT = '-createdAt';

export async function listFlags(trx: Tx, ctx: RequestContext, query: z.output<typeof flagListQuery>): Promise<Page<FlagView>> {
  authorize(ctx, 'visit_flags', 'read');
  const cursor = decodeCursor(query.cursor, SORT);
  const owners = await visibleOwnerIds(trx, ctx);
  if (owners?.length === 0) return { items: [], nextCursor: null };
  let q = trx.selectFrom('visit_flags').selectAll().where('tenant_id', '=', ctx.tenantId);
  if (owners) q = q.where('owner_id', 'in', owners);
  if (query.ownerId) q = q.where('owner_id', '=', query.ownerId);
  if (query.visitId) q = q.where('visit_id', '=', query.visitId);
  if (query.rule) q = q.where('rule', '=', query.rule);
  if (query.status) q = q.where('status', '=', query.status);
  if (cursor) q = q.where(sql<boolean>`(created_at, id) < (${String(cursor.v)}::timestamptz, ${cursor.id}::uuid)`);
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(fetchLimit(query.limit)).execute();
  return pageFrom(rows, query.limit, presentFlag, (last) => ({ v: last.created_at.toISOString(), id: last.id, s: SORT }));
}

async function flagInScope(trx: Tx, ctx: RequestContext, flagId: string) {
  const owners = await visibleOwnerIds(trx, ctx);
  const row = await trx.selectFrom('visit_flags').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', flagId).forUpdate().executeTakeFirst();
  if (!row || (owners && !owners.includes(row.owner_id))) throw notFound('Visit flag');
  return row;
}

export async function answerFlag(trx: Tx, ctx: RequestContext, flagId: string, input: z.output<typeof answerInput>): Promise<FlagView> {
  authorize(ctx, 'visit_flags', 'update');
  const before = await flagInScope(trx, ctx, flagId);
  if (before.owner_id !== ctx.actor.userId) throw forbidden('Only the rep whose visit was flagged can answer the flag.');
  if (before.status === 'closed') throw new AppError('conflict', 'This flag already has an outcome; ask your manager to reopen the question.', { outcome: before.outcome });
  const row = await trx
    .updateTable('visit_flags')
    .set({ answer: input.text, answered_at: new Date(), status: 'answered' })
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', flagId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = presentFlag(row);
  await recordEvent(trx, ctx, { type: 'visit_flag.answered', entity: 'visit_flags', entityId: row.id, before: presentFlag(before), after });
  const managers = await managersOf(trx, ctx.tenantId, [row.owner_id]);
  const params = { ...(await flagAlertParams(trx, ctx.tenantId, [row.id])).get(row.id), rule: row.rule, answer: input.text };
  for (const managerId of managers.get(row.owner_id) ?? []) {
    await raiseAlert(trx, ctx, { userId: managerId, kind: 'visit.flag_answered', title: '销售已回复拜访异常', body: input.text, message: { key: 'visit.flag_answered', params }, entity: 'visit_flags', entityId: row.id, evidence: { rule: row.rule, ownerId: row.owner_id }, dedupeKey: `visit-flag-answer:${row.id}` });
  }
  return after;
}

export async function decideFlag(trx: Tx, ctx: RequestContext, flagId: string, input: z.output<typeof outcomeInput>): Promise<FlagView> {
  authorize(ctx, 'visit_flag_outcomes', 'create');
  const before = await flagInScope(trx, ctx, flagId);
  if (before.owner_id === ctx.actor.userId) throw forbidden('You cannot decide a flag on your own visit; your manager does.');
  const row = await trx
    .updateTable('visit_flags')
    .set({ outcome: input.outcome, outcome_note: input.note, outcome_by: ctx.actor.userId, outcome_at: new Date(), status: 'closed' })
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', flagId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = presentFlag(row);
  await recordEvent(trx, ctx, { type: 'visit_flag.decided', entity: 'visit_flags', entityId: row.id, before: presentFlag(before), after });
  return after;
}
