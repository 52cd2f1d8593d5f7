// Order lines (报价明细) of a deal: products with quantity, unit price and discount. They
// belong to the opportunity, so its read/update permission and data scope govern them.
import { z } from 'zod';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { iso, money } from '../../platform/http/schemas.ts';
import { centsColumn, fromCents } from '../../platform/money.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import type { Selectable } from 'kysely';
import type { OrderLinesTable } from '../../platform/db/schema.ts';
import { opportunitiesService } from './opportunities-resource.ts';
import { lineTotalCents } from './order-line-total.ts';

export const MAX_LINES_PER_DEAL = 200;

const QUANTITY_RE = /^\d{1,11}(\.\d{1,3})?$/;
const PERCENT_RE = /^\d{1,3}(\.\d{1,2})?$/;
const decimal = (re: RegExp, ok: (n: number) => boolean, message: string) =>
  z.union([z.string(), z.number()]).refine((v) => re.test(String(v)) && ok(Number(v)), { message });

export const addLineSchema = z
  .object({
    productId: z.uuid({ message: 'must be a record id (UUID)' }),
    quantity: decimal(QUANTITY_RE, (n) => n > 0, 'must be a positive quantity with at most 3 decimals, like 2 or 1.5'),
    unitPrice: money().optional(),
    discountPct: decimal(PERCENT_RE, (n) => n <= 100, 'must be a percentage from 0 to 100 with at most 2 decimals').optional(),
  })
  .strict();
export type AddLineInput = z.infer<typeof addLineSchema>;

export function presentLine(r: Selectable<OrderLinesTable>) {
  return {
    id: r.id,
    opportunityId: r.opportunity_id,
    productId: r.product_id,
    quantity: r.quantity,
    unitPrice: fromCents(r.unit_price_cents),
    discountPct: r.discount_pct,
    lineTotal: fromCents(lineTotalCents(BigInt(r.unit_price_cents), r.quantity, r.discount_pct)),
    createdAt: iso(r.created_at),
  };
}

const linesOf = (trx: Tx, ctx: RequestContext, opportunityId: string) =>
  trx.selectFrom('order_lines').selectAll().where('tenant_id', '=', ctx.tenantId).where('opportunity_id', '=', opportunityId);

export async function listLines(trx: Tx, ctx: RequestContext, opportunityId: string) {
  authorize(ctx, 'opportunities', 'read');
  await opportunitiesService.fetch(trx, ctx, opportunityId);
  const rows = await linesOf(trx, ctx, opportunityId).orderBy('created_at').orderBy('id').execute();
  const total = rows.reduce((sum, r) => sum + lineTotalCents(BigInt(r.unit_price_cents), r.quantity, r.discount_pct), 0n);
  return { items: rows.map(presentLine), nextCursor: null, total: fromCents(total) };
}

export async function addLine(trx: Tx, ctx: RequestContext, opportunityId: string, input: AddLineInput) {
  authorize(ctx, 'opportunities', 'update');
  await opportunitiesService.fetch(trx, ctx, opportunityId, true);
  const product = await trx.selectFrom('products').select(['id', 'unit_price_cents', 'active']).where('tenant_id', '=', ctx.tenantId).where('id', '=', input.productId).executeTakeFirst();
  if (!product) throw new AppError('unprocessable', `Product ${input.productId} does not exist in your workspace.`, { field: 'productId' });
  if (!product.active) throw new AppError('unprocessable', 'This product is no longer sold; pick an active product or ask an admin to reactivate it.', { field: 'productId' });
  const { count } = await linesOf(trx, ctx, opportunityId).clearSelect().select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  if (Number(count) >= MAX_LINES_PER_DEAL) throw new AppError('unprocessable', `A deal holds at most ${MAX_LINES_PER_DEAL} order lines; combine or remove some first.`);

  const row = await trx
    .insertInto('order_lines')
    .values({
      id: newId(),
      tenant_id: ctx.tenantId,
      opportunity_id: opportunityId,
      product_id: product.id,
      quantity: String(input.quantity),
      unit_price_cents: centsColumn(input.unitPrice, 'unitPrice') ?? product.unit_price_cents,
      discount_pct: String(input.discountPct ?? 0),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const line = presentLine(row);
  await recordEvent(trx, ctx, { type: 'order_line.created', entity: 'order_lines', entityId: row.id, after: line, payload: { opportunityId } });
  return line;
}

export async function removeLine(trx: Tx, ctx: RequestContext, opportunityId: string, lineId: string) {
  authorize(ctx, 'opportunities', 'update');
  await opportunitiesService.fetch(trx, ctx, opportunityId, true);
  const row = await trx.deleteFrom('order_lines').where('tenant_id', '=', ctx.tenantId).where('opportunity_id', '=', opportunityId).where('id', '=', lineId).returningAll().executeTakeFirst();
  if (!row) throw notFound('Order line');
  await recordEvent(trx, ctx, { type: 'order_line.deleted', entity: 'order_lines', entityId: lineId, before: presentLine(row), payload: { opportunityId } });
}
