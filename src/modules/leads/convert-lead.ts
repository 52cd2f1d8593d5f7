// Converts a lead in one transaction into an account (or joins an existing one), a contact
// and an opportunity, carries the lead's notes over to them and marks the lead converted.
import { z } from 'zod';
import { AppError } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { recordEvent } from '../../platform/events/outbox.ts';
import { resourceService } from '../../platform/http/resource.ts';
import { id, isoDate, money, name } from '../../platform/http/schemas.ts';
import { newId } from '../../platform/ids.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';
import { accountsResource } from '../accounts/accounts-resource.ts';
import { contactsService } from '../contacts/contacts-resource.ts';
import { opportunitiesService } from '../pipeline/opportunities-resource.ts';
import { alreadyConverted, leadsService, presentLead } from './leads-resource.ts';

export const convertLeadSchema = z
  .object({
    /** join this existing account instead of creating one from the lead's company */
    accountId: id().optional(),
    opportunity: z.object({ name: name().optional(), amount: money().optional(), expectedCloseDate: isoDate().optional() }).strict().optional(),
  })
  .strict();
export type ConvertLeadInput = z.infer<typeof convertLeadSchema>;

/** the stage a converted lead's opportunity starts in: converting is qualifying */
export const CONVERTED_STAGE = 'qualified';

const accountsService = resourceService(accountsResource);
type Row = Record<string, unknown>;

/** drops null values so the lead's empty fields fall back to each record's defaults */
const given = (o: Row): Row => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null && v !== undefined));

export async function convertLead(trx: Tx, ctx: RequestContext, leadId: string, input: ConvertLeadInput) {
  authorize(ctx, 'leads', 'update');
  const lead = await leadsService.fetch(trx, ctx, leadId, true);
  if (lead.status === 'converted') throw alreadyConverted(lead);
  if (lead.status === 'disqualified') throw new AppError('conflict', 'This lead is disqualified. Set its status back to working before converting it.');
  const ownerId = lead.owner_id ?? undefined;

  const { account, contact, opportunity } = await createRecords(trx, ctx, lead, input, ownerId).catch((err: unknown) => {
    if (err instanceof z.ZodError) {
      const fields = err.issues.map((i) => i.path.join('.')).join(', ');
      throw new AppError('unprocessable', `The lead's ${fields} cannot be copied as it is; correct the lead and convert again.`, { issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) });
    }
    throw err;
  });

  await trx.updateTable('opportunities').set({ lead_id: leadId }).where('tenant_id', '=', ctx.tenantId).where('id', '=', opportunity.id as string).execute();
  const notesCopied = await copyNotes(trx, ctx, leadId, [
    { entity: 'accounts', entityId: account.id as string },
    { entity: 'opportunities', entityId: opportunity.id as string },
  ]);

  const now = new Date();
  const converted = await trx
    .updateTable('leads')
    .set({ status: 'converted', converted_account_id: account.id as string, converted_contact_id: contact.id as string, converted_opportunity_id: opportunity.id as string, converted_at: now, updated_at: now })
    .where('tenant_id', '=', ctx.tenantId)
    .where('id', '=', leadId)
    .returningAll()
    .executeTakeFirstOrThrow();
  const after = presentLead(converted);
  await recordEvent(trx, ctx, {
    type: 'lead.converted',
    entity: 'leads',
    entityId: leadId,
    before: { status: lead.status },
    after: { status: after.status, convertedAccountId: after.convertedAccountId, convertedContactId: after.convertedContactId, convertedOpportunityId: after.convertedOpportunityId, convertedAt: after.convertedAt },
    payload: { accountId: account.id, accountCreated: !input.accountId, contactId: contact.id, opportunityId: opportunity.id, notesCopied },
  });
  return { lead: after, account, contact, opportunity: await opportunitiesService.get(trx, ctx, opportunity.id as string) };
}

async function createRecords(trx: Tx, ctx: RequestContext, lead: Row, input: ConvertLeadInput, ownerId: unknown) {
  const account = input.accountId
    ? await accountsService.get(trx, ctx, input.accountId)
    : await accountsService.create(trx, ctx, given({ name: lead.company, industry: lead.industry, region: lead.region, ownerId }));
  const contact = await contactsService.create(trx, ctx, given({ name: lead.name, accountId: account.id, title: lead.title, phone: lead.phone, email: lead.email, ownerId }));
  const opportunity = await opportunitiesService.create(
    trx,
    ctx,
    given({
      name: input.opportunity?.name ?? `${(lead.company as string).slice(0, 190)} 商机`,
      accountId: account.id,
      amount: input.opportunity?.amount,
      expectedCloseDate: input.opportunity?.expectedCloseDate,
      stage: CONVERTED_STAGE,
      ownerId,
    }),
  );
  return { account, contact, opportunity };
}

/** copies each of the lead's notes onto the new records, keeping author, visibility and time; the lead keeps its own */
async function copyNotes(trx: Tx, ctx: RequestContext, leadId: string, targets: Array<{ entity: string; entityId: string }>): Promise<number> {
  const notes = await trx.selectFrom('notes').selectAll().where('tenant_id', '=', ctx.tenantId).where('entity', '=', 'leads').where('entity_id', '=', leadId).execute();
  if (!notes.length) return 0;
  const now = new Date();
  await trx
    .insertInto('notes')
    .values(
      targets.flatMap((t) =>
        notes.map((n) => ({ id: newId(), tenant_id: ctx.tenantId, entity: t.entity, entity_id: t.entityId, body: n.body, visibility: n.visibility, author_id: n.author_id, created_at: n.created_at, updated_at: now })),
      ),
    )
    .execute();
  return notes.length;
}
