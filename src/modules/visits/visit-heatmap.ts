// Visit density by area (lat/lng rounded to a grid) and by rep over a period, aggregated in SQL.
import { sql } from 'kysely';
import { z } from 'zod';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { id, isoDate } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { tenantDays } from './tenant-days.ts';

export const heatmapQuery = z
  .object({
    from: isoDate().optional(),
    to: isoDate().optional(),
    ownerId: id().optional(),
    /** decimals of the grid: 0 ≈ 111 km cells, 1 ≈ 11 km, 2 ≈ 1.1 km, 3 ≈ 110 m */
    precision: z.coerce.number().int().min(0).max(4).default(2),
  })
  .strict();

/** The densest cells returned; `truncated` says when there were more. */
const MAX_CELLS = 5000;

export async function visitHeatmap(trx: Tx, ctx: RequestContext, query: z.output<typeof heatmapQuery>) {
  authorize(ctx, 'visits', 'read');
  const period = await tenantDays(trx, ctx.tenantId, query);
  const owners = await visibleOwnerIds(trx, ctx);
  const base = { from: period.from, to: period.to, precision: query.precision, cellDegrees: 10 ** -query.precision };
  if (owners?.length === 0 || (owners && query.ownerId && !owners.includes(query.ownerId))) return { ...base, cells: [], byRep: [], truncated: false };
  const scope = owners ? sql`and owner_id = any(${owners}::uuid[])` : sql``;
  const only = query.ownerId ? sql`and owner_id = ${query.ownerId}` : sql``;
  const gridded = sql`
    select owner_id, round(in_lat::numeric, ${query.precision}) as cell_lat, round(in_lng::numeric, ${query.precision}) as cell_lng
    from visits where tenant_id = ${ctx.tenantId} and in_at >= ${period.start} and in_at < ${period.end} ${scope} ${only}`;
  const cells = await sql<{ lat: string; lng: string; visits: number; reps: number }>`
    with v as (${gridded})
    select cell_lat::text as lat, cell_lng::text as lng, count(*)::int as visits, count(distinct owner_id)::int as reps
    from v group by cell_lat, cell_lng order by visits desc, lat, lng limit ${MAX_CELLS + 1}`.execute(trx);
  const byRep = await sql<{ owner_id: string; name: string; visits: number; cells: number }>`
    with v as (${gridded})
    select v.owner_id, u.name, count(*)::int as visits, count(distinct (v.cell_lat, v.cell_lng))::int as cells
    from v join users u on u.id = v.owner_id and u.tenant_id = ${ctx.tenantId}
    group by v.owner_id, u.name order by visits desc, u.name`.execute(trx);
  return {
    ...base,
    cells: cells.rows.slice(0, MAX_CELLS).map((c) => ({ lat: Number(c.lat), lng: Number(c.lng), visits: c.visits, reps: c.reps })),
    byRep: byRep.rows.map((r) => ({ ownerId: r.owner_id, name: r.name, visits: r.visits, cells: r.cells })),
    truncated: cells.rows.length > MAX_CELLS,
  };
}
