// Payment instalments (回款计划) of a contract: when each part is due, how much, and what has
// been collected. They live under their contract, so its data scope governs them.
import { z } from 'zod';
import type { Selectable } from 'kysely';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { iso, isoDate, money } from '../../platform/http/schemas.ts';
import { fromCents, toCents } from '../../platform/money.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import type { PaymentsTable } from '../../platform/db/schema.ts';
import { contractsService } from './contracts-resource.ts';
import { refuseOverSchedule } from './payment-schedule.ts';

export const MAX_INSTALMENTS = 200;

const paymentFields = { dueOn: isoDate(), amount: money(), paidAmount: money(), paidOn: isoDate().nullable() };
export const addPaymentSchema = z.object(paymentFields).partial({ paidAmount: true, paidOn: true }).strict();
export const changePaymentSchema = z.object(paymentFields).partial().strict();
export type PaymentInput = z.infer<typeof changePaymentSchema>;

export function presentPayment(r: Selectable<PaymentsTable>) {
  return {
    id: r.id,
    contractId: r.contract_id,
    dueOn: r.due_on,
    amount: fromCents(r.amount_cents),
    paidAmount: fromCents(r.paid_cents),
    paidOn: r.paid_on,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

interface Instalment {
  dueOn: string;
  amountCents: bigint;
  paidCents: bigint;
  paidOn: string | null;
}

/** the instalment after applying the input over what is stored (nothing stored for a new one) */
function merge(input: PaymentInput, stored?: Selectable<PaymentsTable>): Instalment {
  const merged = {
    dueOn: input.dueOn ?? stored?.due_on ?? '',
    amountCents: input.amount !== undefined ? toCents(input.amount, 'amount') : BigInt(stored?.amount_cents ?? 0),
    paidCents: input.paidAmount !== undefined ? toCents(input.paidAmount, 'paidAmount') : BigInt(stored?.paid_cents ?? 0),
    paidOn: input.paidOn !== undefined ? input.paidOn : (stored?.paid_on ?? null),
  };
  if (merged.amountCents <= 0n) throw new AppError('validation_failed', 'amount must be more than 0.', { issues: [{ path: 'amount', message: 'must be more than 0' }] });
  if (merged.paidCents > merged.amountCents) throw new AppError('validation_failed', 'paidAmount may not exceed the instalment amount; record an overpayment as its own instalment.', { issues: [{ path: 'paidAmount', message: 'more than the amount' }] });
  if (merged.paidCents > 0n && !merged.paidOn) throw new AppError('validation_failed', 'Give paidOn (the date the money arrived) with a paidAmount.', { issues: [{ path: 'paidOn', message: 'required when something was paid' }] });
  return merged;
}

const paymentsOf = (trx: Tx, ctx: RequestContext, contractId: string) => trx.selectFrom('payments').selectAll().where('tenant_id', '=', ctx.tenantId).where('contract_id', '=', contractId);

export async function listPayments(trx: Tx, ctx: RequestContext, contractId: string) {
  authorize(ctx, 'payments', 'read');
  const contract = await contractsService.fetch(trx, ctx, contractId);
  const rows = await paymentsOf(trx, ctx, contractId).orderBy('due_on').orderBy('id').execute();
  const scheduled = rows.reduce((s, r) => s + BigInt(r.amount_cents), 0n);
  const paid = rows.reduce((s, r) => s + BigInt(r.paid_cents), 0n);
  return {
    items: rows.map(presentPayment),
    nextCursor: null,
    totals: { contract: fromCents(contract.amount_cents as string), scheduled: fromCents(scheduled), paid: fromCents(paid), outstanding: fromCents(scheduled - paid) },
  };
}

export async function addPayment(trx: Tx, ctx: RequestContext, contractId: string, input: PaymentInput) {
  authorize(ctx, 'payments', 'create');
  const contract = await contractsService.fetch(trx, ctx, contractId, true);
  const instalment = merge(input);
  const { count } = await paymentsOf(trx, ctx, contractId).clearSelect().select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  if (Number(count) >= MAX_INSTALMENTS) throw new AppError('unprocessable', `A contract holds at most ${MAX_INSTALMENTS} instalments; combine some first.`);
  await refuseOverSchedule(trx, ctx, contractId, BigInt(contract.amount_cents as string), instalment.amountCents);
  const row = await trx
    .insertInto('payments')
    .values({ id: newId(), tenant_id: ctx.tenantId, contract_id: contractId, due_on: instalment.dueOn, amount_cents: instalment.amountCents.toString(), paid_cents: instalment.paidCents.toString(), paid_on: instalment.paidOn, updated_at: new Date() })
    .returningAll()
    .executeTakeFirstOrThrow();
  const payment = presentPayment(row);
  await recordEvent(trx, ctx, { type: 'payment.created', entity: 'payments', entityId: row.id, after: payment, payload: { contractId } });
  return payment;
}

export async function changePayment(trx: Tx, ctx: RequestContext, contractId: string, paymentId: string, input: PaymentInput) {
  authorize(ctx, 'payments', 'update');
  const contract = await contractsService.fetch(trx, ctx, contractId, true);
  const stored = await paymentsOf(trx, ctx, contractId).where('id', '=', paymentId).forUpdate().executeTakeFirst();
  if (!stored) throw notFound('Payment instalment');
  const instalment = merge(input, stored);
  await refuseOverSchedule(trx, ctx, contractId, BigInt(contract.amount_cents as string), instalment.amountCents, paymentId);
  const row = await trx
    .updateTable('payments')
    .set({ due_on: instalment.dueOn, amount_cents: instalment.amountCents.toString(), paid_cents: instalment.paidCents.toString(), paid_on: instalment.paidOn, updated_at: new Date() })
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', paymentId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const payment = presentPayment(row);
  await recordEvent(trx, ctx, { type: 'payment.updated', entity: 'payments', entityId: paymentId, before: presentPayment(stored), after: payment, payload: { contractId } });
  return payment;
}

export async function removePayment(trx: Tx, ctx: RequestContext, contractId: string, paymentId: string) {
  authorize(ctx, 'payments', 'delete');
  await contractsService.fetch(trx, ctx, contractId, true);
  const row = await trx.deleteFrom('payments').where('tenant_id', '=', ctx.tenantId).where('contract_id', '=', contractId).where('id', '=', paymentId).returningAll().executeTakeFirst();
  if (!row) throw notFound('Payment instalment');
  await recordEvent(trx, ctx, { type: 'payment.deleted', entity: 'payments', entityId: paymentId, before: presentPayment(row), payload: { contractId } });
}
