// The AI suggestion ledger: every AI output is recorded with its inputs and the provider that
// actually answered, and later marked adopted, edited or rejected by a person; the AI
// collaboration metrics are computed from it, and suggest() is the one way features ask the model.
import { sql } from 'kysely';
import type { AppDeps } from '../http/deps.ts';
import { AppError, notFound } from '../http/errors.ts';
import { decodeCursor, fetchLimit, type Page, pageFrom } from '../http/list-params.ts';
import { authorize, visibleOwnerIds } from '../auth/policies.ts';
import { recordEvent } from '../events/outbox.ts';
import { newId } from '../ids.ts';
import type { RequestContext, Tx } from '../tenancy/context.ts';
import type { CompletionRequest } from './provider.ts';

export const decisions = ['adopted', 'edited', 'rejected'] as const;
export type Decision = (typeof decisions)[number];

export interface Suggestion {
  id: string;
  feature: string;
  provider: string;
  model: string | null;
  inputs: unknown;
  output: unknown;
  status: 'pending' | Decision;
  finalOutput: unknown;
  userId: string | null;
  decidedBy: string | null;
  createdAt: string;
  decidedAt: string | null;
}

type Row = { id: string; feature: string; provider: string; model: string | null; inputs: unknown; output: unknown; status: string; final_output: unknown; user_id: string | null; decided_by: string | null; created_at: Date; decided_at: Date | null };

const present = (r: Row): Suggestion => ({
  id: r.id,
  feature: r.feature,
  provider: r.provider,
  model: r.model,
  inputs: r.inputs,
  output: r.output,
  status: r.status as Suggestion['status'],
  finalOutput: r.final_output,
  userId: r.user_id,
  decidedBy: r.decided_by,
  createdAt: r.created_at.toISOString(),
  decidedAt: r.decided_at?.toISOString() ?? null,
});

/** Suggestions the actor may see: their own, their team's for a manager, all for leaders. */
async function scoped(trx: Tx, ctx: RequestContext) {
  const owners = await visibleOwnerIds(trx, ctx);
  const q = trx.selectFrom('ai_suggestions').where('tenant_id', '=', ctx.tenantId);
  if (!owners) return q;
  return owners.length ? q.where('user_id', 'in', owners) : q.where(sql<boolean>`false`);
}

export async function recordSuggestion(trx: Tx, ctx: RequestContext, s: { feature: string; provider: string; model: string | null; inputs: unknown; output: unknown }): Promise<Suggestion> {
  authorize(ctx, 'ai_suggestions', 'create');
  const row = await trx
    .insertInto('ai_suggestions')
    .values({ id: newId(), tenant_id: ctx.tenantId, feature: s.feature, provider: s.provider, model: s.model, inputs: JSON.stringify(s.inputs), output: JSON.stringify(s.output), user_id: ctx.actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow();
  const suggestion = present(row);
  await recordEvent(trx, ctx, { type: 'ai_suggestion.created', entity: 'ai_suggestions', entityId: row.id, after: { feature: s.feature, provider: s.provider, model: s.model } });
  return suggestion;
}

export async function decideSuggestion(trx: Tx, ctx: RequestContext, id: string, decision: Decision, finalOutput?: unknown): Promise<Suggestion> {
  authorize(ctx, 'ai_suggestions', 'update');
  const existing = await (await scoped(trx, ctx)).selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  if (!existing) throw notFound('The AI suggestion');
  if (existing.status !== 'pending') throw new AppError('conflict', `This suggestion was already ${existing.status}; a decision cannot be changed.`);
  if (decision === 'edited' && finalOutput === undefined) throw new AppError('validation_failed', 'An edited suggestion needs finalOutput: the text as the user changed it.', { field: 'finalOutput' });
  const final = decision === 'adopted' ? existing.output : decision === 'edited' ? finalOutput : null;
  const row = await trx
    .updateTable('ai_suggestions')
    .set({ status: decision, final_output: final === null ? null : JSON.stringify(final), decided_by: ctx.actor.userId, decided_at: new Date() })
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, ctx, { type: 'ai_suggestion.decided', entity: 'ai_suggestions', entityId: id, before: { status: 'pending' }, after: { status: decision, finalOutput: final } });
  return present(row);
}

export async function listSuggestions(trx: Tx, ctx: RequestContext, query: { feature?: string; status?: string; limit: number; cursor?: string }): Promise<Page<Suggestion>> {
  authorize(ctx, 'ai_suggestions', 'read');
  const after = decodeCursor(query.cursor, '-createdAt');
  let q = (await scoped(trx, ctx)).selectAll();
  if (query.feature) q = q.where('feature', '=', query.feature);
  if (query.status) q = q.where('status', '=', query.status);
  if (after) q = q.where('id', '<', after.id);
  const rows = await q.orderBy('id', 'desc').limit(fetchLimit(query.limit)).execute();
  return pageFrom(rows, query.limit, present, (last) => ({ v: null, id: last.id, s: '-createdAt' }));
}

export interface FeatureMetrics {
  feature: string;
  total: number;
  pending: number;
  adopted: number;
  edited: number;
  rejected: number;
  /** shares of decided suggestions; null while nothing is decided (missing is not zero) */
  adoptionRate: number | null;
  editRate: number | null;
  rejectionRate: number | null;
}

export async function suggestionMetrics(trx: Tx, ctx: RequestContext, feature?: string): Promise<FeatureMetrics[]> {
  authorize(ctx, 'ai_suggestions', 'read');
  let q = (await scoped(trx, ctx)).select(['feature', 'status', sql<number>`count(*)::int`.as('n')]).groupBy(['feature', 'status']);
  if (feature) q = q.where('feature', '=', feature);
  const byFeature = new Map<string, FeatureMetrics>();
  for (const r of await q.execute()) {
    const m = byFeature.get(r.feature) ?? { feature: r.feature, total: 0, pending: 0, adopted: 0, edited: 0, rejected: 0, adoptionRate: null, editRate: null, rejectionRate: null };
    m[r.status as 'pending' | Decision] += r.n;
    m.total += r.n;
    byFeature.set(r.feature, m);
  }
  const rate = (n: number, decided: number) => (decided ? Math.round((n / decided) * 10_000) / 10_000 : null);
  return [...byFeature.values()]
    .sort((a, b) => a.feature.localeCompare(b.feature))
    .map((m) => {
      const decided = m.adopted + m.edited + m.rejected;
      return { ...m, adoptionRate: rate(m.adopted, decided), editRate: rate(m.edited, decided), rejectionRate: rate(m.rejected, decided) };
    });
}

/** Asks the configured model (or the offline fallback) and ledgers the answer under the provider that gave it. */
export async function suggest(deps: Pick<AppDeps, 'llm'>, trx: Tx, ctx: RequestContext, feature: string, request: CompletionRequest): Promise<{ suggestion: Suggestion; text: string; offline: boolean }> {
  const completion = await deps.llm.complete(request);
  const suggestion = await recordSuggestion(trx, ctx, {
    feature,
    provider: completion.offline ? 'offline' : 'openai-compatible',
    model: completion.offline ? null : completion.provider,
    inputs: { messages: request.messages },
    output: { text: completion.text },
  });
  return { suggestion, text: completion.text, offline: completion.offline };
}
