// Process completeness per rep or team: of the open deals, how many pass each check, counted
// per owner in one SQL aggregation and rolled up to the team when asked.
import { sql } from 'kysely';
import { z } from 'zod';
import { groupBySchema, rollUpByOwner, share } from '../../platform/metrics/owner-rollup.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { checkDefinitions, checkSql } from './completeness-checks.ts';
import { openDealsInScope } from './open-deals.ts';

export const summaryQuery = z.object({ groupBy: groupBySchema.default('rep') }).strict();

const fields = ['openDeals', 'touch14', 'decisionMaker', 'competition'] as const;

export async function completenessSummary(trx: Tx, ctx: RequestContext, query: z.output<typeof summaryQuery>) {
  const count = (check: Parameters<typeof checkSql>[0]) => sql<string>`count(*) filter (where ${checkSql(check)})`;
  const rows = await (await openDealsInScope(trx, ctx))
    .select(['o.owner_id as ownerId', sql<string>`count(*)`.as('openDeals'), count('touch14').as('touch14'), count('decision_maker').as('decisionMaker'), count('competition').as('competition')])
    .groupBy('o.owner_id')
    .execute();
  const perOwner = rows.map((r) => ({ ownerId: r.ownerId, openDeals: BigInt(r.openDeals), touch14: BigInt(r.touch14), decisionMaker: BigInt(r.decisionMaker), competition: BigInt(r.competition) }));
  const groups = await rollUpByOwner(trx, ctx.tenantId, perOwner, query.groupBy, fields);
  const present = (g: Record<(typeof fields)[number], bigint>) => ({
    openDeals: Number(g.openDeals),
    touch14: { met: Number(g.touch14), share: share(g.touch14, g.openDeals) },
    decisionMaker: { met: Number(g.decisionMaker), share: share(g.decisionMaker, g.openDeals) },
    competition: { met: Number(g.competition), share: share(g.competition, g.openDeals) },
  });
  const total = Object.fromEntries(fields.map((f) => [f, groups.reduce((s, g) => s + g[f], 0n)])) as Record<(typeof fields)[number], bigint>;
  return { groupBy: query.groupBy, asOf: new Date().toISOString(), definitions: checkDefinitions, items: groups.map((g) => ({ id: g.id, name: g.name, ...present(g) })), total: present(total) };
}
