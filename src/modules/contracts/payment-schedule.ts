// The rule that ties instalments to their contract: together they may never promise more
// than the contract is worth.
import { AppError } from '../../platform/http/errors.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

/** the sum of a contract's instalment amounts, optionally leaving one out (the one being changed) */
export async function scheduledCents(trx: Tx, ctx: RequestContext, contractId: string, exceptPaymentId?: string): Promise<bigint> {
  let q = trx
    .selectFrom('payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('amount_cents'), eb.lit(0)).as('total'))
    .where('tenant_id', '=', ctx.tenantId)
    .where('contract_id', '=', contractId);
  if (exceptPaymentId) q = q.where('id', '!=', exceptPaymentId);
  const { total } = await q.executeTakeFirstOrThrow();
  return BigInt(total);
}

/** 422 when the instalments (plus `addedCents`, minus the one left out) would exceed the contract amount */
export async function refuseOverSchedule(trx: Tx, ctx: RequestContext, contractId: string, contractCents: bigint, addedCents: bigint, exceptPaymentId?: string) {
  const scheduled = await scheduledCents(trx, ctx, contractId, exceptPaymentId);
  if (scheduled + addedCents <= contractCents) return;
  throw new AppError(
    'unprocessable',
    `The payment instalments would total ${fromCents(scheduled + addedCents)}, more than the contract amount ${fromCents(contractCents)}. Lower or remove instalments, or raise the contract amount.`,
    { contractAmount: fromCents(contractCents), scheduled: fromCents(scheduled), requested: fromCents(addedCents), available: fromCents(contractCents > scheduled ? contractCents - scheduled : 0n) },
  );
}
