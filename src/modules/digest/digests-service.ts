// Reading and correcting digests: a person sees the digests in their data scope; only the
// digest's own seller corrects or accepts it, and that decision goes to the suggestion ledger.
import { sql } from 'kysely';
import { AppError, notFound } from '../../platform/http/errors.ts';
import { decodeCursor, fetchLimit, type Page, pageFrom } from '../../platform/http/list-params.ts';
import { authorize, visibleOwnerIds } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { decideSuggestion } from '../../platform/llm/ledger.ts';
import { iso } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

async function scopedDigests(trx: Tx, ctx: RequestContext) {
  authorize(ctx, 'ai_suggestions', 'read');
  const owners = await visibleOwnerIds(trx, ctx);
  let q = trx
    .selectFrom('daily_digests as d')
    .innerJoin('ai_suggestions as s', (j) => j.onRef('s.id', '=', 'd.suggestion_id').onRef('s.tenant_id', '=', 'd.tenant_id'))
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'd.user_id').onRef('u.tenant_id', '=', 'd.tenant_id'))
    .select(['d.id', 'd.user_id', 'u.name as user_name', 'd.local_date', 'd.text', 'd.sources', 'd.suggestion_id', 'd.created_at', 'd.updated_at', 's.status', 's.provider', 's.model', 's.output'])
    .where('d.tenant_id', '=', ctx.tenantId);
  if (owners) q = owners.length ? q.where('d.user_id', 'in', owners) : q.where(sql<boolean>`false`);
  return q;
}

type DigestRow = Awaited<ReturnType<Awaited<ReturnType<typeof scopedDigests>>['executeTakeFirstOrThrow']>>;

const present = (r: DigestRow) => ({
  id: r.id,
  userId: r.user_id,
  userName: r.user_name,
  date: r.local_date,
  text: r.text,
  /** what the model (or the offline summariser) wrote, before any correction */
  originalText: (r.output as { text?: string }).text ?? null,
  status: r.status,
  provider: r.provider,
  model: r.model,
  offline: r.provider === 'offline',
  sources: r.sources,
  suggestionId: r.suggestion_id,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});
export type Digest = ReturnType<typeof present>;

export async function listDigests(trx: Tx, ctx: RequestContext, query: { date: string; userId?: string; limit: number; cursor?: string }): Promise<Page<Digest>> {
  const after = decodeCursor(query.cursor, 'id');
  let q = (await scopedDigests(trx, ctx)).where('d.local_date', '=', query.date);
  if (query.userId) q = q.where('d.user_id', '=', query.userId);
  if (after) q = q.where('d.id', '>', after.id);
  const rows = await q.orderBy('d.id').limit(fetchLimit(query.limit)).execute();
  return pageFrom(rows, query.limit, present, (last) => ({ v: null, id: last.id, s: 'id' }));
}

async function ownDigest(trx: Tx, ctx: RequestContext, id: string): Promise<DigestRow> {
  const row = await (await scopedDigests(trx, ctx)).where('d.id', '=', id).forUpdate(['d']).executeTakeFirst();
  if (!row) throw notFound('The digest');
  if (row.user_id !== ctx.actor.userId) throw new AppError('forbidden', 'Only the person a digest was written for can correct or accept it.');
  return row;
}

/** The seller's own wording replaces the digest; the ledger records it as edited (as adopted when the text is unchanged). */
export async function correctDigest(trx: Tx, ctx: RequestContext, id: string, text: string): Promise<Digest> {
  const row = await ownDigest(trx, ctx, id);
  const unchanged = text === present(row).originalText;
  await decideSuggestion(trx, ctx, row.suggestion_id, unchanged ? 'adopted' : 'edited', unchanged ? undefined : { text });
  await trx.updateTable('daily_digests').set({ text, updated_at: new Date() }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
  await recordEvent(trx, ctx, { type: unchanged ? 'digest.accepted' : 'digest.corrected', entity: 'daily_digests', entityId: id, before: { text: row.text }, after: { text } });
  return present(await (await scopedDigests(trx, ctx)).where('d.id', '=', id).executeTakeFirstOrThrow());
}

export async function acceptDigest(trx: Tx, ctx: RequestContext, id: string): Promise<Digest> {
  const row = await ownDigest(trx, ctx, id);
  await decideSuggestion(trx, ctx, row.suggestion_id, 'adopted');
  await recordEvent(trx, ctx, { type: 'digest.accepted', entity: 'daily_digests', entityId: id });
  return present(await (await scopedDigests(trx, ctx)).where('d.id', '=', id).executeTakeFirstOrThrow());
}
