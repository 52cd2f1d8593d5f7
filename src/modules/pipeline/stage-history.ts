// A deal's stage history, newest first: every opportunity.stage_changed event (from, to, when,
// who, why), read from the outbox the moves wrote, for someone who may see the deal itself.
import { sql } from 'kysely';
import { authorize } from '../../platform/auth/policies.ts';
import { decodeCursor, pageFrom, type Page } from '../../platform/http/list-params.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { opportunitiesService } from './opportunities-resource.ts';

const SORT = '-at';

export interface StageChange {
  id: string;
  from: string | null;
  to: string | null;
  at: string;
  actor: { id: string; name: string | null } | null;
  reason: string | null;
}

interface ChangePayload {
  from?: string;
  to?: string;
  reason?: string | null;
}

export async function stageHistory(trx: Tx, ctx: RequestContext, dealId: string, query: { limit: number; cursor?: string }): Promise<Page<StageChange>> {
  authorize(ctx, 'opportunities', 'read');
  await opportunitiesService.fetch(trx, ctx, dealId);
  const after = decodeCursor(query.cursor, SORT);
  let q = trx
    .selectFrom('events as e')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'e.actor_id').on('u.tenant_id', '=', ctx.tenantId))
    .select(['e.id', 'e.actor_id', 'e.payload', 'e.created_at', 'u.name as actor_name'])
    .where('e.tenant_id', '=', ctx.tenantId)
    .where('e.entity', '=', 'opportunities')
    .where('e.entity_id', '=', dealId)
    .where('e.type', '=', 'opportunity.stage_changed');
  if (after) q = q.where(sql<boolean>`(e.created_at, e.id) < (${String(after.v)}::timestamptz, ${after.id}::uuid)`);
  const rows = await q.orderBy('e.created_at', 'desc').orderBy('e.id', 'desc').limit(query.limit + 1).execute();
  return pageFrom(
    rows,
    query.limit,
    (r): StageChange => {
      const p = r.payload as ChangePayload;
      return {
        id: r.id,
        from: p.from ?? null,
        to: p.to ?? null,
        at: r.created_at.toISOString(),
        actor: r.actor_id ? { id: r.actor_id, name: r.actor_name } : null,
        reason: p.reason ?? null,
      };
    },
    (last) => ({ v: last.created_at.toISOString(), id: last.id, s: SORT }),
  );
}
