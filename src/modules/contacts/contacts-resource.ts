// The contact (联系人) record: a person at an account and their place in its decision chain.
import { z } from 'zod';
import { resourceService, type ResourceDef, refs, ownedByActor, relatedNames } from '../../platform/http/resource.ts';
import { customInputSchema } from '../../platform/custom-fields/custom-fields.ts';
import { id, iso, name, optionalText } from '../../platform/http/schemas.ts';

export const decisionRoles = ['decision_maker', 'influencer', 'user', 'gatekeeper'] as const;

export const contactFields = {
  name: name(),
  accountId: id().nullable(),
  title: optionalText(100),
  phone: z.string().trim().regex(/^[+\d][\d\s()-]{2,29}$/, 'must be a phone number like +86 138 0000 0000').nullable(),
  email: z.email({ message: 'must be an email address' }).max(200).nullable(),
  wechat: optionalText(60),
  decisionRole: z.enum(decisionRoles).nullable(),
  influence: z.number().int().min(1).max(5).nullable(),
  ownerId: id().nullable(),
  custom: customInputSchema,
};
const createSchema = z.object(contactFields).partial().required({ name: true }).strict();
const updateSchema = z.object(contactFields).partial().strict();

export const presentContact = (r: Record<string, unknown>) => ({
  id: r.id,
  name: r.name,
  accountId: r.account_id,
  title: r.title,
  phone: r.phone,
  email: r.email,
  wechat: r.wechat,
  decisionRole: r.decision_role,
  influence: r.influence,
  ownerId: r.owner_id,
  custom: r.custom ?? {},
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

export const contactsResource: ResourceDef<typeof createSchema, typeof updateSchema> = {
  name: 'contacts',
  singular: 'contact',
  label: 'Contact',
  tag: 'accounts',
  createSchema,
  updateSchema,
  toColumns: (i) => ({
    name: i.name,
    account_id: i.accountId,
    title: i.title,
    phone: i.phone,
    email: i.email,
    wechat: i.wechat,
    decision_role: i.decisionRole,
    influence: i.influence,
    owner_id: i.ownerId,
  }),
  present: presentContact,
  names: [relatedNames.account],
  filters: {
    q: { column: 'name', kind: 'search', schema: z.string().max(100) },
    accountId: { column: 'account_id', kind: 'eq', schema: id() },
    decisionRole: { column: 'decision_role', kind: 'eq', schema: z.enum(decisionRoles) },
    ownerId: { column: 'owner_id', kind: 'eq', schema: id() },
  },
  sorts: {
    name: { column: 'name' },
    createdAt: { column: 'created_at' },
    updatedAt: { column: 'updated_at' },
    influence: { column: 'influence', nullable: true },
  },
  defaultSort: '-createdAt',
  ...ownedByActor,
  customFields: true,
  references: [
    refs.account,
    refs.owner,
  ],
};

export const contactsService = resourceService(contactsResource);
