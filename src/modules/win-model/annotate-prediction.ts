// 模型干预权: a rep adds business context to a deal's prediction (a category, whether they think
// it is too high or too low, free text). Audited, shown with the prediction, and read by the
// next training as the annotation_category / annotation_direction features of the deal.
import { AppError } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { visibleDeal, latestScore } from './deal-probability.ts';
import { presentAnnotation } from './present.ts';

export const annotationCategories = ['budget_confirmed', 'key_person_changed', 'competitor_involved', 'customer_process_delay', 'other'] as const;
export const annotationDirections = ['too_high', 'too_low', 'about_right'] as const;

export interface AnnotationInput {
  category: (typeof annotationCategories)[number];
  direction: (typeof annotationDirections)[number];
  note?: string | null;
}

export async function annotatePrediction(trx: Tx, ctx: RequestContext, dealId: string, input: AnnotationInput) {
  authorize(ctx, 'win_annotations', 'create');
  const deal = await visibleDeal(trx, ctx, dealId);
  if (deal.stage === 'won' || deal.stage === 'lost') throw new AppError('unprocessable', 'This deal is closed; annotate the predictions of open deals only.');
  const note = input.note?.trim() || null;
  if (input.category === 'other' && !note) throw new AppError('validation_failed', 'With the category "other", say in the note what the model is missing.', { field: 'note' });
  const score = await latestScore(trx, ctx.tenantId, dealId);
  const id = newId();
  const row = await trx
    .insertInto('win_annotations')
    .values({ id, tenant_id: ctx.tenantId, opportunity_id: dealId, score_id: score?.id ?? null, author_id: ctx.actor.userId, category: input.category, direction: input.direction, note })
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = presentAnnotation(row);
  await recordEvent(trx, ctx, { type: 'win_annotation.created', entity: 'win_annotations', entityId: id, after: { ...after, probability: score?.probability ?? null } });
  return after;
}
