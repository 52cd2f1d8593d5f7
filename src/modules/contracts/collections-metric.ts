// Collected vs planned (回款达成) per rep or team over a date range: planned is what fell due in
// the range on contracts in force; collected is what arrived in the range (paid_on); and how
// much of the planned amount has been paid so far. Summed per owner in SQL.
import { sql, type SqlBool } from 'kysely';
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { isoDate } from '../../platform/http/schemas.ts';
import { fromCents } from '../../platform/money.ts';
import { groupBySchema, rollUpByOwner, share } from '../../platform/metrics/owner-rollup.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { contractsInForce } from './overdue-payments.ts';

export const collectionsQuery = z.object({ from: isoDate(), to: isoDate(), groupBy: groupBySchema.default('rep') }).strict();

const fields = ['planned', 'paidAgainstPlanned', 'collected', 'instalmentsDue'] as const;

export async function collectionsMetric(trx: Tx, ctx: RequestContext, query: z.output<typeof collectionsQuery>) {
  authorize(ctx, 'payments', 'read');
  const { from, to, groupBy } = query;
  if (from > to) throw new AppError('validation_failed', `from (${from}) must not be after to (${to}).`, { issues: [{ path: 'from', message: 'after to' }] });
  const owners = await visibleOwnerIds(trx, ctx);
  const dueInRange = sql<SqlBool>`p.due_on between ${from}::date and ${to}::date and c.status in (${sql.join(contractsInForce)})`;
  const paidInRange = sql<SqlBool>`p.paid_on between ${from}::date and ${to}::date`;
  let q = trx
    .selectFrom('payments as p')
    .innerJoin('contracts as c', (j) => j.onRef('c.id', '=', 'p.contract_id').onRef('c.tenant_id', '=', 'p.tenant_id'))
    .select([
      'c.owner_id as ownerId',
      sql<string>`coalesce(sum(p.amount_cents) filter (where ${dueInRange}), 0)`.as('planned'),
      sql<string>`coalesce(sum(p.paid_cents) filter (where ${dueInRange}), 0)`.as('paidAgainstPlanned'),
      sql<string>`coalesce(sum(p.paid_cents) filter (where ${paidInRange}), 0)`.as('collected'),
      sql<string>`count(*) filter (where ${dueInRange})`.as('instalmentsDue'),
    ])
    .where('p.tenant_id', '=', ctx.tenantId)
    .where('c.status', '!=', 'draft')
    .where((eb) => eb.or([eb.between('p.due_on', from, to), eb.between('p.paid_on', from, to)]))
    .groupBy('c.owner_id');
  if (owners) q = owners.length ? q.where('c.owner_id', 'in', owners) : q.where(sql<SqlBool>`false`);
  const rows = (await q.execute()).map((r) => ({ ownerId: r.ownerId, planned: BigInt(r.planned), paidAgainstPlanned: BigInt(r.paidAgainstPlanned), collected: BigInt(r.collected), instalmentsDue: BigInt(r.instalmentsDue) }));
  const groups = await rollUpByOwner(trx, ctx.tenantId, rows, groupBy, fields);
  const present = (g: Omit<(typeof groups)[number], 'id' | 'name'>) => ({
    planned: fromCents(g.planned),
    collected: fromCents(g.collected),
    paidAgainstPlanned: fromCents(g.paidAgainstPlanned),
    outstandingOfPlanned: fromCents(g.planned - g.paidAgainstPlanned),
    instalmentsDue: Number(g.instalmentsDue),
    /** paidAgainstPlanned / planned; null when nothing was planned */
    completionRate: share(g.paidAgainstPlanned, g.planned),
  });
  const total = Object.fromEntries(fields.map((f) => [f, groups.reduce((s, g) => s + g[f], 0n)])) as Record<(typeof fields)[number], bigint>;
  return { from, to, groupBy, items: groups.map((g) => ({ id: g.id, name: g.name, ...present(g) })), total: present(total) };
}
