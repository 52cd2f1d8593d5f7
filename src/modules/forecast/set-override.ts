// A manager's override of a rep's or sub-team's commit or best-case number for a period: kept
// next to the computed number it replaced, audited with before/after; clearing it returns the
// node to its computed number.
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { fromCents, toCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { loadRollup } from './forecast-data.ts';
import { assertCanManage, forecastScope } from './forecast-scope.ts';
import { parsePeriod, periodKeySchema } from './periods.ts';
import { tenantClock } from '../../platform/tenancy/tenant-clock.ts';

export const overrideBody = z
  .object({
    period: periodKeySchema,
    subjectKind: z.enum(['user', 'team']),
    subjectId: z.uuid(),
    category: z.enum(['commit', 'best_case']),
    /** null clears the override */
    amount: z.union([z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be an amount like 1234.50, not negative'), z.number().finite().nonnegative()]).nullable(),
    note: z.string().trim().max(500).nullable().optional(),
  })
  .strict();

export async function setOverride(trx: Tx, ctx: RequestContext, body: z.output<typeof overrideBody>) {
  authorize(ctx, 'forecast_overrides', 'update');
  const period = parsePeriod(body.period);
  const clock = await tenantClock(trx, ctx.tenantId, new Date());
  if (clock.today > period.end) throw new AppError('unprocessable', `Period ${period.key} has ended; its numbers can no longer be overridden.`);
  const rollup = await loadRollup(trx, ctx.tenantId, clock.timeZone, period);
  const node = body.subjectKind === 'user' ? rollup.users.get(body.subjectId) : rollup.teams.get(body.subjectId);
  if (!node) throw notFound(body.subjectKind === 'user' ? 'That user' : 'That team');
  assertCanManage(ctx, forecastScope(ctx, rollup), body.subjectKind, body.subjectId);
  const existing = await trx.selectFrom('forecast_overrides').selectAll().where('tenant_id', '=', ctx.tenantId).where('period_key', '=', period.key).where('subject_kind', '=', body.subjectKind).where('subject_id', '=', body.subjectId).where('category', '=', body.category).executeTakeFirst();
  const present = (r: { amount_cents: string; original_cents: string; note: string | null } | undefined) =>
    r ? { period: period.key, subjectKind: body.subjectKind, subjectId: body.subjectId, category: body.category, amount: fromCents(r.amount_cents), original: fromCents(r.original_cents), note: r.note } : null;
  if (body.amount === null) {
    if (!existing) throw new AppError('not_found', 'There is no override to clear for this number.');
    await trx.deleteFrom('forecast_overrides').where('tenant_id', '=', ctx.tenantId).where('id', '=', existing.id).execute();
    await recordEvent(trx, ctx, { type: 'forecast.override_cleared', entity: 'forecast_overrides', entityId: existing.id, before: present(existing), after: null });
    return { override: null, computed: fromCents(node.computed[body.category]) };
  }
  const cents = toCents(String(body.amount), 'amount').toString();
  const original = node.computed[body.category].toString();
  const now = new Date();
  const row = await trx
    .insertInto('forecast_overrides')
    .values({ id: existing?.id ?? newId(), tenant_id: ctx.tenantId, period_key: period.key, subject_kind: body.subjectKind, subject_id: body.subjectId, category: body.category, amount_cents: cents, original_cents: original, note: body.note ?? null, set_by: ctx.actor.userId, updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'period_key', 'subject_kind', 'subject_id', 'category']).doUpdateSet({ amount_cents: cents, original_cents: original, note: body.note ?? null, set_by: ctx.actor.userId, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, ctx, { type: 'forecast.override_set', entity: 'forecast_overrides', entityId: row.id, before: present(existing), after: present(row) });
  return { override: { ...present(row), by: ctx.actor.userId, at: row.updated_at.toISOString() }, computed: fromCents(original) };
}
