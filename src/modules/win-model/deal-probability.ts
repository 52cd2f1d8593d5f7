// A deal's win probability as the people who may see the deal see it: the latest score with
// its reasons, confidence and model version, its score history, and the reps' annotations.
import { sql } from 'kysely';
import { authorize } from '../../platform/auth/policies.ts';
import { decodeCursor, pageFrom, type Page } from '../../platform/http/list-params.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { opportunitiesService } from '../pipeline/opportunities-resource.ts';
import { modelById } from './model-store.ts';
import { presentAnnotation, presentScore, type ScoreRow } from './present.ts';

/** 404 unless the actor may see the deal (its owner scope); returns its stage */
export async function visibleDeal(trx: Tx, ctx: RequestContext, id: string): Promise<{ stage: string }> {
  authorize(ctx, 'win_scores', 'read');
  const row = await opportunitiesService.fetch(trx, ctx, id);
  return { stage: row.stage as string };
}

const scoreColumns = ['id', 'opportunity_id', 'model_id', 'scored_at', 'probability', 'raw', 'bias', 'confidence', 'reasons', 'features'] as const;

export async function latestScore(trx: Tx, tenantId: string, dealId: string): Promise<ScoreRow | null> {
  return (await trx.selectFrom('win_scores').select(scoreColumns).where('tenant_id', '=', tenantId).where('opportunity_id', '=', dealId).orderBy('scored_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst()) ?? null;
}

export async function annotationsOf(trx: Tx, tenantId: string, dealId: string, limit = 20) {
  const rows = await trx
    .selectFrom('win_annotations as a')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'a.author_id').onRef('u.tenant_id', '=', 'a.tenant_id'))
    .select(['a.id', 'a.opportunity_id', 'a.score_id', 'a.author_id', 'u.name as author_name', 'a.category', 'a.direction', 'a.note', 'a.created_at'])
    .where('a.tenant_id', '=', tenantId)
    .where('a.opportunity_id', '=', dealId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map(presentAnnotation);
}

/** The current probability; null when the deal has never been scored (closed deals are not scored). */
export async function currentProbability(trx: Tx, ctx: RequestContext, dealId: string) {
  const deal = await visibleDeal(trx, ctx, dealId);
  const row = await latestScore(trx, ctx.tenantId, dealId);
  const model = row ? await modelById(trx, ctx.tenantId, row.model_id) : null;
  return {
    opportunityId: dealId,
    stage: deal.stage,
    score: row ? presentScore(row, model) : null,
    /** whether the model version that made the score is still the active one */
    modelActive: model?.active ?? null,
    annotations: await annotationsOf(trx, ctx.tenantId, dealId),
    /** the tenant's first model being trained, while the score comes from the prior */
    training: null as { runId: string; status: string } | null,
  };
}

export async function scoreHistory(trx: Tx, ctx: RequestContext, dealId: string, query: { limit: number; cursor?: string }): Promise<Page<{ id: string; scoredAt: unknown; probability: number; modelVersion: number }>> {
  await visibleDeal(trx, ctx, dealId);
  const sortKey = '-scoredAt';
  const after = decodeCursor(query.cursor, sortKey);
  let q = trx
    .selectFrom('win_scores as s')
    .innerJoin('win_models as m', (j) => j.onRef('m.id', '=', 's.model_id').onRef('m.tenant_id', '=', 's.tenant_id'))
    .select(['s.id', 's.scored_at', 's.probability', 'm.version'])
    .where('s.tenant_id', '=', ctx.tenantId)
    .where('s.opportunity_id', '=', dealId);
  if (after) q = q.where(sql<boolean>`(s.scored_at, s.id) < (${String(after.v)}::timestamptz, ${after.id}::uuid)`);
  const rows = await q.orderBy('s.scored_at', 'desc').orderBy('s.id', 'desc').limit(query.limit + 1).execute();
  return pageFrom(
    rows,
    query.limit,
    (r) => ({ id: r.id, scoredAt: r.scored_at.toISOString(), probability: Math.round(r.probability * 10_000) / 10_000, modelVersion: r.version }),
    (last) => ({ v: last.scored_at.toISOString(), id: last.id, s: sortKey }),
  );
}
