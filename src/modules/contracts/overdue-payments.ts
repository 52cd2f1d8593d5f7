// Overdue instalments (逾期回款): due before the tenant's today and not fully paid, on contracts
// in force (active or completed; drafts and terminated contracts promise no money).
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { decodeCursor, fetchLimit, listQueryBase, type Page, pageFrom } from '../../platform/http/list-params.ts';
import { id } from '../../platform/http/schemas.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

export const contractsInForce = ['active', 'completed'];

/** The tenant's calendar date now, in its own time zone. */
export async function tenantToday(trx: Tx, tenantId: string): Promise<string> {
  const { rows } = await sql<{ today: string }>`select to_char(now() at time zone time_zone, 'YYYY-MM-DD') as today from tenants where id = ${tenantId}`.execute(trx);
  return rows[0].today;
}

/** Every overdue instalment of the tenant as of `today`, with its contract, account and owner. */
export function overdueInstalments(trx: Tx, tenantId: string, today: string) {
  return trx
    .selectFrom('payments as p')
    .innerJoin('contracts as c', (j) => j.onRef('c.id', '=', 'p.contract_id').onRef('c.tenant_id', '=', 'p.tenant_id'))
    .innerJoin('accounts as a', (j) => j.onRef('a.id', '=', 'c.account_id').onRef('a.tenant_id', '=', 'c.tenant_id'))
    .select([
      'p.id',
      'p.contract_id',
      'c.number',
      'c.account_id',
      'a.name as account_name',
      'c.owner_id',
      'p.due_on',
      'p.amount_cents',
      'p.paid_cents',
      sql<number>`(${today}::date - p.due_on)`.as('days_overdue'),
    ])
    .where('p.tenant_id', '=', tenantId)
    .where('c.status', 'in', contractsInForce)
    .where('p.due_on', '<', today)
    .whereRef('p.paid_cents', '<', 'p.amount_cents');
}

type OverdueRow = Awaited<ReturnType<ReturnType<typeof overdueInstalments>['executeTakeFirstOrThrow']>>;

export const presentOverdue = (r: OverdueRow) => ({
  paymentId: r.id,
  contractId: r.contract_id,
  contractNumber: r.number,
  accountId: r.account_id,
  accountName: r.account_name,
  ownerId: r.owner_id,
  dueOn: r.due_on,
  amount: fromCents(r.amount_cents),
  paidAmount: fromCents(r.paid_cents),
  outstanding: fromCents(BigInt(r.amount_cents) - BigInt(r.paid_cents)),
  daysOverdue: r.days_overdue,
});

export const overdueQuery = z.object({ limit: listQueryBase.limit, cursor: listQueryBase.cursor, ownerId: id().optional() }).strict();

/** The overdue instalments of the contracts the actor may see, oldest due first. */
export async function listOverduePayments(trx: Tx, ctx: RequestContext, query: z.output<typeof overdueQuery>): Promise<Page<ReturnType<typeof presentOverdue>>> {
  authorize(ctx, 'payments', 'read');
  const after = decodeCursor(query.cursor, 'dueOn');
  const owners = await visibleOwnerIds(trx, ctx);
  let q = overdueInstalments(trx, ctx.tenantId, await tenantToday(trx, ctx.tenantId));
  if (owners) q = owners.length ? q.where('c.owner_id', 'in', owners) : q.where(sql<SqlBool>`false`);
  if (query.ownerId) q = q.where('c.owner_id', '=', query.ownerId);
  if (after) q = q.where(sql<SqlBool>`(p.due_on, p.id) > (${String(after.v)}::date, ${after.id}::uuid)`);
  const rows = await q.orderBy('p.due_on').orderBy('p.id').limit(fetchLimit(query.limit)).execute();
  return pageFrom(rows, query.limit, presentOverdue, (last) => ({ v: last.due_on, id: last.id, s: 'dueOn' }));
}
