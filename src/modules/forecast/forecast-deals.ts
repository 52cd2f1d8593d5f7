// The drill-down: the deals behind a node's numbers in a period, ordered by how much they move
// the neutral forecast (their expected contribution), each with its category, stage and rate.
import { z } from 'zod';
import { listQueryBase, pageFrom, decodeCursor } from '../../platform/http/list-params.ts';
import { notFound } from '../../platform/http/errors.ts';
import { fromCents } from '../../platform/money.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { canSee } from './forecast-scope.ts';
import { loadForecastView, ownersOf } from './forecast-view.ts';
import { dealStateAt } from './deal-history.ts';
import { periodKeySchema } from './periods.ts';

export const forecastDealsQuery = z
  .object({
    period: periodKeySchema,
    node: z.string().regex(/^(company|(team|user):[0-9a-f-]{36})$/, 'company, team:ID or user:ID').default('company'),
    category: z.enum(['pipeline', 'best_case', 'commit', 'closed', 'omitted']).optional(),
    limit: listQueryBase.limit,
    cursor: listQueryBase.cursor,
  })
  .strict();

export async function forecastDeals(trx: Tx, ctx: RequestContext, q: z.output<typeof forecastDealsQuery>) {
  const view = await loadForecastView(trx, ctx, q.period);
  const [kind, id] = q.node === 'company' ? (['company', null] as const) : (q.node.split(':') as ['team' | 'user', string]);
  const node = kind === 'company' ? view.rollup.company : kind === 'team' ? view.rollup.teams.get(id) : view.rollup.users.get(id);
  if (!node || !canSee(view.scope, kind, id)) throw notFound('That forecast level');
  const owners = ownersOf(view.rollup, node);
  const drivers = new Map(view.neutral.drivers.map((d) => [d.id, d]));
  const names = new Map([...view.rollup.users.values()].map((u) => [u.id, u.name]));
  const rows = [];
  for (const d of view.deals) {
    if (kind !== 'company' && (!d.ownerId || !owners.has(d.ownerId))) continue;
    const wonInPeriod = d.stage === 'won' && d.closedAt !== null && d.closedAt >= view.from && d.closedAt <= view.asOf;
    const s = dealStateAt(d, view.asOf);
    const category = wonInPeriod ? 'closed' : s?.open && s.expectedCloseDate && s.expectedCloseDate >= view.period.start && s.expectedCloseDate <= view.period.end ? d.forecastCategory : null;
    if (!category || (q.category && category !== q.category)) continue;
    const driver = drivers.get(d.id);
    const contribution = wonInPeriod ? d.amountCents : (driver?.contributionCents ?? 0n);
    rows.push({ d, category, driver, contribution });
  }
  rows.sort((a, b) => (b.contribution > a.contribution ? 1 : b.contribution < a.contribution ? -1 : a.d.id.localeCompare(b.d.id)));
  const cursor = decodeCursor(q.cursor, 'contribution');
  const start = cursor ? rows.findIndex((r) => r.d.id === cursor.id) + 1 : 0;
  return pageFrom(
    rows.slice(start, start + q.limit + 1),
    q.limit,
    (r) => ({
      id: r.d.id,
      name: r.d.name,
      owner: r.d.ownerId ? { id: r.d.ownerId, name: names.get(r.d.ownerId) ?? null } : null,
      stage: r.d.stage,
      forecastCategory: r.category,
      amount: fromCents(r.d.amountCents) as string,
      expectedCloseDate: r.d.expectedCloseDate,
      closedAt: r.d.closedAt?.toISOString() ?? null,
      neutralContribution: fromCents(r.contribution) as string,
      rate: r.category === 'closed' ? 1 : (r.driver?.rate ?? null),
      basis: r.category === 'closed' ? 'won' : (r.driver?.basis ?? null),
      samples: r.driver?.samples ?? null,
    }),
    (last) => ({ v: last.contribution.toString(), id: last.d.id, s: 'contribution' }),
  );
}
