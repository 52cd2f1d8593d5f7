// A quota for a rep, a team or the company in one period: set by admins and executives for
// anyone, by managers for the reps and sub-teams below them; audited with before/after.
import { z } from 'zod';
import { recordEvent } from '../../platform/events/outbox.ts';
import { notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import { fromCents, toCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { loadTreeOnly } from './forecast-data.ts';
import { assertCanManage, forecastScope } from './forecast-scope.ts';
import { parsePeriod, periodKeySchema } from './periods.ts';

const amount = z.union([z.string().regex(/^\d{1,16}(\.\d{1,2})?$/, 'must be an amount like 1234.50, not negative'), z.number().finite().nonnegative()]);

export const quotaBody = z
  .object({
    period: periodKeySchema,
    subjectKind: z.enum(['user', 'team', 'company']),
    subjectId: z.uuid().nullable().optional(),
    amount,
  })
  .strict()
  .refine((b) => (b.subjectKind === 'company') === !b.subjectId, { message: 'subjectId is required for a user or team and must be left out for the company', path: ['subjectId'] });

export async function setQuota(trx: Tx, ctx: RequestContext, body: z.output<typeof quotaBody>) {
  authorize(ctx, 'forecast_quotas', 'update');
  const period = parsePeriod(body.period);
  const rollup = await loadTreeOnly(trx, ctx.tenantId);
  const id = body.subjectKind === 'company' ? null : (body.subjectId as string);
  if (body.subjectKind === 'user' && !rollup.users.has(id as string)) throw notFound('That user');
  if (body.subjectKind === 'team' && !rollup.teams.has(id as string)) throw notFound('That team');
  assertCanManage(ctx, forecastScope(ctx, rollup), body.subjectKind, id);
  const subjectId = id ?? ctx.tenantId;
  const cents = toCents(String(body.amount), 'amount');
  const existing = await trx.selectFrom('forecast_quotas').selectAll().where('tenant_id', '=', ctx.tenantId).where('period_key', '=', period.key).where('subject_kind', '=', body.subjectKind).where('subject_id', '=', subjectId).executeTakeFirst();
  const now = new Date();
  const row = await trx
    .insertInto('forecast_quotas')
    .values({ id: existing?.id ?? newId(), tenant_id: ctx.tenantId, period_key: period.key, subject_kind: body.subjectKind, subject_id: subjectId, amount_cents: cents.toString(), set_by: ctx.actor.userId, updated_at: now })
    .onConflict((oc) => oc.columns(['tenant_id', 'period_key', 'subject_kind', 'subject_id']).doUpdateSet({ amount_cents: cents.toString(), set_by: ctx.actor.userId, updated_at: now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  const present = (r: { amount_cents: string } | undefined) => (r ? { period: period.key, subjectKind: body.subjectKind, subjectId: id, amount: fromCents(r.amount_cents) } : null);
  await recordEvent(trx, ctx, { type: 'forecast.quota_set', entity: 'forecast_quotas', entityId: row.id, before: present(existing), after: present(row) });
  return { ...present(row), setBy: ctx.actor.userId, setAt: row.updated_at.toISOString() };
}
