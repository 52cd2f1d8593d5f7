// The contract (合同) record: what was signed with an account, for how much and for how long.
// Its payment instalments (回款) are payments.ts; the amount may not drop below them.
import { z } from 'zod';
import { resourceService, type ResourceDef, type ResourceService, refs, ownedByActor, relatedNames } from '../../platform/http/resource.ts';
import { authorize } from '../../platform/auth/policies.ts';
import { currency, id, iso, isoDate, money } from '../../platform/http/schemas.ts';
import { centsColumn, fromCents, toCents } from '../../platform/money.ts';
import { refuseOverSchedule } from './payment-schedule.ts';

export const contractStatuses = ['draft', 'active', 'completed', 'terminated'] as const;

const contractFields = {
  accountId: id(),
  opportunityId: id().nullable(),
  number: z.string().trim().min(1, 'must not be empty').max(60),
  amount: money(),
  currency: currency(),
  signedOn: isoDate().nullable(),
  startsOn: isoDate().nullable(),
  endsOn: isoDate().nullable(),
  status: z.enum(contractStatuses),
  ownerId: id().nullable(),
};
const createSchema = z.object(contractFields).partial().required({ accountId: true, number: true, amount: true }).strict();
const updateSchema = z.object(contractFields).partial().strict();

export const presentContract = (r: Record<string, unknown>) => ({
  id: r.id,
  number: r.number,
  accountId: r.account_id,
  opportunityId: r.opportunity_id,
  amount: fromCents(r.amount_cents as string),
  currency: r.currency,
  signedOn: r.signed_on,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  status: r.status,
  ownerId: r.owner_id,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const contractsResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'contracts',
  singular: 'contract',
  label: 'Contract',
  tag: 'contracts',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    account_id: i.accountId,
    opportunity_id: i.opportunityId,
    number: i.number,
    amount_cents: centsColumn(i.amount, 'amount'),
    currency: i.currency,
    signed_on: i.signedOn,
    starts_on: i.startsOn,
    ends_on: i.endsOn,
    status: i.status,
    owner_id: i.ownerId,
  }),
  present: presentContract,
  names: [relatedNames.account],
  filters: {
    q: { column: 'number', kind: 'search', schema: z.string().max(60) },
    accountId: { column: 'account_id', kind: 'eq', schema: id() },
    opportunityId: { column: 'opportunity_id', kind: 'eq', schema: id() },
    status: { column: 'status', kind: 'eq', schema: z.enum(contractStatuses) },
    ownerId: { column: 'owner_id', kind: 'eq', schema: id() },
    signedFrom: { column: 'signed_on', kind: 'gte', schema: isoDate() },
    signedTo: { column: 'signed_on', kind: 'lte', schema: isoDate() },
  },
  sorts: {
    createdAt: { column: 'created_at' },
    signedOn: { column: 'signed_on', nullable: true },
    endsOn: { column: 'ends_on', nullable: true },
    amount: { column: 'amount_cents' },
    number: { column: 'number' },
  },
  defaultSort: '-createdAt',
  ...ownedByActor,
  references: [
    refs.account,
    refs.opportunity,
    refs.owner,
  ],
};

const base = resourceService(contractsResource);

export const contractsService: ResourceService = {
  ...base,
  async update(trx, ctx, contractId, input) {
    authorize(ctx, 'contracts', 'update');
    if (input.amount !== undefined) {
      await base.fetch(trx, ctx, contractId, true);
      await refuseOverSchedule(trx, ctx, contractId, toCents(input.amount as string | number, 'amount'), 0n);
    }
    return base.update(trx, ctx, contractId, input);
  },
};
