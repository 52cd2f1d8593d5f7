// Root-cause tags: the three built in, plus the tenant's own (admins add and retire them); and
// the rep's confirmation (or change) of a deviation's tags, audited.
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { AppError, forbidden, notFound } from '../../platform/http/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { builtinTags } from './root-causes.ts';

export const tagBody = z.object({ label: z.string().trim().min(1).max(40) }).strict();
export const tagPatch = z.object({ active: z.boolean() }).strict();
export const confirmBody = z.object({ tags: z.array(z.string().min(1).max(60)).min(1).max(6) }).strict();

export async function listTags(trx: Tx, ctx: RequestContext) {
  authorize(ctx, 'forecast', 'read');
  const own = await trx.selectFrom('forecast_root_cause_tags').select(['id', 'label', 'active']).where('tenant_id', '=', ctx.tenantId).orderBy('label').execute();
  return { items: [...builtinTags.map((t) => ({ key: t.key, label: t.label, labelEn: t.labelEn, builtin: true, active: true })), ...own.map((t) => ({ key: `custom:${t.id}`, label: t.label, labelEn: t.label, builtin: false, active: t.active }))] };
}

export async function addTag(trx: Tx, ctx: RequestContext, body: z.output<typeof tagBody>) {
  authorize(ctx, 'forecast_root_cause_tags', 'create');
  if (builtinTags.some((t) => t.label === body.label)) throw new AppError('conflict', `"${body.label}" is already a built-in tag.`);
  const id = newId();
  await trx.insertInto('forecast_root_cause_tags').values({ id, tenant_id: ctx.tenantId, label: body.label, created_by: ctx.actor.userId, updated_at: new Date() }).execute();
  await recordEvent(trx, ctx, { type: 'forecast.root_cause_tag_added', entity: 'forecast_root_cause_tags', entityId: id, after: { label: body.label } });
  return { key: `custom:${id}`, label: body.label, labelEn: body.label, builtin: false, active: true };
}

export async function setTagActive(trx: Tx, ctx: RequestContext, id: string, body: z.output<typeof tagPatch>) {
  authorize(ctx, 'forecast_root_cause_tags', 'update');
  const before = await trx.selectFrom('forecast_root_cause_tags').selectAll().where('tenant_id', '=', ctx.tenantId).where('id', '=', id).executeTakeFirst();
  if (!before) throw notFound('That tag');
  await trx.updateTable('forecast_root_cause_tags').set({ active: body.active, updated_at: new Date() }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
  await recordEvent(trx, ctx, { type: 'forecast.root_cause_tag_updated', entity: 'forecast_root_cause_tags', entityId: id, before: { active: before.active }, after: { active: body.active } });
  return { key: `custom:${id}`, label: before.label, labelEn: before.label, builtin: false, active: body.active };
}

/** The deal's owner confirms the proposed tags or picks others; only known, active tags. */
export async function confirmDeviation(trx: Tx, ctx: RequestContext, id: string, body: z.output<typeof confirmBody>) {
  authorize(ctx, 'forecast', 'read');
  const row = await trx
    .selectFrom('forecast_deviations as d')
    .innerJoin('opportunities as o', (j) => j.onRef('o.id', '=', 'd.opportunity_id').onRef('o.tenant_id', '=', 'd.tenant_id'))
    .select(['d.id', 'd.confirmed_tags', 'd.proposed', 'o.owner_id'])
    .where('d.tenant_id', '=', ctx.tenantId)
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('That deviation');
  if (row.owner_id !== ctx.actor.userId) throw forbidden('Only the rep who owns this deal confirms its root causes.');
  const known = new Set((await listTags(trx, ctx)).items.filter((t) => t.active).map((t) => t.key));
  const unknown = body.tags.filter((t) => !known.has(t));
  if (unknown.length) throw new AppError('validation_failed', `Unknown or retired tags: ${unknown.join(', ')}. Pick from GET /api/forecast/root-cause-tags.`, { issues: unknown.map((t) => ({ path: 'tags', message: `unknown tag ${t}` })) });
  const tags = [...new Set(body.tags)];
  const now = new Date();
  await trx.updateTable('forecast_deviations').set({ confirmed_tags: tags, confirmed_by: ctx.actor.userId, confirmed_at: now, updated_at: now }).where('tenant_id', '=', ctx.tenantId).where('id', '=', id).execute();
  const proposed = (row.proposed as { tag: string }[]).map((p) => p.tag);
  await recordEvent(trx, ctx, { type: 'forecast.deviation_confirmed', entity: 'forecast_deviations', entityId: id, before: { confirmedTags: row.confirmed_tags, proposed }, after: { confirmedTags: tags }, payload: { adopted: tags.every((t) => proposed.includes(t)) && proposed.every((t) => tags.includes(t)) } });
  return { id, confirmedTags: tags, confirmedBy: ctx.actor.userId, confirmedAt: now.toISOString() };
}
