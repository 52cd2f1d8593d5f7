// Adds one proof to a deal's evidence stage: a document attached to the deal or an activity
// logged on it (with the signer for 法务闭环). A proof that would fail a check — dated in the
// future, out of stage order, signed by someone without signing authority — is refused with
// the reasons and nothing is written.
import { z } from 'zod';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { AppError } from '../../platform/http/errors.ts';
import { id, isoDate, optionalText } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { opportunitiesService } from '../pipeline/opportunities-resource.ts';
import { loadProofs, proofFacts } from './deal-facts.ts';
import { localDateAt, tenantClock } from '../../platform/tenancy/tenant-clock.ts';
import { checkProofs, type ProofFacts } from './evidence-rules.ts';
import { evidenceStageKeys } from './evidence-stages.ts';
import { readDealEvidence } from './evidence-state.ts';

export const addProofInput = z
  .object({
    stage: z.enum(evidenceStageKeys),
    attachmentId: id().optional(),
    activityId: id().optional(),
    /** the document's own date (e.g. the day the contract was signed); attachments only */
    documentDate: isoDate().optional(),
    /** 法务闭环 only: the contact who signed */
    signerContactId: id().optional(),
    note: optionalText(500),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.attachmentId === !v.activityId) ctx.addIssue({ code: 'custom', path: ['attachmentId'], message: 'give exactly one of attachmentId (a document on the deal) or activityId (an activity on the deal)' });
    if (v.attachmentId && !v.documentDate) ctx.addIssue({ code: 'custom', path: ['documentDate'], message: "a document proof needs the document's own date (YYYY-MM-DD)" });
    if (v.activityId && v.documentDate) ctx.addIssue({ code: 'custom', path: ['documentDate'], message: 'an activity proof is dated by when the activity happened; leave documentDate out' });
    if (v.stage === 'legal_closed' && !v.signerContactId) ctx.addIssue({ code: 'custom', path: ['signerContactId'], message: '法务闭环 needs the signer: the contact (a decision maker) who signed' });
    if (v.stage !== 'legal_closed' && v.signerContactId) ctx.addIssue({ code: 'custom', path: ['signerContactId'], message: 'only a 法务闭环 proof names a signer' });
  });
export type AddProofInput = z.output<typeof addProofInput>;

export async function addProof(trx: Tx, ctx: RequestContext, opportunityId: string, input: AddProofInput, now = new Date()) {
  authorize(ctx, 'deal_evidence', 'create');
  const deal = await opportunitiesService.fetch(trx, ctx, opportunityId, true);
  const clock = await tenantClock(trx, ctx.tenantId, now);
  const date = input.attachmentId ? await documentOnDeal(trx, ctx, opportunityId, input.attachmentId, input.documentDate as string) : await activityDate(trx, ctx, opportunityId, input.activityId as string, clock.timeZone);
  const signer = input.signerContactId ? await signerFacts(trx, ctx, input.signerContactId, deal.account_id as string) : null;

  const rows = await loadProofs(trx, ctx.tenantId, clock, [opportunityId]);
  const existing = rows.map(proofFacts);
  const duplicate = rows.find((p) => p.stage === input.stage && (input.attachmentId ? p.attachment?.id === input.attachmentId : p.activity?.id === input.activityId));
  if (duplicate) throw new AppError('conflict', 'This proof already supports that stage.', { proofId: duplicate.id });
  const proofId = newId();
  const candidate: ProofFacts = { id: proofId, stage: input.stage, date, signer };
  const before = new Set(checkProofs(existing, clock.today).map((f) => `${f.code}:${f.proofId}`));
  const introduced = checkProofs([...existing, candidate], clock.today).filter((f) => !before.has(`${f.code}:${f.proofId}`));
  if (introduced.length) {
    throw new AppError('unprocessable', `The proof was not added: ${introduced.map((f) => f.message).join(' ')}`, {
      reason: 'evidence_check_failed',
      checks: introduced.map((f) => ({ code: f.code, stage: f.stage, proofId: f.proofId === proofId ? null : f.proofId, message: f.message, params: f.params })),
    });
  }

  const row = await trx
    .insertInto('deal_evidence')
    .values({
      id: proofId,
      tenant_id: ctx.tenantId,
      opportunity_id: opportunityId,
      stage: input.stage,
      attachment_id: input.attachmentId ?? null,
      activity_id: input.activityId ?? null,
      document_date: input.attachmentId ? (input.documentDate ?? null) : null,
      signer_contact_id: input.signerContactId ?? null,
      note: input.note ?? null,
      added_by: ctx.actor.userId,
      created_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  await recordEvent(trx, ctx, {
    type: 'deal_evidence.added',
    entity: 'deal_evidence',
    entityId: proofId,
    after: { opportunityId, stage: row.stage, attachmentId: row.attachment_id, activityId: row.activity_id, documentDate: row.document_date, signerContactId: row.signer_contact_id, note: row.note },
    payload: { opportunityId, stage: row.stage, date },
  });
  return readDealEvidence(trx, ctx, opportunityId, now);
}

async function documentOnDeal(trx: Tx, ctx: RequestContext, opportunityId: string, attachmentId: string, documentDate: string): Promise<string> {
  const found = await trx.selectFrom('attachments').select('id').where('tenant_id', '=', ctx.tenantId).where('id', '=', attachmentId).where('entity', '=', 'opportunities').where('entity_id', '=', opportunityId).executeTakeFirst();
  if (!found) throw new AppError('unprocessable', `Attachment ${attachmentId} is not one of this deal's documents: upload it to the deal first.`, { field: 'attachmentId' });
  return documentDate;
}

async function activityDate(trx: Tx, ctx: RequestContext, opportunityId: string, activityId: string, timeZone: string): Promise<string> {
  const found = await trx.selectFrom('activities').select('occurred_at').where('tenant_id', '=', ctx.tenantId).where('id', '=', activityId).where('opportunity_id', '=', opportunityId).executeTakeFirst();
  if (!found) throw new AppError('unprocessable', `Activity ${activityId} is not logged on this deal: log it on the deal first.`, { field: 'activityId' });
  return localDateAt(found.occurred_at, timeZone);
}

async function signerFacts(trx: Tx, ctx: RequestContext, contactId: string, accountId: string) {
  const c = await trx.selectFrom('contacts').select(['id', 'name', 'account_id', 'decision_role']).where('tenant_id', '=', ctx.tenantId).where('id', '=', contactId).executeTakeFirst();
  if (!c) throw new AppError('unprocessable', `Contact ${contactId} does not exist in your workspace.`, { field: 'signerContactId' });
  return { contactId: c.id, name: c.name, ofDealAccount: c.account_id === accountId, decisionRole: c.decision_role };
}
