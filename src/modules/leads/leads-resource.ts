// The lead (线索) record: a prospect not yet qualified. Converted leads are history and stay
// as they were; conversion itself is convert-lead.ts.
import { z } from 'zod';
import { resourceService, type ResourceDef, type ResourceService, refs, ownedByActor } from '../../platform/http/resource.ts';
import { customInputSchema } from '../../platform/custom-fields/custom-fields.ts';
import { AppError } from '../../platform/http/errors.ts';
import { id, iso, name, optionalText } from '../../platform/http/schemas.ts';
import { contactFields } from '../contacts/contacts-resource.ts';

export const leadStatuses = ['new', 'working', 'converted', 'disqualified'] as const;
/** statuses a person may set; 'converted' only comes from converting */
const settableStatuses = ['new', 'working', 'disqualified'] as const;

const leadFields = {
  name: name(),
  company: name(),
  title: contactFields.title,
  phone: contactFields.phone,
  email: contactFields.email,
  industry: optionalText(60),
  region: optionalText(60),
  source: optionalText(60),
  status: z.enum(settableStatuses),
  ownerId: id().nullable(),
  custom: customInputSchema,
};
const createSchema = z.object(leadFields).partial().required({ name: true, company: true }).strict();
const updateSchema = z.object(leadFields).partial().strict();

export const presentLead = (r: Record<string, unknown>) => ({
  id: r.id,
  name: r.name,
  company: r.company,
  title: r.title,
  phone: r.phone,
  email: r.email,
  industry: r.industry,
  region: r.region,
  source: r.source,
  status: r.status,
  ownerId: r.owner_id,
  convertedAccountId: r.converted_account_id,
  convertedContactId: r.converted_contact_id,
  convertedOpportunityId: r.converted_opportunity_id,
  convertedAt: iso(r.converted_at),
  custom: r.custom ?? {},
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const leadsResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'leads',
  singular: 'lead',
  label: 'Lead',
  tag: 'leads',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    name: i.name,
    company: i.company,
    title: i.title,
    phone: i.phone,
    email: i.email,
    industry: i.industry,
    region: i.region,
    source: i.source,
    status: i.status,
    owner_id: i.ownerId,
  }),
  present: presentLead,
  filters: {
    q: { column: 'name', kind: 'search', schema: z.string().max(100), alsoSearch: ['company'] },
    status: { column: 'status', kind: 'eq', schema: z.enum(leadStatuses) },
    ownerId: { column: 'owner_id', kind: 'eq', schema: id() },
    source: { column: 'source', kind: 'eq', schema: z.string().max(60) },
  },
  sorts: {
    createdAt: { column: 'created_at' },
    updatedAt: { column: 'updated_at' },
    name: { column: 'name' },
    company: { column: 'company' },
  },
  defaultSort: '-createdAt',
  ...ownedByActor,
  customFields: true,
  references: [refs.owner],
};

const base = resourceService(leadsResource);

export const alreadyConverted = (lead: Record<string, unknown>) =>
  new AppError('conflict', `This lead was converted at ${iso(lead.converted_at) as string}; work on its opportunity ${lead.converted_opportunity_id as string} instead.`, {
    accountId: lead.converted_account_id,
    contactId: lead.converted_contact_id,
    opportunityId: lead.converted_opportunity_id,
  });

export const leadsService: ResourceService = {
  ...base,
  async update(trx, ctx, leadId, input) {
    const lead = await base.fetch(trx, ctx, leadId, true);
    if (lead.status === 'converted') throw alreadyConverted(lead);
    return base.update(trx, ctx, leadId, input);
  },
};
