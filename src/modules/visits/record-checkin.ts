// Records a check-in (opens a visit) or a check-out (closes it) with its GPS fix, then runs the
// rules that need only recent data. Bad input is refused before anything is written.
import { z } from 'zod';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { id, isoDateTime, optionalText } from '../../platform/http/schemas.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { analyzeVisits } from './analyze-visits.ts';
import { presentVisit } from './visit-presenter.ts';

/** Phone clocks drift a little; a fix later than this is wrong, not early. */
const CLOCK_DRIFT_MS = 2 * 60_000;
/** How far back the check-in rules look for the rep's earlier fixes. */
const RECENT_DAYS = 30;

export const checkinInput = z
  .object({
    kind: z.enum(['in', 'out']),
    accountId: id(),
    lat: z.number().min(-90, 'latitude must be between -90 and 90').max(90, 'latitude must be between -90 and 90'),
    lng: z.number().min(-180, 'longitude must be between -180 and 180').max(180, 'longitude must be between -180 and 180'),
    accuracy: z.number().min(0, 'accuracy is a radius in metres, not negative').max(100_000).nullable().optional(),
    at: isoDateTime().refine((v) => Date.parse(v) <= Date.now() + CLOCK_DRIFT_MS, 'must not be in the future'),
    visitId: id().optional(),
    address: optionalText(500),
  })
  .strict()
  .refine((v) => v.kind === 'out' || v.visitId === undefined, { message: 'visitId names the visit a check-out closes; leave it out of a check-in', path: ['visitId'] });
export type CheckinInput = z.output<typeof checkinInput>;

export async function recordCheckin(trx: Tx, ctx: RequestContext, input: CheckinInput) {
  authorize(ctx, 'visits', 'create');
  const repId = ctx.actor.userId;
  if (!repId) throw forbidden('Check-ins are made by a person: sign in as the rep who is visiting.');
  const at = new Date(input.at);
  const visit = input.kind === 'in' ? await checkIn(trx, ctx, repId, input, at) : await checkOut(trx, ctx, repId, input, at);
  const { flagsRaised } = await analyzeVisits(trx, ctx, { from: new Date(at.getTime() - RECENT_DAYS * 86_400_000), to: new Date(Date.now() + CLOCK_DRIFT_MS), ownerIds: [repId], ruleSet: 'recent' });
  return { visit, flagsRaised };
}

async function checkIn(trx: Tx, ctx: RequestContext, repId: string, input: CheckinInput, at: Date) {
  const account = await trx.selectFrom('accounts').select(['id', 'lat', 'lng']).where('tenant_id', '=', ctx.tenantId).where('id', '=', input.accountId).executeTakeFirst();
  if (!account) throw notFound('Account');
  const open = await trx.selectFrom('visits').select(['id', 'account_id']).where('tenant_id', '=', ctx.tenantId).where('owner_id', '=', repId).where('out_at', 'is', null).executeTakeFirst();
  if (open) throw new AppError('conflict', 'You are still checked in at another visit. Check out of it first.', { openVisitId: open.id, accountId: open.account_id });
  const row = await trx
    .insertInto('visits')
    .values({
      id: newId(),
      tenant_id: ctx.tenantId,
      owner_id: repId,
      account_id: account.id,
      account_lat: account.lat,
      account_lng: account.lng,
      in_at: at,
      in_lat: input.lat,
      in_lng: input.lng,
      in_accuracy_m: input.accuracy ?? null,
      in_address: input.address ?? null,
      updated_at: new Date(),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const visit = presentVisit(row);
  await recordEvent(trx, ctx, { type: 'visit.checked_in', entity: 'visits', entityId: row.id, after: visit });
  return visit;
}

async function checkOut(trx: Tx, ctx: RequestContext, repId: string, input: CheckinInput, at: Date) {
  let q = trx.selectFrom('visits').selectAll().where('tenant_id', '=', ctx.tenantId).where('owner_id', '=', repId);
  q = input.visitId ? q.where('id', '=', input.visitId) : q.where('account_id', '=', input.accountId).where('out_at', 'is', null);
  const open = await q.forUpdate().executeTakeFirst();
  if (!open && input.visitId) throw notFound('Visit');
  if (!open) throw new AppError('unprocessable', 'There is no open check-in at this account to check out of. Check in first.', { accountId: input.accountId });
  if (open.out_at) throw new AppError('unprocessable', 'This visit is already checked out.', { visitId: open.id, checkoutAt: open.out_at.toISOString() });
  if (open.account_id !== input.accountId) throw new AppError('unprocessable', 'This visit is at another account; check out with the account you checked in at.', { visitId: open.id, accountId: open.account_id });
  if (at < open.in_at) throw new AppError('unprocessable', 'The check-out time is before the check-in time. Check the phone clock and send the real time.', { checkinAt: open.in_at.toISOString(), checkoutAt: at.toISOString() });
  const row = await trx
    .updateTable('visits')
    .set({ out_at: at, out_lat: input.lat, out_lng: input.lng, out_accuracy_m: input.accuracy ?? null, out_address: input.address ?? null, updated_at: new Date() })
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', open.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const visit = presentVisit(row);
  await recordEvent(trx, ctx, {
    type: 'visit.checked_out',
    entity: 'visits',
    entityId: row.id,
    before: presentVisit(open),
    after: visit,
    payload: { visitId: row.id, ownerId: repId, accountId: row.account_id, checkinAt: row.in_at.toISOString(), checkoutAt: at.toISOString() },
  });
  return visit;
}
