// The pipeline board in one call: for every stage, the deal count and amount sum (one SQL
// aggregation over the filtered, scoped deals) and the first page of its column, with a cursor
// the column continues with on GET /api/opportunities?stage=…&sort=<the board's sort>.
import { sql } from 'kysely';
import { z } from 'zod';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { hiddenFields } from '../../platform/auth/field-hiding.ts';
import { fromCents } from '../../platform/money.ts';
import { id, isoDate } from '../../platform/http/schemas.ts';
import { opportunitiesService } from './opportunities-resource.ts';
import { stageKeys, type StageKey } from './stages.ts';

/** the board's column order (soonest close first); a continuing page must use the same sort for its cursor to fit */
export const BOARD_SORT = 'expectedCloseDate';
/** for roles that may not see close dates: newest first */
const FALLBACK_SORT = '-createdAt';

export const boardQuery = z
  .object({
    ownerId: id().optional(),
    teamId: id().optional(),
    region: z.string().trim().min(1).max(60).optional(),
    closeFrom: isoDate().optional(),
    closeTo: isoDate().optional(),
    perStage: z.coerce.number().int().min(1).max(200).default(30),
  })
  .strict();
export type BoardQuery = z.infer<typeof boardQuery>;

export interface BoardColumn {
  stage: StageKey;
  count: number;
  /** decimal string; null when the amount is hidden from the role */
  amount: string | null;
  items: Record<string, unknown>[];
  nextCursor: string | null;
}

export async function pipelineBoard(trx: Tx, ctx: RequestContext, query: BoardQuery): Promise<{ stages: BoardColumn[]; sort: string }> {
  const { perStage, ...filters } = query;
  const hidden = await hiddenFields(trx, ctx, 'opportunities');
  const amountHidden = hidden.has('amount');
  const sort = hidden.has('expectedCloseDate') ? FALLBACK_SORT : BOARD_SORT;
  const totals = await (await opportunitiesService.filtered(trx, ctx, filters))
    .select([sql<string>`stage`.as('stage'), sql<string>`count(*)`.as('count'), sql<string>`coalesce(sum(amount_cents), 0)`.as('sum')])
    .groupBy('stage')
    .execute();
  const byStage = new Map(totals.map((r) => [r.stage, r]));
  const stages: BoardColumn[] = [];
  for (const stage of stageKeys) {
    const total = byStage.get(stage);
    const page = total ? await opportunitiesService.list(trx, ctx, { ...filters, stage, sort, limit: perStage }) : { items: [], nextCursor: null };
    stages.push({
      stage,
      count: Number(total?.count ?? 0),
      amount: amountHidden ? null : fromCents(String(total?.sum ?? 0)),
      items: page.items,
      nextCursor: page.nextCursor,
    });
  }
  return { stages, sort };
}
