// Removes a proof from a deal's evidence (whoever added it, or a leader); the evidence stage is
// re-evaluated from what is left.
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { notFound } from '../../platform/http/errors.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { assertMayChange } from '../activities/attached-records.ts';
import { opportunitiesService } from '../pipeline/opportunities-resource.ts';
import { readDealEvidence } from './evidence-state.ts';

export async function removeProof(trx: Tx, ctx: RequestContext, opportunityId: string, proofId: string, now = new Date()) {
  authorize(ctx, 'deal_evidence', 'delete');
  await opportunitiesService.fetch(trx, ctx, opportunityId, true);
  const row = await trx.selectFrom('deal_evidence').selectAll().where('tenant_id', '=', ctx.tenantId).where('opportunity_id', '=', opportunityId).where('id', '=', proofId).executeTakeFirst();
  if (!row) throw notFound('Proof');
  assertMayChange(ctx, row.added_by, 'proof');
  await trx.deleteFrom('deal_evidence').where('tenant_id', '=', ctx.tenantId).where('id', '=', proofId).execute();
  await recordEvent(trx, ctx, {
    type: 'deal_evidence.removed',
    entity: 'deal_evidence',
    entityId: proofId,
    before: { opportunityId, stage: row.stage, attachmentId: row.attachment_id, activityId: row.activity_id, documentDate: row.document_date, signerContactId: row.signer_contact_id, note: row.note },
    payload: { opportunityId, stage: row.stage },
  });
  return readDealEvidence(trx, ctx, opportunityId, now);
}
