// A deal's stage history, newest first: every stage move (from, to, when, who, why), read from
// the audit log — where moves, imports and the demo's past all leave it — with the reason from
// the move's event when there is one, for someone who may see the deal itself.
import { sql } from 'kysely';
import { authorize } from '../../platform/auth/policies.ts';
import { decodeCursor, fetchLimit, type Page, pageFrom } from '../../platform/http/list-params.ts';
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
    .selectFrom('audit_log as l')
    .leftJoin('events as e', (j) => j.onRef('e.id', '=', 'l.event_id').on('e.tenant_id', '=', ctx.tenantId))
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'l.actor_id').on('u.tenant_id', '=', ctx.tenantId))
    .select(['l.event_id as id', 'l.actor_id', 'l.before', 'l.after', 'l.at', 'e.payload', 'u.name as actor_name'])
    .where('l.tenant_id', '=', ctx.tenantId)
    .where('l.entity', '=', 'opportunities')
    .where('l.entity_id', '=', dealId)
    .where('l.action', '=', 'opportunity.stage_changed');
  if (after) q = q.where(sql<boolean>`(l.at, l.event_id) < (${String(after.v)}::timestamptz, ${after.id}::uuid)`);
  const rows = await q.orderBy('l.at', 'desc').orderBy('l.event_id', 'desc').limit(fetchLimit(query.limit)).execute();
  return pageFrom(
    rows,
    query.limit,
    (r): StageChange => {
      const p = (r.payload ?? {}) as ChangePayload;
      const stageOf = (image: unknown) => ((image ?? {}) as { stage?: string }).stage ?? null;
      return {
        id: r.id,
        from: stageOf(r.before) ?? p.from ?? null,
        to: stageOf(r.after) ?? p.to ?? null,
        at: new Date(r.at).toISOString(),
        actor: r.actor_id ? { id: r.actor_id, name: r.actor_name } : null,
        reason: p.reason ?? null,
      };
    },
    (last) => ({ v: new Date(last.at).toISOString(), id: last.id, s: SORT }),
  );
}
