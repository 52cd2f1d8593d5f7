// The service ticket (服务工单): a customer's support request, part of the account's health.
// Tickets are shared across the service team, so they have no owner scope.
import { z } from 'zod';
import { resourceService, type ResourceDef, type ResourceService, refs, relatedNames } from '../../platform/http/resource.ts';
import { AppError } from '../../platform/http/errors.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { id, iso, isoDateTime, name } from '../../platform/http/schemas.ts';
import type { RequestContext, Tx } from '../../platform/tenancy/context.ts';

export const ticketSeverities = ['low', 'normal', 'high', 'urgent'] as const;
export const ticketStatuses = ['open', 'pending', 'resolved', 'closed'] as const;

const ticketFields = {
  accountId: id(),
  contactId: id().nullable(),
  subject: name(300),
  severity: z.enum(ticketSeverities),
  status: z.enum(ticketStatuses),
  openedAt: isoDateTime(),
};
const createSchema = z.object(ticketFields).partial().required({ accountId: true, subject: true }).strict();
const updateSchema = z.object(ticketFields).partial().strict();

export const presentTicket = (r: Record<string, unknown>) => ({
  id: r.id,
  accountId: r.account_id,
  contactId: r.contact_id,
  subject: r.subject,
  severity: r.severity,
  status: r.status,
  openedAt: iso(r.opened_at),
  resolvedAt: iso(r.resolved_at),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

/** resolving stamps the time; reopening clears it; closing keeps it */
const resolvedAt = (status: string | undefined) => (status === 'resolved' ? new Date() : status === 'open' || status === 'pending' ? null : undefined);

export const serviceTicketsResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'service_tickets',
  path: 'service-tickets',
  singular: 'service_ticket',
  label: 'Service ticket',
  tag: 'service',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    account_id: i.accountId,
    contact_id: i.contactId,
    subject: i.subject,
    severity: i.severity,
    status: i.status,
    opened_at: i.openedAt,
    resolved_at: resolvedAt(i.status),
  }),
  present: presentTicket,
  names: [relatedNames.account],
  filters: {
    q: { column: 'subject', kind: 'search', schema: z.string().max(100) },
    accountId: { column: 'account_id', kind: 'eq', schema: id() },
    contactId: { column: 'contact_id', kind: 'eq', schema: id() },
    status: { column: 'status', kind: 'eq', schema: z.enum(ticketStatuses) },
    severity: { column: 'severity', kind: 'eq', schema: z.enum(ticketSeverities) },
  },
  sorts: {
    openedAt: { column: 'opened_at' },
    createdAt: { column: 'created_at' },
    updatedAt: { column: 'updated_at' },
    resolvedAt: { column: 'resolved_at', nullable: true },
  },
  defaultSort: '-openedAt',
  references: [
    refs.account,
    { column: 'contact_id', table: 'contacts', label: 'Contact' },
  ],
};

/** a ticket's contact must be a person at the ticket's account */
async function refuseContactElsewhere(trx: Tx, ctx: RequestContext, accountId: string, contactId: unknown) {
  if (typeof contactId !== 'string') return;
  const contact = await trx.selectFrom('contacts').select('account_id').where('tenant_id', '=', ctx.tenantId).where('id', '=', contactId).executeTakeFirst();
  if (contact && contact.account_id !== accountId) {
    throw new AppError('unprocessable', 'This contact belongs to another account; pick a contact of the ticket’s account.', { field: 'contactId' });
  }
}

const base = resourceService(serviceTicketsResource);

export const serviceTicketsService: ResourceService = {
  ...base,
  async create(trx, ctx, input) {
    authorize(ctx, 'service_tickets', 'create');
    await refuseContactElsewhere(trx, ctx, input.accountId as string, input.contactId);
    return base.create(trx, ctx, input);
  },
  async update(trx, ctx, ticketId, input) {
    authorize(ctx, 'service_tickets', 'update');
    if (input.accountId !== undefined || input.contactId !== undefined) {
      const stored = await base.fetch(trx, ctx, ticketId, true);
      await refuseContactElsewhere(trx, ctx, (input.accountId ?? stored.account_id) as string, input.contactId !== undefined ? input.contactId : stored.contact_id);
    }
    return base.update(trx, ctx, ticketId, input);
  },
};
